"""`cmake --install` into a staging prefix, and the Debian package CPack builds."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import SRC, TempDirTest, clean_env

BUILD = os.environ["PSOAS_BUILD_DIR"]


class Install(TempDirTest):
    def test_staged_install_works_from_anywhere(self):
        stage = os.path.join(self.tmp, "stage")
        done = subprocess.run(["cmake", "--install", BUILD, "--prefix", stage],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        expected = ["bin/psoas-triage", "share/man/man1/psoas-triage.1",
                    "share/man/man5/psoas-triage-rules.5",
                    "share/bash-completion/completions/psoas-triage",
                    "share/fish/vendor_completions.d/psoas-triage.fish",
                    "share/psoas-triage/rules/10-questions.yaml",
                    "share/doc/psoas-triage/README.md"]
        for path in expected:
            self.assertTrue(os.path.isfile(os.path.join(stage, path)), path)
        binary = os.path.join(stage, "bin", "psoas-triage")
        example = os.path.join(SRC, "examples", "answers.yaml")
        elsewhere = tempfile.mkdtemp(dir=self.tmp)
        built_in = subprocess.run([binary, "assess", "-f", "json", example], cwd=elsewhere,
                                  capture_output=True, text=True, env=clean_env())
        self.assertEqual(built_in.returncode, 0, built_in.stderr)
        installed = subprocess.run([binary, "assess", "-f", "json", "--rules",
                                    os.path.join(stage, "share", "psoas-triage", "rules"),
                                    example], cwd=elsewhere, capture_output=True, text=True,
                                   env=clean_env())
        self.assertEqual(json.loads(built_in.stdout)["rule_set"],
                         json.loads(installed.stdout)["rule_set"])

    @unittest.skipUnless(shutil.which("dpkg-shlibdeps") and shutil.which("dpkg-deb"),
                         "dpkg-dev is not installed")
    def test_debian_package(self):
        done = subprocess.run(["cpack", "-G", "DEB", "-B", self.tmp], cwd=BUILD,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        debs = [f for f in os.listdir(self.tmp) if f.endswith(".deb")]
        self.assertEqual(len(debs), 1, os.listdir(self.tmp))
        deb = os.path.join(self.tmp, debs[0])
        info = subprocess.run(["dpkg-deb", "-f", deb, "Package", "Version", "Depends"],
                              capture_output=True, text=True).stdout
        self.assertIn("Package: psoas-triage", info)
        self.assertIn("Version: 0.1.0", info)
        for library in ("libc6", "libfmt9", "libyaml-cpp0.7", "libstdc++6"):
            self.assertIn(library, info)
        contents = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True).stdout
        for path in ("./usr/bin/psoas-triage", "./usr/share/man/man1/psoas-triage.1",
                     "./usr/share/bash-completion/completions/psoas-triage"):
            self.assertIn(path, contents)
        root = os.path.join(self.tmp, "root")
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
        version = subprocess.run([os.path.join(root, "usr", "bin", "psoas-triage"), "--version"],
                                 capture_output=True, text=True, env=clean_env())
        self.assertEqual(version.stdout, "psoas-triage 0.1.0\n")
