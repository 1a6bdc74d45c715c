#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/interview_saving.hpp"
#include "cli/output.hpp"
#include "cli/terminal.hpp"
#include "engine/engine.hpp"
#include "interview/answer_parser.hpp"
#include "interview/session.hpp"
#include "load/answers_loader.hpp"
#include "load/json_document.hpp"
#include "model/answer_text.hpp"
#include "report/style.hpp"
#include "util/atomic_file.hpp"

namespace psoas::cli {
namespace {

struct InterviewOptions {
  std::string rules;
  std::string save;
  std::string resume;
  std::string answers;
  bool no_input = false;
  bool full = false;
  bool show_ids = false;
  OutputOptions output;
};

// --- Reading -----------------------------------------------------------------------------------
// A line of at most kMaxLine characters: a longer one (a runaway pipe) is read to its end and
// dropped, so memory stays bounded. False at the end of input.
constexpr std::size_t kMaxLine = 4096;

bool read_line(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  int c = 0;
  bool any = false;
  while ((c = std::cin.get()) != std::char_traits<char>::eof()) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxLine) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  return any;
}

// --- Prompts -----------------------------------------------------------------------------------
class Prompter {
 public:
  Prompter(const RuleSet& rules, bool color, bool echo, bool show_ids)
      : rules_(rules), color_(color), echo_(echo), show_ids_(show_ids) {}

  std::string bold(std::string_view text) const {
    return color_ ? fmt::format("\033[1m{}\033[0m", text) : std::string(text);
  }
  std::string alarm(std::string_view text) const {
    return color_ ? fmt::format("\033[1;37;41m{}\033[0m", text) : std::string(text);
  }

  // Text wrapped to the terminal, never in the middle of a word.
  std::string fit(std::string_view text, std::size_t indent) const {
    return report::wrap(text, indent, static_cast<std::size_t>(terminal_width(STDERR_FILENO)) - 1);
  }

  // A question, or a group shown as a list (`shown` set, `q` the list): the label names the
  // question ids it answers.
  void ask(const interview::Session& session, int index, const Question& q,
           const interview::GroupList* shown, bool grouped) const {
    const int number = session.number();
    const int total = std::max(number, number - 1 + session.remaining(grouped));
    std::vector<std::string> ids;
    if (shown) {
      for (int member : shown->members) ids.push_back(rules_.questions[member].id);
    } else {
      ids.push_back(q.id);
    }
    std::cerr << fmt::format("\nQuestion {} of about {}{}\n", number, total,
                             show_ids_ ? fmt::format(" [{}]", fmt::join(ids, " ")) : "")
              << bold(fit(q.text, 0)) << "\n";
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      if (shown && i < shown->headings.size() && !shown->headings[i].empty()) {
        std::cerr << "  " << fit(shown->headings[i], 2) << "\n";
      }
      std::cerr << "  " << fit(fmt::format("{}) {}", i + 1, q.options[i].text), 5) << "\n";
    }
    const std::string accepted =
        shown ? "Type the numbers or names of those you have, none, or not sure to take them "
                "one at a time."
              : interview::accepted_answers(q);
    std::cerr << "  " << fit(accepted + "  (? why, back, quit)", 2) << "\n";
    const std::vector<Answer>& answers = session.answers().by_question;
    const std::string previous =
        shown ? interview::group_token(rules_, *shown, answers)
              : (answers[index].state != Answer::State::Missing ? answer_token(q, answers[index])
                                                                : "");
    if (!previous.empty() && (!shown || answers[index].state != Answer::State::Missing)) {
      std::cerr << "  Your answer was: " << previous << "\n";
    }
    std::cerr << "> " << std::flush;
  }

  void echo(const std::string& line) const {
    if (echo_) std::cerr << report::text_safe(line) << "\n";
  }

  void help(int index, const interview::GroupList* shown) const {
    if (shown) {
      for (int member : shown->members) {
        const Question& m = rules_.questions[member];
        std::cerr << fit(fmt::format("{} ({}): {} [{}]", m.item.empty() ? m.text : m.item, m.id,
                                     m.help, fmt::join(m.sources, ", ")),
                         0)
                  << "\n";
      }
      return;
    }
    const Question& q = rules_.questions[index];
    std::cerr << fit(fmt::format("Why this is asked ({}): {}", q.id, q.help), 0) << "\n";
    for (const std::string& id : q.sources) {
      if (const Source* s = rules_.source(id)) {
        std::cerr << fmt::format("  [{}] {}. {}\n", id, s->title, s->where);
      }
    }
  }

