#include "engine/condition.hpp"

#include <algorithm>

namespace psoas::engine {
namespace {

Tri from_bool(bool b) { return b ? Tri::True : Tri::False; }

Tri leaf(const Condition& c, const Answer& a) {
  using Op = Condition::Op;
  if (a.state == Answer::State::NotApplicable) return Tri::False;
  if (c.op == Op::Answered) return from_bool(a.given() == (c.value == 1));
  // "Don't know" said, not merely no answer: a question whose not knowing is itself a sign.
  if (c.op == Op::DontKnow) return from_bool((a.state == Answer::State::Unknown) == (c.value == 1));
  if (!a.given()) return Tri::Unknown;
  // A number answered as a band is the range low..high: a comparison true for all of it is
  // true, false for all of it false, and otherwise unknown. An exact number is a range of one.
  const int low = a.low_end();
  const int high = a.high_end();
  const auto range = [](bool all, bool none) {
    return all ? Tri::True : none ? Tri::False : Tri::Unknown;
  };
  switch (c.op) {
    case Op::Eq: return range(low == c.value && high == c.value, high < c.value || low > c.value);
    case Op::Ne: return range(high < c.value || low > c.value, low == c.value && high == c.value);
    case Op::Lt: return range(high < c.value, low >= c.value);
    case Op::Le: return range(high <= c.value, low > c.value);
    case Op::Gt: return range(low > c.value, high <= c.value);
    case Op::Ge: return range(low >= c.value, high < c.value);
    case Op::In: return from_bool((c.options >> a.value) & 1U);
    case Op::Contains: return from_bool((a.options >> c.value) & 1U);
    default: return Tri::Unknown;
  }
}

}  // namespace

Tri evaluate(const Condition& c, const std::vector<Answer>& answers, std::span<const Tri> flags) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::All: {
      Tri result = Tri::True;
      for (const Condition& child : c.children) {
        const Tri t = evaluate(child, answers, flags);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Unknown) result = Tri::Unknown;
      }
      return result;
    }
    case Op::Any: {
      Tri result = Tri::False;
      for (const Condition& child : c.children) {
        const Tri t = evaluate(child, answers, flags);
        if (t == Tri::True) return Tri::True;
        if (t == Tri::Unknown) result = Tri::Unknown;
      }
      return result;
    }
    case Op::Not: {
      const Tri t = evaluate(c.children.front(), answers, flags);
      return t == Tri::Unknown ? t : from_bool(t == Tri::False);
    }
    case Op::Flag: {
      const auto i = static_cast<std::size_t>(c.value);
      return i < flags.size() ? flags[i] : Tri::Unknown;
    }
    default: return leaf(c, answers[c.question]);
  }
}

void questions_read(const Condition& c, std::vector<int>& out) {
  if (c.question >= 0 && std::find(out.begin(), out.end(), c.question) == out.end()) {
    out.push_back(c.question);
  }
  for (const Condition& child : c.children) questions_read(child, out);
}

void flags_read(const Condition& c, std::vector<int>& out) {
  if (c.op == Condition::Op::Flag && std::find(out.begin(), out.end(), c.value) == out.end()) {
    out.push_back(c.value);
  }
  for (const Condition& child : c.children) flags_read(child, out);
}

}  // namespace psoas::engine
