// Opens exported HTML files in Debian's Chromium (headless, through playwright-core) and
// reports, per file, axe-core's violations (light and dark colour scheme) and how the page draws its text: computed
// font size, line height and the font Chromium actually used (CSS.getPlatformFontsForNode)
// for the elements the preview also draws. One browser start for every file.
//
//   [PAGE_HEIGHT=900] node page_check.mjs WIDTH SCREENSHOT_DIR FILE.html [FILE.html …]  > report.json
//
// The tests (tests/export/test_real_tools.py) run it; it never touches the network
// (file: pages, background networking off).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const SELECTORS = [".story-title", ".story-subtitle", ".story-byline", "article > p", "h2",
  "h3", "li"];
const [width, shots, ...files] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const report = {};
try {
  for (const file of files) {
    const height = Number(process.env.PAGE_HEIGHT || 900);
    const page = await browser.newPage({ viewport: { width: Number(width), height } });
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const runAxe = () => page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")) }));
    });
    // The page follows the reader's colour scheme: contrast is judged in both.
    await page.emulateMedia({ colorScheme: "dark" });
    const axeDark = await runAxe();
    await page.emulateMedia({ colorScheme: "light" });
    const axe = await runAxe();
    const client = await page.context().newCDPSession(page);
    await client.send("DOM.enable");
    await client.send("CSS.enable");
    const { root } = await client.send("DOM.getDocument", { depth: -1 });
    const styles = {};
    for (const selector of SELECTORS) {
      const found = await page.$(selector);
      if (!found) continue;
      const computed = await found.evaluate((el) => {
        const s = getComputedStyle(el);
        return { fontSize: parseFloat(s.fontSize), lineHeight: s.lineHeight,
          fontWeight: s.fontWeight, fontStyle: s.fontStyle, color: s.color };
      });
      const { nodeId } = await client.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      const { fonts } = await client.send("CSS.getPlatformFontsForNode", { nodeId });
      fonts.sort((a, b) => b.glyphCount - a.glyphCount);
      styles[selector] = { ...computed, font: fonts.length ? fonts[0].familyName : null };
    }
    const shot = join(shots, basename(file).replace(/\.html$/, ".png"));
    await page.screenshot({ path: shot, fullPage: false });
    report[file] = { axe, axeDark, styles, requests, screenshot: shot };
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report, null, 1));
