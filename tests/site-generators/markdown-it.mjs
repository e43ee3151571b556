// markdown-it with every option that rewrites text turned on: raw HTML, linkify (fuzzy
// links and e-mails) and the typographer (quotes, dashes, ellipses, (c) and ±).
//   node markdown-it.mjs FILE.md  ->  the HTML on stdout
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: true, linkify: true, typographer: true });
process.stdout.write(md.render(readFileSync(process.argv[2], "utf8")));
