#include "cli/interview_saving.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/exit_codes.hpp"
#include "engine/engine.hpp"
#include "load/answers_writer.hpp"
#include "report/fhir.hpp"

namespace psoas::cli {
namespace {

// --- Interrupts --------------------------------------------------------------------------------
// The handler only has to say where the answers are and exit: write(2) and _exit(2) are safe in
// a signal handler, and there is no flag to race with a read.
char g_interrupt_message[8192];
std::size_t g_interrupt_length = 0;
char g_lock_to_remove[4096];  // the save file's lock, released with the process

extern "C" void on_interrupt(int signal_number) {
  ssize_t ignored = write(STDERR_FILENO, g_interrupt_message, g_interrupt_length);
  (void)ignored;
  if (g_lock_to_remove[0] != '\0') unlink(g_lock_to_remove);
  _exit(signal_number == SIGINT ? kExitInterrupted : 128 + signal_number);
}

class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t held;
    sigemptyset(&held);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, s);
    sigprocmask(SIG_BLOCK, &held, &previous_);
  }
  ~SignalsHeld() { sigprocmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_;
};

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaction(s, &action, nullptr);
}

std::string resume_hint(const std::string& path) {
  return fmt::format("Resume with: {} interview --resume {}", program(), path);
}

std::string default_save_path(std::string& error) {
  namespace fs = std::filesystem;
  fs::path folder;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/') {
    folder = fs::path(state) / "psoas-triage";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    folder = fs::path(home) / ".local" / "state" / "psoas-triage";
  } else {
    error = "neither XDG_STATE_HOME nor HOME is set, so there is nowhere to keep the answers; "
            "give --save FILE";
    return "";
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    error = fmt::format("{}: cannot create the folder for saved answers: {}", folder.string(),
                        ec.message());
    return "";
  }
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  const std::string stamp = fmt::format("{:%Y%m%d-%H%M%S}", fmt::localtime(now));
  for (int n = 1;; ++n) {
    const fs::path candidate =
        folder / (n == 1 ? fmt::format("interview-{}.yaml", stamp)
                         : fmt::format("interview-{}-{}.yaml", stamp, n));
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
}

Saver::Saver(const RuleSet& rules, std::unique_ptr<interview::SaveFile> file,
             load::AnswerForm form)
    : rules_(rules), file_(std::move(file)), form_(form) {
  const std::string lock = file_->lock_to_remove();
  if (lock.size() < sizeof g_lock_to_remove) {
    std::memcpy(g_lock_to_remove, lock.c_str(), lock.size() + 1);
  }
}

bool Saver::save(const Answers& answers) {
  const SignalsHeld held;
  const std::string text = in_form(answers);
  std::string message;
  if (auto error = file_->write(text)) {
    print_error(fmt::format("{}: cannot save the answers: {}. They are kept, and saved again "
                            "after your next answer",
                            path(), *error));
    message = fmt::format("\nInterrupted. The last answers could not be saved; {} holds the "
                          "answers before them.\n{}\n",
                          path(), resume_hint(path()));
  } else {
    message = fmt::format("\nInterrupted. Your answers so far are saved in {}\n{}\n", path(),
                          resume_hint(path()));
  }
  g_interrupt_length = std::min(message.size(), sizeof g_interrupt_message);
  std::memcpy(g_interrupt_message, message.data(), g_interrupt_length);
  return !file_->behind();
}

std::string Saver::in_form(const Answers& answers) const {
  if (form_ == load::AnswerForm::Json) return load::answers_to_json(rules_, answers);
  if (form_ == load::AnswerForm::Fhir) {
    std::ostringstream out;
    const Assessment assessment = engine::assess(rules_, answers.by_question);
    report::render_fhir_response(out, {rules_, answers, assessment});
    return out.str();
  }
  return load::answers_to_yaml(
      rules_, answers, "Answers saved by psoas-triage interview.\n" + resume_hint(path()));
}

// The last saves failed: the report above used every answer, but the file lags behind it.
int unsaved_at_exit(const Saver& saver) {
  print_error(fmt::format("{}: the last answers could not be saved; the file holds the answers "
                          "before them",
                          saver.path()));
  std::cerr << resume_hint(saver.path()) << "\n";
  return kExitBadInput;
}

}  // namespace psoas::cli
