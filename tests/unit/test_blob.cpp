#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/embedded_rules.hpp"
#include "load/rules_blob.hpp"
#include "load/ruleset_loader.hpp"

using namespace psoas;

TEST_CASE("the built-in blob holds exactly the rule set that rules/*.yaml load to") {
  namespace fs = std::filesystem;
  std::vector<load::RuleFile> files;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(PSOAS_SOURCE_DIR) / "rules")) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({"rules/" + path.filename().string(), text.str()});
  }
  Errors errors;
  auto from_yaml = load::load_rule_set(files, errors);
  REQUIRE(from_yaml);
  CHECK(load::rules_to_blob(*from_yaml) == load::embedded_rule_blob());
  auto from_blob = load::rules_from_blob(load::embedded_rule_blob());
  REQUIRE(from_blob);
  CHECK(from_blob->hash == from_yaml->hash);
  CHECK(from_blob->questions.size() == from_yaml->questions.size());
  const int retired = from_yaml->question_index("new_weakness");
  REQUIRE(retired >= 0);
  CHECK(from_blob->questions[retired].replaced_by == from_yaml->questions[retired].replaced_by);
  CHECK(from_blob->questions[retired].replaced_by == from_yaml->question_index("leg_weakness"));
  CHECK(load::rules_to_blob(*from_blob) == load::embedded_rule_blob());
}

TEST_CASE("a damaged blob is refused, not read past its end") {
  const std::string_view blob = load::embedded_rule_blob();
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, blob.size() / 2, blob.size() - 1}) {
    CHECK_FALSE(load::rules_from_blob(blob.substr(0, cut)).has_value());
  }
  std::string wrong_magic(blob);
  wrong_magic[0] ^= 0x55;
  CHECK_FALSE(load::rules_from_blob(wrong_magic).has_value());
  CHECK_FALSE(load::rules_from_blob(std::string(blob) + "x").has_value());
}
