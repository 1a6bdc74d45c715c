"""The man page renders without warnings and documents every command and option the binary has."""
import os
import re
import shutil
import subprocess
import unittest

from harness import SRC, run

MAN = os.path.join(SRC, "man", "psoas-triage.1")
MAN5 = os.path.join(SRC, "man", "psoas-triage-rules.5")


def options_in_help(args):
    _, out, _ = run(args + ["--help"])
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", out))


def commands_in_help():
    _, out, _ = run(["--help"])
    section = re.split(r"(?i)^subcommands:", out, maxsplit=1, flags=re.M)[1].split("\n\n")[0]
    return set(re.findall(r"^\s+([a-z]+)\s", section, re.M))


class ManPage(unittest.TestCase):
    def setUp(self):
        with open(MAN, encoding="utf-8") as f:
            # roff escapes hyphens in options as \-
            self.text = f.read().replace("\\-", "-")

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed")
    def test_renders_without_warnings(self):
        for page in (MAN, MAN5):
            done = subprocess.run(["groff", "-man", "-ww", "-z", page], capture_output=True,
                                  text=True)
            self.assertEqual(done.returncode, 0, page)
            self.assertEqual(done.stderr, "", page)

    def test_formats_page_documents_every_rule_set_section(self):
        with open(MAN5, encoding="utf-8") as f:
            text = f.read()
        loader = open(os.path.join(SRC, "src", "load", "ruleset_loader.cpp"),
                      encoding="utf-8").read()
        sections = re.search(r"kSections = \{(.*?)\};", loader, re.S).group(1)
        for section in re.findall(r'"(\w+)"', sections):
            self.assertIn(section, text, section)

    def test_every_report_format_is_documented(self):
        _, out, _ = run(["assess", "--help"])
        formats = re.findall(r"\b(text|json|markdown|html|fhir)\b", out.split("--format", 1)[1])
        self.assertEqual(set(formats), {"text", "json", "markdown", "html", "fhir"})
        for name in formats:
            self.assertRegex(self.text, rf"\.BR? {name}\b", name)

    def test_every_command_and_option_is_documented(self):
        commands = commands_in_help()
        self.assertEqual(commands, {"interview", "assess", "batch", "eval", "ref", "rules"})
        for sub in ("lint", "check", "graph", "diff", "export"):
            self.assertRegex(self.text, rf"\.B rules {sub}")
            for option in options_in_help(["rules", sub]):
                self.assertIn(option, self.text, f"rules {sub} {option}")
        self.assertIn("--resume", options_in_help(["interview"]))  # the check sees options
        for command in commands:
            self.assertRegex(self.text, rf"\.B {command}\b", command)
            for option in options_in_help([command]):
                self.assertIn(option, self.text, f"{command} {option}")
        for option in options_in_help([]):
            self.assertIn(option, self.text, option)

    def test_every_exit_status_is_documented(self):
        source = open(os.path.join(SRC, "src", "cli", "exit_codes.hpp"), encoding="utf-8").read()
        for status in re.findall(r"= (\d+),", source):
            self.assertRegex(self.text, rf"\.B {status}\n", status)
        for status in ("10", "11", "12", "13"):
            self.assertIn(status, self.text)
