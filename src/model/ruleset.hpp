#pragma once
// The rule set as the engine sees it: plain data, every cross-reference resolved to an index.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/level.hpp"
#include "model/reference_data.hpp"
#include "util/error.hpp"

namespace psoas {

struct Source {
  std::string id;
  std::string title;
  std::string where;  // publisher, journal or author: a bibliographic reference
  SourceKind kind = SourceKind::WebArticle;
  std::string url;   // a public address or a DOI, where one is public
  std::string file;  // a seed document's file name, for scripts; reports show the title
  Location at;
};

struct Option {
  std::string id;
  std::string text;
  bool exclusive = false;  // "none of these": cannot be combined with other options
  std::string item;        // the option as a line of its own in a list (see QuestionGroup)
  Location at;
};

enum class QuestionType { YesNo, OneOf, ManyOf, Number };

// A word a number question also accepts, for a range of it: pain "mild" is 1 to 3.
struct Band {
  std::string id;
  std::string text;
  int min = 0;
  int max = 0;
  Location at;
};

// A condition over earlier answers, evaluated with three values (see engine/condition.hpp).
// A Flag leaf reads a red flag's value instead of an answer; only advice may use it.
struct Condition {
  enum class Op { All, Any, Not, Eq, Ne, Lt, Le, Gt, Ge, In, Contains, Answered, DontKnow, Flag };
  Op op = Op::All;
  int question = -1;           // leaves: index into RuleSet::questions
  int value = 0;               // yes=1/no=0, option index, number, answered=1/0, or flag index
  std::uint64_t options = 0;   // In: the set of option indexes, as bits
  std::vector<Condition> children;
  Location at;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::YesNo;
  std::string text;
  std::string help;  // why it is asked
  std::string how_to_check;  // for a warning sign: how a person can find out, in plain words
  std::string item;          // a short phrase for the question in a list (see QuestionGroup)
  std::vector<Option> options;
  int min = 0;
  int max = 0;
  std::string unit;
  std::vector<Band> bands;  // number questions: words for ranges, in order
  bool has_condition = false;
  Condition ask_if;  // asked unless this is definitely false
  // A question no longer asked: the index of the question that asks it now, or -1. An answer a
  // file gives to it still counts; without one it does not apply (conditions on it are false).
  int replaced_by = -1;
  SourceIds sources;
  Location at;

  bool asked() const { return replaced_by < 0; }
};

// A question in a group. A yes/no question is one line of the list: picked is yes, not picked
// no. A choice question gives a line for each option but `otherwise`, which is its answer when
// none of its lines is picked (a one-of question takes at most one line).
struct GroupMember {
  int question = -1;   // index into RuleSet::questions
  int otherwise = -1;  // choice questions: the option index meant by "none of these"
};

// Consecutive questions that an interview on a terminal shows as one list ("Do you have any of
// these now?"): "none of these" answers each as not picked, the lines picked are taken, and "not
// sure" asks the questions one by one. A member whose ask_if is false is left out of the list;
// an ask_if reads only questions before the group. Answers stay per question, so files, the
// engine and the proof do not know about groups.
struct QuestionGroup {
  std::string id;
  std::string text;
  std::vector<GroupMember> members;  // consecutive in the script, in order
  Location at;
};

struct RedFlag {
  std::string id;
  Level level = Level::SeeProfessional;
  std::string title;
  std::string explain;
  std::string lookalike;  // the condition that can mimic iliopsoas pain, if this flag is one
  Condition when;
  SourceIds sources;
  Location at;
};

// What a structure is: part of the iliopsoas, or a common cause that is not (a look-alike).
enum class StructureKind { Iliopsoas, Lookalike };

struct Structure {
  std::string id;
  StructureKind kind = StructureKind::Iliopsoas;
  std::string name;
  std::string distinguishing;  // look-alikes: what tells it apart from the iliopsoas
  std::string origin;
  std::string insertion;
  std::string action;
  std::string referral;
  std::string palpation;
  std::vector<std::string> signs;
  std::uint32_t zones = 0;  // body-map regions it refers pain to, as bits of kBodyRegions
  std::string note;
  SourceIds sources;
  Location at;
};

struct Support {
  int structure;  // index into RuleSet::structures
  int weight;
};

struct EvidenceRule {
  std::string id;
  std::string because;
  Condition when;
  std::vector<Support> supports;
  SourceIds sources;
  Location at;
};

// Measures anyone may take, exercises (each with a stop rule), and what a professional may offer.
enum class AdviceKind { Measure, Exercise, Professional };

struct Advice {
  std::string id;
  AdviceKind kind = AdviceKind::Measure;
  std::string title;
  std::string how;
  std::string dosage;
  std::string caveat;
  std::string stop;  // exercises: when to stop at once
  std::vector<Level> levels;
  bool has_condition = false;
  Condition when;  // shown only when this is definitely true
  bool has_contraindication = false;
  Condition not_for;  // who must not get it: shown only when this is definitely false
  SourceIds sources;
  Location at;
};

struct Cause {
  std::string id;
  std::string title;
  std::string text;
  SourceIds sources;
};

struct LevelInfo {
  std::string title;
  std::string meaning;
  std::string action;
  SourceIds sources;
};

struct RuleSet {
  std::string id;
  std::string version;
  std::string title;
  std::string disclaimer;
  std::string hash;  // SHA-256 of the rule-set files' names and bytes
  std::array<LevelInfo, 4> levels;  // indexed by level_index
  int likely_high = 8;
  int likely_moderate = 4;
  int body_map_question = -1;  // the many-of question whose options are body-map regions
  int side_question = -1;      // the one-of question with options left, right and both
  std::vector<Source> sources;
  std::vector<Question> questions;
  std::vector<QuestionGroup> groups;
  std::vector<RedFlag> red_flags;
  std::vector<Structure> structures;
  std::vector<EvidenceRule> evidence;
  std::vector<Advice> advice;
  std::vector<Cause> causes;
  std::vector<TriggerPoint> trigger_points;
  std::vector<Differential> differential;
  Card card;

  // The index of question `wanted`, or -1. The search starts at `from` and wraps round, so a
  // reader that passes one past the last index found walks an answer file in script order in
  // one step per answer.
  int question_index(std::string_view wanted, std::size_t from = 0) const;
  int red_flag_index(std::string_view wanted) const;
  const Source* source(std::string_view wanted) const;
  // `ids` with the strongest kind of source first (a stable sort: equal kinds keep their order).
  SourceIds by_strength(const SourceIds& ids) const;
};

}  // namespace psoas
