// The consent checkbox in a real form, in the system Chromium (playwright-core drives it).
//   node consent-form.mjs CHROMIUM FILE  ->  JSON on stdout: what the browser saw
// The page holds the snippet inside <form>; the script submits it unticked (the browser must
// refuse: `required`), ticks every required box, submits again and reports the form data the
// site would receive, and every request the page made (the snippet makes none of its own).
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [executablePath, file] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const requests = [];
try {
  const page = await browser.newPage({ javaScriptEnabled: false });
  page.on("request", (request) => requests.push(request.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url);
  const unticked = await page.$$eval("input[type=checkbox]", (boxes) => boxes.map((b) => ({
    name: b.name, checked: b.checked, required: b.required, label: b.closest("label").textContent.trim() })));
  await page.click("button[type=submit]");
  const stayed = page.url() === url;
  for (const box of await page.$$("input[type=checkbox][required]")) await box.check();
  await Promise.all([page.waitForURL((u) => u.href !== url), page.click("button[type=submit]")]);
  const sent = Object.fromEntries(new URL(page.url()).searchParams.entries());
  process.stdout.write(JSON.stringify({ unticked, stayed, sent, requests }, null, 2) + "\n");
} finally {
  await browser.close();
}
