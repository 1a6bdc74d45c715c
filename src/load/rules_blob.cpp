#include "load/rules_blob.hpp"

#include <cstdint>
#include <cstring>

namespace psoas::load {
namespace {

constexpr std::uint32_t kMagic = 0x50534f33;  // "PSO3"; change it when the layout changes

// Writes and reads fields in the same order: one `io` function per type serves both directions.
class Writer {
 public:
  std::string out;
  static constexpr bool kReading = false;
  void u32(std::uint32_t& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void u64(std::uint64_t& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void i32(int& v) {
    auto u = static_cast<std::uint32_t>(v);
    u32(u);
  }
  void flag(bool& v) {
    std::uint32_t u = v ? 1 : 0;
    u32(u);
  }
  void str(std::string& s) {
    auto n = static_cast<std::uint32_t>(s.size());
    u32(n);
    out += s;
  }
  template <typename T, typename Fn>
  void list(std::vector<T>& items, Fn fn) {
    auto n = static_cast<std::uint32_t>(items.size());
    u32(n);
    for (T& item : items) fn(*this, item);
  }
  bool ok() const { return true; }
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  static constexpr bool kReading = true;
  void u32(std::uint32_t& v) { take(&v, sizeof v); }
  void u64(std::uint64_t& v) { take(&v, sizeof v); }
  void i32(int& v) {
    std::uint32_t u = 0;
    u32(u);
    v = static_cast<int>(u);
  }
  void flag(bool& v) {
    std::uint32_t u = 0;
    u32(u);
    v = u != 0;
  }
  void str(std::string& s) {
    std::uint32_t n = 0;
    u32(n);
    if (!ok_ || n > in_.size() - at_) {
      ok_ = false;
      return;
    }
    s.assign(in_.substr(at_, n));
    at_ += n;
  }
  template <typename T, typename Fn>
  void list(std::vector<T>& items, Fn fn) {
    std::uint32_t n = 0;
    u32(n);
    if (!ok_ || n > in_.size() - at_) {  // each item takes at least one byte
      ok_ = false;
      return;
    }
    items.resize(n);
    for (T& item : items) {
      if (!ok_) return;
      fn(*this, item);
    }
  }
  bool ok() const { return ok_ && at_ == in_.size(); }
  bool good() const { return ok_; }

 private:
  void take(void* p, std::size_t n) {
    if (!ok_ || n > in_.size() - at_) {
      ok_ = false;
      std::memset(p, 0, n);
      return;
    }
    std::memcpy(p, in_.data() + at_, n);
    at_ += n;
  }
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

template <typename IO>
void io(IO& x, Location& l) {
  x.str(l.file);
  x.i32(l.line);
  x.i32(l.column);
}

template <typename IO>
void io_strings(IO& x, std::vector<std::string>& v) {
  x.list(v, [](IO& y, std::string& s) { y.str(s); });
}

template <typename IO>
void io_level(IO& x, Level& level) {
  int i = level_index(level);
  x.i32(i);
  level = static_cast<Level>(i < 0 || i > 3 ? 0 : i);
}

template <typename IO>
void io(IO& x, Condition& c) {
  int op = static_cast<int>(c.op);
  x.i32(op);
  c.op = static_cast<Condition::Op>(op);
  x.i32(c.question);
  x.i32(c.value);
  x.u64(c.options);
  io(x, c.at);
  x.list(c.children, [](IO& y, Condition& child) { io(y, child); });
}

template <typename IO>
void io(IO& x, Question& q) {
  x.str(q.id);
  int type = static_cast<int>(q.type);
  x.i32(type);
  q.type = static_cast<QuestionType>(type);
  x.str(q.text);
  x.str(q.help);
  x.str(q.how_to_check);
  x.str(q.item);
  x.list(q.options, [](IO& y, Option& o) {
    y.str(o.id);
    y.str(o.text);
    y.flag(o.exclusive);
    y.str(o.item);
    io(y, o.at);
  });
  x.i32(q.min);
  x.i32(q.max);
  x.str(q.unit);
  x.list(q.bands, [](IO& y, Band& b) {
    y.str(b.id);
    y.str(b.text);
    y.i32(b.min);
    y.i32(b.max);
    io(y, b.at);
  });
  x.flag(q.has_condition);
  io(x, q.ask_if);
  x.i32(q.replaced_by);
  io_strings(x, q.sources);
  io(x, q.at);
}

template <typename IO>
void io(IO& x, RuleSet& r) {
  std::uint32_t magic = kMagic;
  x.u32(magic);
  if (IO::kReading && magic != kMagic) {
    std::string poison;
    x.str(poison);  // cannot be this version's blob: make the reader fail
    return;
  }
  x.str(r.id);
  x.str(r.version);
  x.str(r.title);
  x.str(r.disclaimer);
  x.str(r.hash);
  for (LevelInfo& info : r.levels) {
    x.str(info.title);
    x.str(info.meaning);
    x.str(info.action);
    io_strings(x, info.sources);
  }
  x.i32(r.likely_high);
  x.i32(r.likely_moderate);
  x.i32(r.body_map_question);
  x.i32(r.side_question);
  x.list(r.sources, [](IO& y, Source& s) {
    y.str(s.id);
    y.str(s.title);
    y.str(s.where);
    int kind = static_cast<int>(s.kind);
    y.i32(kind);
    s.kind = static_cast<SourceKind>(kind < 0 || kind >= static_cast<int>(kSourceKinds.size())
                                         ? static_cast<int>(kSourceKinds.size()) - 1
                                         : kind);
    y.str(s.url);
    y.str(s.file);
    io(y, s.at);
  });
  x.list(r.questions, [](IO& y, Question& q) { io(y, q); });
  x.list(r.groups, [](IO& y, QuestionGroup& g) {
    y.str(g.id);
    y.str(g.text);
    y.list(g.members, [](IO& z, GroupMember& m) {
      z.i32(m.question);
      z.i32(m.otherwise);
    });
    io(y, g.at);
  });
  x.list(r.red_flags, [](IO& y, RedFlag& f) {
    y.str(f.id);
    io_level(y, f.level);
    y.str(f.title);
    y.str(f.explain);
    y.str(f.lookalike);
    io(y, f.when);
    io_strings(y, f.sources);
    io(y, f.at);
  });
  x.list(r.structures, [](IO& y, Structure& s) {
    y.str(s.id);
    int kind = static_cast<int>(s.kind);
    y.i32(kind);
    s.kind = kind == 1 ? StructureKind::Lookalike : StructureKind::Iliopsoas;
    y.str(s.name);
    y.str(s.distinguishing);
    y.str(s.origin);
    y.str(s.insertion);
    y.str(s.action);
    y.str(s.referral);
    y.str(s.palpation);
    io_strings(y, s.signs);
    y.u32(s.zones);
    y.str(s.note);
    io_strings(y, s.sources);
    io(y, s.at);
  });
  x.list(r.evidence, [](IO& y, EvidenceRule& e) {
    y.str(e.id);
    y.str(e.because);
    io(y, e.when);
    y.list(e.supports, [](IO& z, Support& s) {
      z.i32(s.structure);
      z.i32(s.weight);
    });
    io_strings(y, e.sources);
    io(y, e.at);
  });
  x.list(r.advice, [](IO& y, Advice& a) {
    y.str(a.id);
    int kind = static_cast<int>(a.kind);
    y.i32(kind);
    a.kind = static_cast<AdviceKind>(kind < 0 || kind > 2 ? 0 : kind);
    y.str(a.title);
    y.str(a.how);
    y.str(a.dosage);
    y.str(a.caveat);
    y.str(a.stop);
    y.list(a.levels, [](IO& z, Level& l) { io_level(z, l); });
    y.flag(a.has_condition);
    io(y, a.when);
    y.flag(a.has_contraindication);
    io(y, a.not_for);
    io_strings(y, a.sources);
    io(y, a.at);
  });
  x.list(r.causes, [](IO& y, Cause& c) {
    y.str(c.id);
    y.str(c.title);
    y.str(c.text);
    io_strings(y, c.sources);
  });
  x.list(r.trigger_points, [](IO& y, TriggerPoint& t) {
    y.str(t.id);
    y.str(t.name);
    y.str(t.location);
    y.str(t.referral);
    y.str(t.palpation);
    io_strings(y, t.release);
    io_strings(y, t.caveats);
    y.i32(t.structure);
    y.u32(t.site);
    y.u32(t.zones);
    io_strings(y, t.sources);
    io(y, t.at);
  });
  x.list(r.differential, [](IO& y, Differential& d) {
    y.str(d.id);
    y.str(d.name);
    io_strings(y, d.synonyms);
    y.str(d.features);
    y.str(d.test);
    io_level(y, d.level);
    y.i32(d.structure);
    y.list(d.red_flags, [](IO& z, int& f) { z.i32(f); });
    io_strings(y, d.sources);
    io(y, d.at);
  });
  x.list(r.card.red_flags, [](IO& y, CardFlag& c) {
    y.i32(c.red_flag);
    y.str(c.sign);
    y.str(c.cause);
    io(y, c.at);
  });
  io_strings(x, r.card.signs);
  io_strings(x, r.card.sources);
}

}  // namespace

std::string rules_to_blob(const RuleSet& rules) {
  Writer w;
  RuleSet copy = rules;
  io(w, copy);
  return std::move(w.out);
}

std::optional<RuleSet> rules_from_blob(std::string_view blob) {
  Reader r(blob);
  RuleSet rules;
  io(r, rules);
  if (!r.ok()) return std::nullopt;
  return rules;
}

}  // namespace psoas::load
