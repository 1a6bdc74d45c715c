"""Plain language: the texts a person reads stay at about a reading age of 11 to 12 (a
Flesch-Kincaid grade near 6 to 7), measured by tests/readability.py on the built binary."""
import os
import statistics
import sys
import unittest

from harness import BIN, SRC

sys.path.insert(0, os.path.join(SRC, "tests"))
import readability  # noqa: E402  (the measuring script, kept beside the tests)


class PlainLanguage(unittest.TestCase):
    def test_median_grade_stays_low_and_no_text_is_far_beyond_it(self):
        grades = [readability.grade(text)
                  for _, text in readability.texts(BIN, os.path.join(SRC, "rules"))
                  if len(text.split()) >= 6]
        self.assertGreater(len(grades), 200)
        self.assertLessEqual(statistics.median(grades), 7.5)
        self.assertLessEqual(max(grades), 19)  # the blood-thinner names are the hardest

    def test_the_grade_tells_plain_from_hard(self):
        plain = readability.grade("Is one leg warm and swollen? Press on it and see.")
        hard = readability.grade("Unexplained constitutional symptomatology necessitates "
                                 "comprehensive multidisciplinary investigation.")
        self.assertLess(plain, 4)
        self.assertGreater(hard, 15)


if __name__ == "__main__":
    unittest.main()
