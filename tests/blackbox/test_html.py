"""The HTML report through the real binary: its content and safety as markup, and how it looks in
a real browser (Debian's chromium, headless): a screenshot shows the verdict, the page logs no error,
and it prints to PDF."""
import glob
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zlib

from harness import SRC, TempDirTest, run, vignette

SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The verdict banner's background, per level, as in the page's style sheet.
BANNER = {"emergency": (0xB7, 0x1C, 0x1C), "urgent": (0xBF, 0x36, 0x0C),
          "see-professional": (0xFF, 0xD5, 0x4F), "self-care": (0x2E, 0x7D, 0x32)}
PAIN_RED = (0xC6, 0x28, 0x28)
ONE_PER_LEVEL = ["emergency-01-cauda-equina", "urgent-01-fever",
                 "see-professional-01-leg-tingling", "self-care-01-desk-worker"]


def page(name, *extra):
    status, out, err = run(["assess", "--format", "html", *extra, vignette(name)])
    assert status == 0, err
    return out


def text_of(element):
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


class Content(unittest.TestCase):
    """Checks on the markup itself, for every vignette."""

    def test_every_vignette_gives_a_well_formed_self_contained_page(self):
        for path in sorted(glob.glob(os.path.join(SRC, "tests", "vignettes", "*.yaml"))):
            name = os.path.basename(path)[:-5]
            with self.subTest(name):
                html = page(name)
                root = ET.fromstring(html.split("\n", 1)[1])  # well-formed, past the doctype
                self.assertNotIn("<script", html)
                for attribute in ("src", "href"):
                    for value in re.findall(attribute + r'="([^"]*)"', html):
                        self.assertTrue(value.startswith("#"), value)  # internal links only
                self.assertNotRegex(html, r"url\((?!#)")
                self.assertNotIn("@import", html)
                status, out, _ = run(["assess", "--format", "json", path])
                result = json.loads(out)
                verdict = root.find(".//section[@id='verdict']")
                self.assertEqual(verdict.get("data-level"), result["verdict"]["level"])
                self.assertTrue(text_of(verdict).startswith(result["verdict"]["level"].upper()))
                self.assertIn("This is not a diagnosis.", text_of(root))

    def test_sections_come_verdict_first_and_every_citation_resolves(self):
        html = page("urgent-01-fever")  # the fever flag names a look-alike: its cause leads
        order = [html.index(f'id="{s}"') for s in
                 ("verdict", "cause", "why", "structures", "where", "answers", "sources")]
        self.assertEqual(order, sorted(order))
        root = ET.fromstring(html.split("\n", 1)[1])
        targets = {li.get("id") for li in root.iter("li") if li.get("id")}
        links = [a.get("href")[1:] for a in root.iter("a")]
        self.assertTrue(links)
        self.assertEqual(set(links) - targets, set())

    def test_red_flags_structures_answers_and_stamp_match_the_json(self):
        name = "urgent-01-fever"
        root = ET.fromstring(page(name).split("\n", 1)[1])
        _, out, _ = run(["assess", "--format", "json", vignette(name)])
        result = json.loads(out)
        why = text_of(root.find(".//section[@id='why']"))
        self.assertTrue(result["red_flags"]["fired"])
        self.assertIn("Answers: fever = yes", why)  # what each fired flag rests on
        for flag in result["red_flags"]["fired"] + result["red_flags"]["not_excluded"]:
            self.assertIn(flag["title"], why)
        ranked = [text_of(li.find("strong")) for li in root.find(".//ol[@class='structures']")]
        self.assertEqual(ranked, [s["name"] for s in result["structures"]])
        rows = root.findall(".//section[@id='answers']//tbody/tr")
        given = [q for q, v in result["answers"].items() if v is not None]
        self.assertEqual([text_of(r.find("td/code")) for r in rows], given)
        _, text, _ = run(["assess", vignette(name)])
        self.assertIn(text.rstrip("\n").rsplit("\n", 1)[1], text_of(root.find(".//footer")))

    def test_the_body_diagram_marks_pain_and_the_top_structures_zone(self):
        name = "self-care-01-desk-worker"  # pain_where: [low_back, buttock]; psoas major first
        root = ET.fromstring(page(name).split("\n", 1)[1])
        marks = {g.get("data-region"): g.get("class") for g in root.iter(SVG + "g")
                 if g.get("data-region")}
        self.assertEqual(marks["low_back"], "region pain zone")
        self.assertEqual(marks["buttock"], "region pain zone")
        self.assertEqual(marks["groin"], "region zone")
        self.assertNotIn("knee", marks)
        legend = text_of(root.find(".//ul[@class='legend']"))
        self.assertIn("Where you hurt: A band beside the lower spine", legend)
        self.assertIn("Where Psoas major refers pain", legend)

    def test_self_care_page_has_the_plan(self):
        root = ET.fromstring(page("self-care-01-desk-worker").split("\n", 1)[1])
        self.assertEqual(text_of(root.find(".//section[@id='advice']/h2")), "Self-care plan")


