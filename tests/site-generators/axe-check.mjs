// axe-core on HTML files in the system Chromium (playwright-core drives it; no browser download).
//   node axe-check.mjs CHROMIUM FILE...  ->  {"FILE": [{"id", "impact", "nodes": [target...]}], ...} on stdout
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [executablePath, ...files] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const results = {};
try {
  const page = await browser.newPage({ bypassCSP: true }); // the page's CSP would refuse axe's script
  for (const file of files) {
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    const found = await page.evaluate(async () => {
      const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")) }));
    });
    results[file] = found;
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
