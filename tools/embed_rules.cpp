// Build step: loads rules/*.yaml with the ordinary loader (so a broken rule set fails the build,
// with its located errors) and writes a C++ source holding the rule set as a binary blob.
// Usage: embed_rules OUT.cpp RULE.yaml...
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "load/document.hpp"
#include "load/rules_blob.hpp"
#include "load/ruleset_loader.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: embed_rules OUT.cpp RULE.yaml...\n");
    return 2;
  }
  psoas::Errors errors;
  std::vector<psoas::load::RuleFile> files;
  for (int i = 2; i < argc; ++i) {
    const std::string path = argv[i];
    auto text = psoas::load::read_file(path, psoas::load::kRuleSetLimits.max_bytes, errors);
    if (!text) break;
    // Name the file as it is in the source tree, so messages and hashes do not depend on where
    // the tree was checked out.
    files.push_back({"rules/" + path.substr(path.rfind('/') + 1), std::move(*text)});
  }
  auto rules = errors.empty() ? psoas::load::load_rule_set(files, errors) : std::nullopt;
  if (!rules) {
    for (const auto& e : errors) std::fprintf(stderr, "%s\n", psoas::to_string(e).c_str());
    return 1;
  }
  const std::string blob = psoas::load::rules_to_blob(*rules);
  std::string out = fmt::format(
      "// Generated from rules/*.yaml by tools/embed_rules (rule set {} {}). Do not edit.\n"
      "#include \"load/embedded_rules.hpp\"\n\nnamespace psoas::load {{\nnamespace {{\n"
      "alignas(8) const unsigned char kBlob[] = {{\n",
      rules->id, rules->version);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    out += fmt::format("{}{},", i % 24 == 0 ? "\n" : "", static_cast<unsigned char>(blob[i]));
  }
  out += "\n};\n}  // namespace\n\nstd::string_view embedded_rule_blob() {\n"
         "  return {reinterpret_cast<const char*>(kBlob), sizeof kBlob};\n}\n\n"
         "}  // namespace psoas::load\n";
  const std::string path = argv[1];
  std::ofstream file(path + ".tmp", std::ios::binary);
  file << out;
  file.close();
  if (!file || std::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "embed_rules: cannot write %s\n", path.c_str());
    return 1;
  }
  return 0;
}
