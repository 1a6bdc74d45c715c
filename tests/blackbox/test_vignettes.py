"""Every clinical vignette in tests/vignettes gets its expected level and top structure: the
structure the report leads with (JSON `cause.structure`), "none" when a look-alike red flag leads."""
import collections
import glob
import json
import os
import re
import unittest

from harness import VIGNETTES, run


def expectation(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    expect = text.split("\nexpect:", 1)[1]
    level = re.search(r"^\s+level:\s*(\S+)", expect, re.M).group(1)
    structure = re.search(r"^\s+structure:\s*(\S+)", expect, re.M).group(1)
    return level, structure


class Vignettes(unittest.TestCase):
    def test_every_vignette(self):
        paths = sorted(glob.glob(os.path.join(VIGNETTES, "*.yaml")))
        per_level = collections.Counter()
        misses = []
        for path in paths:
            level, structure = expectation(path)
            per_level[level] += 1
            status, out, err = run(["assess", "--format", "json", path])
            self.assertEqual(status, 0, f"{path}: {err}")
            doc = json.loads(out)
            got_level = doc["verdict"]["level"]
            got_structure = doc["cause"]["structure"]
            if (got_level, got_structure) != (level, structure):
                misses.append(f"{os.path.basename(path)}: expected {level}/{structure}, "
                              f"got {got_level}/{got_structure}")
        self.assertGreaterEqual(len(paths), 24)
        for level in ("emergency", "urgent", "see-professional", "self-care"):
            self.assertGreaterEqual(per_level[level], 6, level)
        self.assertEqual(misses, [], "\n".join(misses))
        print(f"\n{len(paths)} vignettes, all correct: {dict(per_level)}")