 private:
  const RuleSet& rules_;
  bool color_;
  bool echo_;
  bool show_ids_;  // question ids in each prompt, for clinicians and scripts that drive it
};

std::optional<Answers> starting_answers(const InterviewOptions& o, const RuleSet& rules,
                                       load::AnswerForm& form) {
  Answers start;
  start.by_question.resize(rules.questions.size());
  const std::string& from = o.resume.empty() ? o.answers : o.resume;
  if (from.empty()) return start;
  Errors errors;
  load::AnswerForm read_as = load::AnswerForm::Yaml;
  auto loaded = load::load_answers(from, rules, errors, &read_as);
  if (!o.resume.empty()) form = read_as;
  if (!loaded) {
    print_errors(errors);
    return std::nullopt;
  }
  note_replaced_questions(from, rules, *loaded);
  return loaded;  // its id, note and `expect` are written back with the answers
}

int finish(const RuleSet& rules, const Answers& answers, const OutputOptions& output) {
  const Assessment assessment = engine::assess(rules, answers.by_question);
  print_report(std::cout, {rules, answers, assessment}, output);
  return output.exit_code ? verdict_exit_code(assessment.level) : kExitOk;
}

// Whether `path` may be written: it does not exist, or psoas-triage wrote it (its provenance
// stamp is in it), so a file the person did not give the tool is never replaced.
bool ours_or_absent(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return true;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.find("psoas-triage ") != std::string::npos &&
         text.find("; rule set ") != std::string::npos;
}

// The end of an interview on a terminal: the full report (text and HTML) is written beside the
// save file, and one screen says what to do; --full pages the whole report instead.
int finish_on_terminal(const RuleSet& rules, const Answers& answers, const InterviewOptions& o,
                       const std::string& save_path) {
  const Assessment assessment = engine::assess(rules, answers.by_question);
  const std::string when = report_time();
  const report::Result result{rules, answers, assessment, when};
  std::ostringstream text;
  report::render_text(text, result, {false, wants_unicode()});
  std::ostringstream html;
  report::render_html(html, result);
  std::string stem = save_path;
  if (stem.size() > 5 && stem.ends_with(".yaml")) stem.resize(stem.size() - 5);
  std::vector<std::string> written;
  for (const auto& [path, content] : {std::pair{stem + ".report.txt", text.str()},
                                      std::pair{stem + ".report.html", html.str()}}) {
    if (!ours_or_absent(path)) {
      print_error(fmt::format("{}: exists and was not written by psoas-triage; the report is "
                              "not saved there",
                              path));
    } else if (auto error = write_file_atomically(path, content)) {
      print_error(fmt::format("{}: cannot save the report: {}", path, *error));
    } else {
      written.push_back(path);
    }
  }
  if (o.full) {
    std::ostringstream full;
    report::render_text(full, result, {wants_color(STDOUT_FILENO), wants_unicode()});
    page(full.str());
  } else {
    report::render_summary(std::cout, result,
                           {wants_color(STDOUT_FILENO),
                            static_cast<std::size_t>(terminal_width(STDOUT_FILENO)), written});
  }
  return o.output.exit_code ? verdict_exit_code(assessment.level) : kExitOk;
}

