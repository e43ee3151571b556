// The cookie notice in the system Chromium (playwright-core drives it), served over HTTP with
// "Content-Security-Policy: default-src 'self'" by a server on 127.0.0.1 started here.
//   node cookie-notice.mjs CHROMIUM DIR PAGE  ->  JSON on stdout: what the browser saw
// DIR holds PAGE, the notice's cookie-notice.css and .js, analytics.js (a script the page marks
// type="text/plain" data-cookie-category="analytics"; it counts its runs in window.analyticsRuns)
// and listen.js (records every kzpolicy:cookie-consent event in window.consentEvents).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { chromium } from "playwright-core";

const [executablePath, dir, pageName] = process.argv.slice(2);
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript" };
const server = createServer(async (request, response) => {
  try {
    const name = decodeURIComponent(new URL(request.url, "http://x").pathname).replace(/^\/+/, "");
    const body = await readFile(join(dir, name));
    response.writeHead(200, { "Content-Type": TYPES[extname(name)] || "application/octet-stream",
      "Content-Security-Policy": "default-src 'self'" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const url = `${origin}/${pageName}`;
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const requests = [];
const problems = [];
const seen = {};
const visible = async (page, selector) => page.locator(selector).first().isVisible();
try {
  // Without JavaScript: the notice reads; its controls are disabled or hidden; nothing runs.
  const bare = await browser.newPage({ javaScriptEnabled: false });
  bare.on("request", (r) => requests.push(r.url()));
  await bare.goto(url);
  seen.noScript = {
    notice: await visible(bare, "#kzpolicy-cookie-notice"),
    text: (await bare.locator("#kzpolicy-cookie-notice").innerText()).trim(),
    buttons: await visible(bare, "button[data-cookie-action]"),
    disabled: await bare.locator("input[data-cookie-category]").evaluateAll((b) => b.map((x) => x.disabled)),
  };
  await bare.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  const state = async () => ({
    notice: await visible(page, "#kzpolicy-cookie-notice"),
    settings: await visible(page, ".kzpolicy-cookie-settings"),
    buttons: await visible(page, "button[data-cookie-action]"),
    runs: await page.evaluate(() => window.analyticsRuns || 0),
    events: await page.evaluate(() => window.consentEvents || []),
    consentAttr: await page.evaluate(() => document.documentElement.getAttribute("data-cookie-consent")),
  });
  seen.first = await state();
  await page.click("button[data-cookie-action=necessary_only]");
  seen.refused = await state();
  await page.reload();
  seen.refusedReload = await state();
  await page.click(".kzpolicy-cookie-settings");
  seen.reopened = await state();
  await page.check("input[data-cookie-category=analytics]");
  await page.click("button[data-cookie-action=save]");
  // the script it activates loads like any external script: give it the time to run (or not)
  await page.waitForFunction(() => window.analyticsRuns, null, { timeout: 5000 }).catch(() => {});
  seen.agreed = await state();
  await page.reload();
  seen.agreedReload = await state();
  await page.click(".kzpolicy-cookie-settings");
  seen.reopenedChecked = await page.isChecked("input[data-cookie-category=analytics]");
  await page.uncheck("input[data-cookie-category=analytics]");
  await Promise.all([page.waitForEvent("load"), page.click("button[data-cookie-action=save]")]);
  seen.withdrawn = await state();
  seen.stored = await page.evaluate(() => JSON.parse(localStorage.getItem("kzpolicy-cookie-consent")));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify({ origin, requests, problems, ...seen }, null, 2) + "\n");
