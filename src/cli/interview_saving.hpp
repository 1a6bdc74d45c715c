#pragma once
// The interview's answers on disk: where they go by default, the save file with this terminal's
// messages, and what an interrupt says. Answers are saved after every answer, atomically and with
// signals held off, so whenever a signal lands the file on disk is whole and current.
#include <memory>
#include <string>

#include "interview/save_file.hpp"
#include "load/answers_loader.hpp"
#include "model/answers.hpp"
#include "model/ruleset.hpp"

namespace psoas::cli {

// From now on, SIGINT, SIGTERM and SIGHUP say where the answers are, release the save file's
// lock and exit (status 130 for SIGINT, 128 + the signal otherwise).
void install_interrupt_handlers();

// "Resume with: psoas-triage interview --resume PATH".
std::string resume_hint(const std::string& path);

// A new file in $XDG_STATE_HOME/psoas-triage (or ~/.local/state/psoas-triage), named by the
// time; "" with `error` set when there is nowhere to keep it.
std::string default_save_path(std::string& error);

// The save file (interview/save_file) with this terminal's messages: a failed save is told at
// once, the answers stay in memory and the next answer saves them all.
class Saver {
 public:
  Saver(const RuleSet& rules, std::unique_ptr<interview::SaveFile> file, load::AnswerForm form);
  const std::string& path() const { return file_->path(); }
  bool behind() const { return file_->behind(); }

  // Writes the answers and readies the interrupt message; false (with a message) on failure.
  bool save(const Answers& answers);

 private:
  // The answers in the save file's own form: a resumed JSON or FHIR file stays JSON or FHIR.
  std::string in_form(const Answers& answers) const;

  const RuleSet& rules_;
  std::unique_ptr<interview::SaveFile> file_;
  load::AnswerForm form_;
};

// The last saves failed: says so, and where to resume; the exit status to return.
int unsaved_at_exit(const Saver& saver);

}  // namespace psoas::cli
