#pragma once
// FHIR R4 resources: the question script as a Questionnaire, and a result's answers as a
// QuestionnaireResponse that refers to it (the mapping is described in load/fhir_response.hpp).
#include <ostream>

#include "model/ruleset.hpp"
#include "report/report.hpp"
#include "util/error.hpp"

namespace psoas::report {

// Writes the Questionnaire. Returns a warning for each ask-condition that FHIR R4's enableWhen
// cannot express; those items are written without enableWhen, so a form always shows them: a
// form may then ask more than psoas-triage would, never less.
Errors render_fhir_questionnaire(std::ostream& out, const RuleSet& rules);

// Writes the answers as a QuestionnaireResponse, with the verdict and the provenance stamp in its
// narrative.
void render_fhir_response(std::ostream& out, const Result& result);

}  // namespace psoas::report
