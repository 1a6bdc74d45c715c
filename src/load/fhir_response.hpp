#pragma once
// FHIR R4 names for the rule set, and a QuestionnaireResponse read as an answer file.
//
// The question script is a Questionnaire whose item linkIds are the question ids. A yes/no
// question is a boolean item, a one-of question a choice item, a many-of question a repeating
// choice item (one answer per option), a number question an integer item; options are codings
// whose code is the option id. "Don't know" is an item with no answer and the data-absent-reason
// extension `asked-unknown`; an item left out is unanswered.
#include <optional>
#include <string>
#include <string_view>

#include "load/document.hpp"
#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::load {

inline constexpr std::string_view kDataAbsentReason =
    "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// A number answered in words ("mild") is a range, not a number, so an item carries it as this
// extension with the band's id as its valueCode, and no answer.
inline constexpr std::string_view kAnswerBand = "urn:psoas-triage:fhir:answer-band";

// Each question item holds a display item, linkId QUESTION + this, with why it is asked.
inline constexpr std::string_view kHelpSuffix = ".help";

// The Questionnaire's canonical URL: a name-based UUID URN (RFC 9562, version 8) made from the
// rule set's id, so it is stable across the rule set's versions.
std::string questionnaire_url(const RuleSet& rules);

// "URL|VERSION": what a QuestionnaireResponse's `questionnaire` holds.
std::string questionnaire_canonical(const RuleSet& rules);

// True if `root` is a FHIR resource (a mapping with `resourceType`), not a plain answer file.
bool is_fhir_resource(const Node& root);

// Reads a QuestionnaireResponse for this rule set's Questionnaire. Every mistake is appended to
// `errors` with its location; returns nullopt if there were any.
std::optional<Answers> read_questionnaire_response(const Node& root, const RuleSet& rules,
                                                   Errors& errors);

}  // namespace psoas::load