class Interview(unittest.TestCase):
    def test_interview_writes_the_same_page_as_assess(self):
        example = os.path.join(SRC, "examples", "answers.yaml")
        status, out, err = run(["interview", "--no-input", "--answers", example,
                                "--format", "html"])
        self.assertEqual(status, 0, err)
        _, assessed, _ = run(["assess", "--format", "html", example])
        self.assertEqual(out, assessed)
        self.assertIn('data-level="self-care"', out)


class Escaping(TempDirTest):
    def test_rule_set_text_is_escaped_not_interpreted(self):
        rules = os.path.join(self.tmp, "rules")
        shutil.copytree(os.path.join(SRC, "rules"), rules)
        path = os.path.join(rules, "30-structures.yaml")
        with open(path) as f:
            text = f.read()
        text = text.replace("name: Psoas major", "name: \"Psoas <b>major</b> & 'co'\"", 1)
        with open(path, "w") as f:
            f.write(text)
        status, out, err = run(["assess", "--rules", rules, "--format", "html",
                                vignette("self-care-01-desk-worker")])
        self.assertEqual(status, 0, err)
        self.assertNotIn("<b>major</b>", out)
        self.assertIn("Psoas &lt;b&gt;major&lt;/b&gt; &amp; &#39;co&#39;", out)
        ET.fromstring(out.split("\n", 1)[1])


def read_png(path):
    """Decodes an 8-bit RGB or RGBA PNG (what chromium writes); returns width, height, rows."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def count_colour(png, rgb):
    width, _, bpp, rows = png
    pixel = bytes(rgb)
    return sum(sum(1 for x in range(width) if row[x * bpp:x * bpp + 3] == pixel) for row in rows)


class Browser(TempDirTest):
    """Renders the page in headless chromium, as a person opening the file would see it."""

    def chromium(self, *args, html):
        page_path = self.write("report.html", html)
        profile = tempfile.mkdtemp(prefix="chromium-", dir=self.tmp)
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                   "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                   *args, "file://" + page_path]
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              cwd=self.tmp, timeout=120)
        err = done.stderr.decode(errors="replace")
        self.assertEqual(done.returncode, 0, err)
        # Console messages: a script error, a blocked resource (the page's policy allows none).
        self.assertEqual([line for line in err.splitlines() if ":CONSOLE" in line], [])
        return done.stdout.decode(errors="replace")

    def setUp(self):
        super().setUp()
        if not os.path.exists(CHROMIUM):
            self.fail("chromium is not installed: run .ci/deps (apt-get install chromium)")

    def test_the_screenshot_shows_the_verdict_for_every_level(self):
        for name in ONE_PER_LEVEL:
            level = name.split("-0")[0]
            with self.subTest(level):
                html = page(name)
                shot = os.path.join(self.tmp, name + ".png")
                self.chromium("--window-size=900,1400", "--screenshot=" + shot, html=html)
                png = read_png(shot)
                self.assertEqual(png[0], 900)
                # The banner is a solid block of the level's colour near the top of the page.
                banner = count_colour(png, BANNER[level])
                self.assertGreater(banner, 20_000, f"{level}: verdict banner not drawn")
                top = [i for i, row in enumerate(png[3][:400])
                       if bytes(BANNER[level]) in row]
                self.assertTrue(top, f"{level}: verdict not in the first 400 pixel rows")

    def test_the_rendered_page_shows_the_verdict_text_and_pain_regions(self):
        html = page("self-care-01-desk-worker")
        dom = self.chromium("--dump-dom", html=html)
        self.assertRegex(dom, r'<p class="level">SELF-CARE: Self-care at home</p>')
        shot = os.path.join(self.tmp, "page.png")
        self.chromium("--window-size=900,2400", "--screenshot=" + shot, html=html)
        self.assertGreater(count_colour(read_png(shot), PAIN_RED), 1000)  # the marked regions

    def test_it_prints_to_pdf(self):
        html = page("urgent-01-fever")
        pdf = os.path.join(self.tmp, "report.pdf")
        self.chromium("--no-pdf-header-footer", "--print-to-pdf=" + pdf, html=html)
        with open(pdf, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"%PDF-"))
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        self.assertGreaterEqual(pages, 1)
        self.assertLessEqual(pages, 3, "the report should stay a short handout")


if __name__ == "__main__":
    unittest.main()
