// WCAG 2.2 AA check of HTML files: each file is opened via file:// in
// Debian's headless chromium, axe-core is injected and run with the WCAG
// 2.0/2.1/2.2 A and AA rules.
//
//   node axe-check.mjs FILE.html...
//
// Prints every violation (file, rule, impact, help, target selectors, node
// count) and a summary line per file. Exit status: 0 no violation, 1 at
// least one violation, 2 usage or launch error.
// CHROMIUM overrides the browser (default /usr/bin/chromium).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const HERE = fileURLToPath(new URL('.', import.meta.url));

function fail(message) {
  console.error(`axe-check: ${message}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0 || files.some((f) => f === '-h' || f === '--help')) {
  console.error('usage: node axe-check.mjs FILE.html...');
  process.exit(2);
}
for (const f of files) {
  if (!existsSync(f) || !statSync(f).isFile()) fail(`${f}: no such file`);
}

// The pinned packages, from tests/a11y/node_modules.
const require = createRequire(import.meta.url);
let chromium;
let axePath;
try {
  axePath = require.resolve('axe-core/axe.min.js');
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  fail(`cannot load axe-core or playwright-core from ${HERE}node_modules (${e.code || e.message}); ` +
       `run 'make test', or 'npm ci' in ${HERE}`);
}
const axeVersion = require('axe-core/package.json').version;
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM}: no chromium (apt-get install chromium, or set CHROMIUM)`);

// A fresh profile, removed on exit; chromium is told not to reach the network.
const profile = mkdtempSync(join(tmpdir(), 'axe-check-'));
let browser;
try {
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
} catch (e) {
  rmSync(profile, { recursive: true, force: true });
  fail(`cannot launch ${CHROMIUM}: ${e.message.split('\n')[0]}`);
}

let violated = 0;
try {
  const page = browser.pages()[0] || (await browser.newPage());
  for (const f of files) {
    const url = pathToFileURL(resolve(f)).href;
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await page.addScriptTag({ path: axePath });
    const r = await page.evaluate(
      (values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), TAGS);
    for (const v of r.violations) {
      const targets = v.nodes.map((n) => n.target.join(' ')).join(', ');
      console.log(`${f}: ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}: ${targets}]`);
    }
    const incomplete = r.incomplete.map((i) => i.id).join(', ');
    console.log(`${f}: ${r.passes.length} rules passed, ${r.violations.length} violations, ` +
                `${r.incomplete.length} incomplete${incomplete ? ` (needs review: ${incomplete})` : ''}`);
    violated += r.violations.length;
  }
} catch (e) {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
  fail(e.message.split('\n')[0]);
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(`axe-core ${axeVersion}, ${TAGS.join(' ')}: ${files.length} file${files.length === 1 ? '' : 's'}, ` +
            `${violated} violation${violated === 1 ? '' : 's'}`);
process.exit(violated ? 1 : 0);