int run_interview(const InterviewOptions& o) {
  auto rules = load_rules(o.rules);
  if (!rules) return kExitBadInput;
  // A new save file is JSON if named *.json, else YAML; a resumed one keeps its own form.
  load::AnswerForm form = load::is_json_input(o.save, "") ? load::AnswerForm::Json
                                                           : load::AnswerForm::Yaml;
  auto start = starting_answers(o, *rules, form);
  if (!start) return kExitBadInput;
  interview::Session session(*rules, std::move(*start));

  if (o.no_input) {
    if (session.current()) {
      const auto effective = engine::with_applicability(*rules, session.answers().by_question);
      std::vector<std::string> missing;
      for (std::size_t i = 0; i < effective.size(); ++i) {
        if (effective[i].state == Answer::State::Missing) missing.push_back(rules->questions[i].id);
      }
      print_error(fmt::format("--no-input: {} questions have no answer: {}", missing.size(),
                              fmt::join(missing, ", ")));
      return kExitIncomplete;
    }
    return finish(*rules, session.answers(), o.output);
  }

  std::string path = !o.save.empty() ? o.save : o.resume;
  if (!o.save.empty()) {
    // --save starts a new file: it never replaces one, an answer file (use --resume) or any
    // other (a device, a FIFO, someone's notes).
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(o.save, ec))) {
      print_error(fmt::format("{}: exists; --save writes a new file. To continue the answers in "
                              "it, use: {} interview --resume {}",
                              o.save, program(), o.save));
      return kExitBadInput;
    }
  }
  if (path.empty()) {
    std::string error;
    path = default_save_path(error);
    if (path.empty()) {
      print_error(error);
      return kExitUsage;
    }
  }
  std::string lock_error;
  auto save_file = interview::SaveFile::open(path, lock_error);
  if (!save_file) {
    print_error(lock_error);
    return kExitBadInput;
  }
  if (save_file->stale_removed() > 0) {
    std::cerr << fmt::format("Removed {} temporary file(s) that an interrupted save left beside "
                             "{}.\n",
                             save_file->stale_removed(), path);
  }
  Saver saver(*rules, std::move(save_file), form);
  if (!saver.save(session.answers())) return kExitBadInput;
  install_interrupt_handlers();

  const bool terminal = is_terminal(STDIN_FILENO);
  const Prompter prompt(*rules, wants_color(STDERR_FILENO), !terminal, o.show_ids);
  std::cerr << prompt.bold("psoas-triage interview") << ": a few questions about your pain, "
            << "the most urgent first.\nType ? at any question to see why it is asked. Your "
            << "answers are saved as you go in\n  " << saver.path() << "\n"
            << "It is not a diagnosis. If you feel very unwell, call emergency services now.\n";

  // After each answer: an emergency stops the interview at once; an urgent flag is told once.
  const auto stop_for_emergency = [&](const interview::Session& now) {
    const auto emergency =
        engine::flags_holding(*rules, now.answers().by_question, Level::Emergency);
    if (emergency.empty()) return false;
    // On a terminal the one-screen summary that follows says what to do; through a pipe the
    // full report goes to standard output, so the prompt side says it here.
    std::cerr << "\n" << prompt.alarm(" EMERGENCY ") << " " << prompt.bold(emergency.front()->title)
              << "\n";
    if (!is_terminal(STDOUT_FILENO)) {
      std::cerr << report::wrap(rules->levels[level_index(Level::Emergency)].action, 0,
                                static_cast<std::size_t>(terminal_width(STDERR_FILENO)) - 2)
                << "\n";
    }
    std::cerr << "The interview stops here; the report follows.\n";
    return true;
  };
  std::vector<const RedFlag*> told;
  const auto announce_urgent = [&](const interview::Session& now) {
    for (const RedFlag* flag :
         engine::flags_holding(*rules, now.answers().by_question, Level::Urgent)) {
      if (std::find(told.begin(), told.end(), flag) != told.end()) continue;
      told.push_back(flag);
      std::cerr << "\n" << prompt.bold(fmt::format("URGENT: {}.", flag->title)) << " "
                << rules->levels[level_index(Level::Urgent)].action
                << "\nThe questions go on to complete the picture; type quit to stop and see "
                   "the report now.\n";
    }
  };
  std::vector<int> explained;  // warning-sign questions whose "don't know" got one more try
  std::vector<const QuestionGroup*> one_by_one;  // groups the person chose to take singly
  while (auto index = session.current()) {
    // On a terminal a group of warning signs is one list; through a pipe every question is
    // asked alone, so piped answers keep one line per question.
    const QuestionGroup* group = terminal ? session.current_group() : nullptr;
    if (group && std::find(one_by_one.begin(), one_by_one.end(), group) != one_by_one.end()) {
      group = nullptr;
    }
    const interview::GroupList shown =
        group ? interview::group_as_list(*rules, *group, session.answers().by_question)
              : interview::GroupList{};
    const Question& asked = group ? shown.list : rules->questions[*index];
    prompt.ask(session, *index, asked, group ? &shown : nullptr, terminal);
    std::string line;
    bool too_long = false;
    if (!read_line(line, too_long)) {
      if (saver.behind()) return unsaved_at_exit(saver);
      std::cerr << fmt::format("\nInput ended. Your answers so far are saved in {}\n{}\n",
                               saver.path(), resume_hint(saver.path()));
      return kExitIncomplete;
    }
    prompt.echo(line);
    if (too_long) {
      std::cerr << fmt::format("That answer is longer than {} characters; please type a short "
                               "one.\n",
                               kMaxLine);
      continue;
    }
    const interview::Typed typed = interview::parse_typed(asked, line);
    if (const auto* command = std::get_if<interview::Command>(&typed)) {
      if (*command == interview::Command::Help) prompt.help(*index, group ? &shown : nullptr);
      if (*command == interview::Command::Back && !session.back()) {
        std::cerr << "This is the first question of this session.\n";
      }
      if (*command == interview::Command::Quit) {
        std::cerr << "Stopped. The report below covers the answers given so far.\n";
        break;
      }
      continue;
    }
    if (const auto* invalid = std::get_if<interview::Invalid>(&typed)) {
      std::cerr << report::text_safe(invalid->message) << "\n";
      continue;
    }
    const Answer& answer = std::get<Answer>(typed);
    if (group) {
      const auto read = interview::group_answers(*rules, *group, shown, answer);
      if (const auto* invalid = std::get_if<interview::Invalid>(&read)) {
        std::cerr << invalid->message << "\n";
        continue;
      }
      const auto& answers = std::get<std::vector<Answer>>(read);
      if (answers.empty()) {
        std::cerr << "Then one at a time.\n";
        one_by_one.push_back(group);
        continue;
      }
      session.answer_group(shown.members, answers);
      saver.save(session.answers());
      if (stop_for_emergency(session)) break;
      announce_urgent(session);
      continue;
    }
    const Question& question = rules->questions[*index];
    if (answer.state == Answer::State::Unknown && !question.how_to_check.empty() &&
        std::find(explained.begin(), explained.end(), *index) == explained.end()) {
      // "Not sure" on a warning sign: say how to find out, and ask once more.
      explained.push_back(*index);
      std::cerr << prompt.fit("Not sure? " + question.how_to_check, 0)
                << "\nAnswer again, or say don't know once more.\n";
      continue;
    }
    session.answer(answer);
    saver.save(session.answers());

    if (stop_for_emergency(session)) break;
    announce_urgent(session);
  }

  const bool one_screen = o.output.format == "text" && is_terminal(STDOUT_FILENO);
  if (one_screen) {
    // Where the answers are comes first, so that the verdict is the last line on the screen.
    if (!saver.behind()) {
      std::cerr << "\nYour answers are saved in " << saver.path() << "\n" << std::flush;
      return finish_on_terminal(*rules, session.answers(), o, saver.path());
    }
    finish_on_terminal(*rules, session.answers(), o, saver.path());
    return unsaved_at_exit(saver);
  }
  const int status = finish(*rules, session.answers(), o.output);
  if (saver.behind()) return unsaved_at_exit(saver);
  std::cerr << "\nYour answers are saved in " << saver.path() << "\n";
  return status;
}

}  // namespace

