// The quick reference as data: search at word starts, sources strongest first, the card.
#include <algorithm>

#include "helpers.hpp"
#include "reference/reference.hpp"

using namespace psoas;

namespace {

bool found(const std::vector<reference::Entry>& entries, std::string_view id) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const reference::Entry& e) { return e.id == id; });
}

}  // namespace

TEST_CASE("a short search term is a whole word; a longer one starts a word") {
  std::vector<reference::Entry> all = {
      {"lookalikes", "fai", "Impingement", {{"Also called", "FAI, labral tear"}}, {}, 0, 0},
      {"red-flags", "faint", "Fainting", {{"Why", "faintness and dizziness"}}, {}, 0, 0},
      {"signs", "stretch", "Hip flexor stretching", {}, {}, 0, 0}};
  CHECK(found(reference::search(all, "FAI"), "fai"));
  CHECK_FALSE(found(reference::search(all, "fai"), "faint"));
  CHECK(found(reference::search(all, "faint"), "faint"));
  CHECK(found(reference::search(all, "stretch"), "stretch"));
  CHECK_FALSE(found(reference::search(all, "retch"), "stretch"));  // not inside a word
  CHECK(reference::search(all, "").empty());
}

TEST_CASE("sources come strongest first, equal kinds in their order") {
  const RuleSet& rules = test::shipped_rules();
  const SourceIds ids = rules.by_strength({"seed-003", "hill-2020", "nice-ng59", "seed-001"});
  CHECK(ids == SourceIds{"nice-ng59", "hill-2020", "seed-003", "seed-001"});
}

TEST_CASE("the card has every red flag once, most urgent first") {
  const RuleSet& rules = test::shipped_rules();
  const reference::CardView card = reference::build_card(rules);
  REQUIRE(card.flags.size() == rules.red_flags.size());
  CHECK(std::is_sorted(card.flags.begin(), card.flags.end(), [](const auto& a, const auto& b) {
    return level_index(a.level) > level_index(b.level);  // a higher index is more urgent
  }));
  CHECK(card.structures.size() == 5);
  CHECK_FALSE(card.signs.empty());
}
