// The rule-set loader on one file, then lint, the graph, the reference and the FHIR Questionnaire
// on what loads.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/graph.hpp"
#include "analysis/lint.hpp"
#include "load/ruleset_loader.hpp"
#include "reference/reference.hpp"
#include "report/fhir.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<psoas::load::RuleFile> files = {
      {"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)}};
  psoas::Errors errors;
  auto rules = psoas::load::load_rule_set(files, errors);
  if (!rules) {
    for (const auto& e : errors) (void)psoas::to_string(e);
    return 0;
  }
  (void)psoas::analysis::lint_warnings(*rules);
  std::ostringstream out;
  psoas::analysis::write_dot(out, *rules);
  (void)psoas::reference::build(*rules);
  (void)psoas::report::render_fhir_questionnaire(out, *rules);
  return 0;
}