Runner setup_interview(CLI::App& command) {
  auto options = std::make_shared<InterviewOptions>();
  command.add_option("--save", options->save,
                     "Save the answers to FILE after every answer (default: a new file in "
                     "$XDG_STATE_HOME/psoas-triage/)")
      ->type_name("FILE");
  auto* resume = command.add_option("--resume", options->resume,
                                    "Continue a saved interview: ask only what FILE lacks, and keep "
                                    "saving to it")
                     ->type_name("FILE");
  command.add_option("--answers", options->answers,
                     "Start from the answers in FILE (it is not changed)")
      ->type_name("FILE")
      ->excludes(resume);
  command.add_flag("--show-ids", options->show_ids,
                   "Show the question ids in each prompt (? shows the id of one question)");
  command.add_flag("--full", options->full,
                   "On a terminal, show the full report (through $PAGER) instead of the "
                   "one-screen summary");
  command.add_flag("--no-input", options->no_input,
                   "Never prompt: complete from --answers or --resume alone, and fail naming "
                   "the questions left");
  add_output_options(command, options->output);
  add_rules_option(command, options->rules);
  command.footer(R"(Examples:
  psoas-triage interview
  psoas-triage interview --save my-answers.yaml
  psoas-triage interview --resume my-answers.yaml
  printf '34\nno\nno\n' | psoas-triage interview
  psoas-triage interview --no-input --answers known.yaml --format json
  psoas-triage interview --format html > report.html

At any question: ? (or help) shows why it is asked and its sources; back returns to the
previous question; quit stops and shows the report; "don't know" (or dk) is always accepted.
Ctrl-C or Ctrl-D stops at once; the answers so far are already saved.)");
  return [options] { return run_interview(*options); };
}

}  // namespace psoas::cli
