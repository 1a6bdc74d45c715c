// Runs axe-core on HTML files in one headless chromium and prints, for each file, the WCAG 2.1 A
// and AA violations as one line of JSON:
// {"file": ..., "violations": [{id, impact, help, nodes: [html, ...]}, ...], "passes": N}.
// Usage: node axe.mjs CHROMIUM FILE.html...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [chromium, ...files] = process.argv.slice(2);

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
try {
  for (const file of files) {
    const page = await browser.newPage();
    // The report's Content-Security-Policy allows no script: bypass it for the checker only.
    await page.setBypassCSP(true);
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const violations = result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html),
    }));
    process.stdout.write(JSON.stringify({ file, violations, passes: result.passes.length }) + "\n");
    await page.close();
  }
} finally {
  await browser.close();
}
