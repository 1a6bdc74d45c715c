#pragma once
// Conditions are evaluated with three values. A check on a question that was not answered, or
// answered "don't know", is Unknown: neither true nor false. `all` is false if any part is false,
// `any` is true if any part is true, and otherwise Unknown stays Unknown (Kleene's logic). Only
// `answered` is always decided. So a red flag is excluded only by answers that rule it out.
// A check on a question that does not apply (see engine::with_applicability) is false: the
// earlier answer that skipped it has already ruled its finding out. That holds for `answered`
// too: a question that does not apply is neither answered nor unanswered.
// A `flag` check (advice only) takes the red flag's value from `flags`; without them, Unknown.
#include <span>
#include <vector>

#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::engine {

enum class Tri { False, Unknown, True };

Tri evaluate(const Condition& condition, const std::vector<Answer>& answers,
             std::span<const Tri> flags = {});

// The questions a condition reads, each once, in first-seen order.
void questions_read(const Condition& condition, std::vector<int>& out);

// The red flags a condition reads (advice only), each once, in first-seen order.
void flags_read(const Condition& condition, std::vector<int>& out);

}  // namespace psoas::engine
