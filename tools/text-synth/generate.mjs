#!/usr/bin/env node
// Synthetic clinical notes with a PHI answer key, for measuring the text PHI detector of
// @medimagecleaner/core. Everything here (names, places, sentences) is invented for this tool; nothing
// is taken from a real corpus. Output is deterministic for a given seed.
//
//   node tools/text-synth/generate.mjs --seed 1 --count 500 --out DIR [--styles icu-upper,dicom]
//
// writes DIR/id.text and DIR/id-phi.phrase in the PhysioNet deid gold-standard format (patient numbers
// 1..n, note 1; scorable by score_text.py) and DIR/notes.json ({id, text, spans} with fine types).
//
//   import { generateNotes, NEGATIVE_TERMS, STYLES } from './generate.mjs';
//   generateNotes({ seed: 1, count: 10 }) // [{ id: 'S-1', style, text, spans: [{ start, end, type, category }] }]
//
// `type` is the fine type (name, date, year, age, phone, fax, pager, email, url, ip, ssn, mrn, accession,
// account, id, street, city, state, zip, hospital, ward, employer); `category` is the PhysioNet category
// (PTName, HCPName, RelativeProxyName, Date, DateYear, Age, Phone, Location, Other). Offsets are UTF-16
// code units; every character is Latin-1, so they are also the byte offsets of the PhysioNet files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../lib/prng.mjs';

/** Every style the generator can write. */
export const STYLES = [
  'icu-upper',
  'icu-lower',
  'icu-mixed',
  'radiology',
  'discharge',
  'dicom',
  'sr',
  'multilingual',
];
const STYLE_WEIGHTS = {
  'icu-upper': 4,
  'icu-lower': 3,
  'icu-mixed': 4,
  radiology: 2,
  discharge: 2,
  dicom: 2,
  sr: 1,
  multilingual: 1,
};

/** PhysioNet category of each fine type (names depend on the role: see `nameCategory`). */
export const CATEGORY_OF_TYPE = {
  date: 'Date',
  year: 'DateYear',
  age: 'Age',
  phone: 'Phone',
  fax: 'Phone',
  pager: 'Phone',
  street: 'Location',
  city: 'Location',
  state: 'Location',
  zip: 'Location',
  hospital: 'Location',
  ward: 'Location',
  employer: 'Location',
  email: 'Other',
  url: 'Other',
  ip: 'Other',
  ssn: 'Other',
  mrn: 'Other',
  accession: 'Other',
  account: 'Other',
  id: 'Other',
};

// ---------------------------------------------------------------------------------------------------
// Must-not-be-PHI material. Each entry is [term, phrase]; `{}` in the phrase is where the term goes.

const DRUG_PHRASES = [
  ['Lasix', '{} 40 mg IV given with good response'],
  ['Heparin', '{} gtt at 900 units/hr, PTT pending'],
  ['Coumadin', '{} held tonight for INR 3.4'],
  ['Levophed', 'weaned {} to 0.04 mcg/kg/min'],
  ['Propofol', 'sedated on {} 30 mcg/kg/min'],
  ['Vancomycin', '{} trough drawn before 4th dose'],
  ['Tylenol', '{} 650 mg PO given for temp 100.9'],
  ['Protonix', 'started {} 40 mg daily'],
  ['Zosyn', 'cont {} q8h'],
  ['Ativan', '{} 0.5 mg x1 for anxiety'],
  ['Haldol', 'received {} 2 mg IV'],
  ['Fentanyl', '{} patch changed'],
  ['Lopressor', '{} 25 mg PO held for SBP 92'],
  ['Amiodarone', 'loaded with {} 150 mg'],
  ['Insulin', '{} sliding scale per protocol'],
  ['Flagyl', '{} 500 mg IV q8h'],
  ['Captopril', '{} titrated up to 25 mg TID'],
  ['Digoxin', '{} level 1.1'],
  ['Dilaudid', '{} 0.5 mg IV prn pain'],
  ['Keppra', 'on {} for seizure ppx'],
];
const DEVICE_PHRASES = [
  ['Foley', '{} draining clear yellow urine'],
  ['Swan-Ganz', '{} catheter pulled back 2 cm'],
  ['PICC', 'R arm {} flushes easily'],
  ['NGT', '{} to LIS with bilious output'],
  ['A-line', 'R radial {} dampened, re-zeroed'],
  ['IABP', '{} 1:1 with good augmentation'],
  ['BiPAP', 'placed on {} overnight'],
  ['Dobhoff', '{} placement confirmed by KUB'],
  ['Jackson-Pratt', '{} drain with serosanguinous output'],
  ['Pleur-evac', '{} to -20 cm suction, no air leak'],
  ['Hickman', '{} site clean, dressing changed'],
  ['Ambu bag', '{} at bedside'],
];
const EPONYM_PHRASES = [
  ["Parkinson's disease", 'hx of {} on sinemet'],
  ["Bell's palsy", 'old R {}'],
  ['Mobitz II', 'tele showing {} block at times'],
  ['Glasgow coma scale', '{} 9 this AM'],
  ['Babinski', '{} negative bilaterally'],
  ["Alzheimer's", '{} dementia, baseline oriented x1'],
  ["Crohn's disease", 'hx {} with prior resection'],
  ["Graves' disease", 's/p RAI for {}'],
  ['Trendelenburg', 'placed in {} for line placement'],
  ['Cheyne-Stokes', '{} breathing pattern noted while asleep'],
  ['Kussmaul', '{} respirations resolved'],
  ['Guillain-Barre', 'r/o {} per neuro'],
  ["Murphy's sign", '{} negative'],
  ['Wolff-Parkinson-White', 'known {} pattern on EKG'],
  ["Hodgkin's lymphoma", 'remote {}, in remission'],
  ["Raynaud's", '{} phenomenon, fingers cool'],
];
const VITAL_PHRASES = [
  ['BP 120/80', 'VSS, {}'],
  ['HR 88', '{} NSR, no ectopy'],
  ['5/5 strength', 'MAE, {} in all extremities'],
  ['2/6 murmur', 'soft {} at LSB'],
  ['1/2 NS', 'IVF {} at 75 cc/hr'],
  ['4L NC', 'sats 95% on {}'],
  ['7.45/33/80', 'ABG {} on 40%'],
  ['25 mg', 'metoprolol {} PO BID'],
  ['10:30', 'CT done at {}'],
  ['0930', 'bath given at {}'],
  ['RR 18', '{} unlabored'],
  ['SpO2 97%', '{} on room air'],
  ['T 98.6', '{} oral'],
  ['CVP 12', '{} after bolus'],
  ['PEEP 5', 'vent AC 500 x 14, {}, FiO2 40%'],
  ['Hct 27.3', '{} from 29.1, no s/s bleeding'],
  ['K 3.4', '{} repleted with 40 meq KCl'],
  ['3/4 sensation', 'LLE {} to light touch'],
  ['I/O +1.2L', '{} since midnight'],
  ['GCS 14', '{}, oriented x2'],
];
const SCANNER_PHRASES = [
  ['Siemens', 'performed on a {} Avanto 1.5T'],
  ['Philips', '{} Ingenia 3T, body coil'],
  ['GE', '{} Discovery CT750 HD'],
  ['Toshiba', '{} Aquilion ONE, 320 row'],
  ['Canon', 'portable unit ({} CXDI)'],
  ['T1 MPRAGE', 'sagittal {} with 1 mm isotropic voxels'],
  ['FLAIR', 'axial {} and DWI sequences obtained'],
  ['T2 TSE', 'coronal {} through the orbits'],
  ['SOMATOM', '{} Force dual source'],
];
const MONTH_WORD_PHRASES = [
  ['may', 'pt {} need more diuresis tonight'],
  ['march', 'able to {} in place with PT'],
  ['may', '{} require reintubation if sats drop'],
];
const NAME_WORD_PHRASES = [
  ['will', '{} cont to monitor closely'],
  ['grace', 'family said {} at the bedside'],
  ['hope', 'family expresses {} for recovery'],
  ['bill', 'wife has questions about the hospital {}'],
  ['rose', 'temp {} to 101.2 this evening'],
  ['mark', 'pen {} on L groin for pulse checks'],
  ['green', '{} bilious output from OGT'],
  ['white', '{} count 14.2 today'],
  ['brown', 'small {} liquid stool, guaiac neg'],
];

const NEGATIVE_GROUPS = {
  drugs: DRUG_PHRASES,
  devices: DEVICE_PHRASES,
  eponyms: EPONYM_PHRASES,
  vitals: VITAL_PHRASES,
  scanner: SCANNER_PHRASES,
  monthWords: MONTH_WORD_PHRASES,
  nameWords: NAME_WORD_PHRASES,
};

/** The words and phrases the generator writes as unlabelled text: a detector must not mark them. */
export const NEGATIVE_TERMS = Object.fromEntries(
  Object.entries(NEGATIVE_GROUPS).map(([group, list]) => [group, [...new Set(list.map(([term]) => term))]]),
);
const NEGATIVE_LIST = Object.values(NEGATIVE_GROUPS).flat();
const NEGATIVE_WORDS = new Set(
  Object.values(NEGATIVE_TERMS)
    .flat()
    .flatMap((t) => t.toLowerCase().split(/[^a-z']+/))
    .filter((w) => w.length > 1),
);

// ---------------------------------------------------------------------------------------------------
// Invented or generic vocabulary for PHI.

const GIVEN = [
  // English / US
  'Abigail',
  'Bradley',
  'Courtney',
  'Dwight',
  'Ellery',
  'Forrest',
  'Gwendolyn',
  'Harlan',
  'Imogen',
  'Jasper',
  'Kendra',
  'Lyle',
  'Marla',
  'Norris',
  'Odessa',
  'Prescott',
  'Quentin',
  'Rosalind',
  'Sheldon',
  'Tamsin',
  'Ulric',
  'Verna',
  'Winslow',
  'Yolanda',
  'Zeke',
  'Brenda',
  'Clifford',
  'Delia',
  'Everett',
  // Irish / Scottish
  'Aoife',
  'Ciaran',
  'Niamh',
  'Padraig',
  'Siobhan',
  'Eoin',
  'Fiona',
  'Lachlan',
  'Isla',
  'Callum',
  // Spanish / Portuguese / Latin American
  'Alejandro',
  'Beatriz',
  'Consuelo',
  'Guadalupe',
  'Joaquín',
  'Ximena',
  'Rodrigo',
  'Inês',
  'João',
  'Marisol',
  'Esperanza',
  'Teodoro',
  // French / Haitian
  'Amélie',
  'Benoît',
  'Clémence',
  'Fabrice',
  'Guerline',
  'Jean-Baptiste',
  'Rosemonde',
  'Wideline',
  // German / Dutch / Scandinavian
  'Annegret',
  'Dieter',
  'Friedhelm',
  'Gudrun',
  'Sjoerd',
  'Maarten',
  'Solveig',
  'Bjørn',
  'Åsa',
  'Torstein',
  // Italian / Greek
  'Giuseppina',
  'Carmine',
  'Ottavio',
  'Loredana',
  'Stavros',
  'Eleftheria',
  'Panagiotis',
  'Despina',
  // Polish / Russian / Ukrainian / Balkan
  'Wojciech',
  'Grazyna',
  'Zbigniew',
  'Svetlana',
  'Vsevolod',
  'Oksana',
  'Bogdan',
  'Dragana',
  'Milos',
  // Arabic / Persian / Turkish / Somali
  'Abdirahman',
  'Fatuma',
  'Yousef',
  'Nasrin',
  'Dariush',
  'Leyla',
  'Mustafa',
  'Zeynep',
  'Khadija',
  // South Asian
  'Venkatesh',
  'Lakshmi',
  'Harpreet',
  'Anjali',
  'Sundar',
  'Priyanka',
  'Tahmina',
  'Rajesh',
  // East / Southeast Asian
  'Xiaoming',
  'Meiling',
  'Zhiwei',
  'Jun-seo',
  'Seo-yeon',
  'Hiroshi',
  'Naoko',
  'Thanh',
  'Nguyet',
  'Somchai',
  'Kanya',
  'Bayani',
  'Maricel',
  // West / East African
  'Chukwuemeka',
  'Ngozi',
  'Oluwaseun',
  'Adaeze',
  'Kwabena',
  'Akosua',
  'Tendai',
  'Wanjiru',
  'Mamadou',
  // Jewish / Hebrew
  'Mordechai',
  'Shoshana',
  'Yitzhak',
  'Tova',
];
const SURNAMES = [
  'Ashworth',
  'Blackwood',
  'Cartwright',
  'Dunmore',
  'Fairbanks',
  'Gresham',
  'Hollister',
  'Kingsley',
  'Lockhart',
  'Merriweather',
  'Northcott',
  'Pemberton',
  'Radcliffe',
  'Stanhope',
  'Thackeray',
  'Underhill',
  'Wetherby',
  'Yardley',
  'Abernathy',
  'Beauchamp',
  'Castellano',
  'Delgado',
  'Echeverría',
  'Fuentes',
  'Garza',
  'Ibarra',
  'Montoya',
  'Núñez',
  'Quintero',
  'Saldaña',
  'Villalobos',
  'Zamora',
  'Azevedo',
  'Brandão',
  'Carvalho',
  'Duchesne',
  'Lemaire',
  'Marchand',
  'Toussaint',
  'Jean-Louis',
  'Pierre-Louis',
  'Ackermann',
  'Brückner',
  'Eichhorn',
  'Hofstetter',
  'Kessler',
  'Müller',
  'Vogelsang',
  'van der Berg',
  'de Vries',
  'Lindqvist',
  'Sørensen',
  'Haugland',
  'Bergström',
  'Esposito',
  'Ferrante',
  'Giordano',
  'Lombardi',
  'Papadakis',
  'Kostopoulos',
  'Nowakowski',
  'Wisniewski',
  'Grabowski',
  'Zielinski',
  'Kuznetsova',
  'Volkov',
  'Shevchenko',
  'Petrovic',
  'Hadzic',
  'Haddad',
  'Khoury',
  'Nassar',
  'Farahani',
  'Yilmaz',
  'Öztürk',
  'Warsame',
  'Abdullahi',
  'Ramaswamy',
  'Venkataraman',
  'Chaudhry',
  'Bhattacharya',
  'Sandhu',
  'Iyer',
  'Rahman',
  'Zhang',
  'Xu',
  'Liang',
  'Huang',
  'Park',
  'Choi',
  'Yamaguchi',
  'Takahashi',
  'Nakamura',
  'Tran',
  'Pham',
  'Nguyen',
  'Srisuk',
  'Dela Cruz',
  'Bautista',
  'Okonkwo',
  'Adeyemi',
  'Mensah',
  'Asante',
  'Mutasa',
  'Kamau',
  'Diallo',
  'Traoré',
  'Goldfarb',
  'Rosenthal',
  'Weisberg',
  "O'Donnell",
  "O'Keefe",
  "O'Halloran",
  "D'Angelo",
  "Dell'Aquila",
  "N'Diaye",
  'McTavish',
  'MacAulay',
  'Fitzgerald',
  'Szabo',
  'Horvath',
  'Novak',
  'Dvorak',
  'Kovács',
];
// Syllables for names that are in no list at all.
const SYL_ON = [
  'b',
  'br',
  'd',
  'dr',
  'f',
  'g',
  'gl',
  'h',
  'k',
  'kr',
  'l',
  'm',
  'n',
  'p',
  'qu',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'w',
  'z',
  'sh',
  'th',
];
const SYL_NU = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y'];
const SYL_CO = ['', '', 'n', 'r', 'l', 'm', 'st', 'x', 'nd', 'rk', 'th', 'v'];
const SYL_END = [
  '',
  'a',
  'o',
  'en',
  'ik',
  'ard',
  'ell',
  'ova',
  'ian',
  'ez',
  'ström',
  'berg',
  'ton',
  'ski',
  'sen',
];

const TOWN_ROOTS = [
  'Ashmere',
  'Brackenfield',
  'Coldharbor',
  'Dunwick',
  'Elmsford',
  'Fallowmere',
  'Glenhollow',
  'Hartwell',
  'Ivybridge',
  'Kestrel Point',
  'Larkspur',
  'Millbrook',
  'Northfold',
  'Oakhaven',
  'Pinecrest',
  'Quarry Hill',
  'Redfern',
  'Stillwater',
  'Thornbury',
  'Upton Falls',
  'Westmoor',
  'Yarrow',
  'Bramblewood',
  'Cedar Bluff',
  'Fox Hollow',
  'Granite Springs',
  'Maple Ridge',
  'Silver Lake',
  'Willow Creek',
  'East Dunmore',
];
const TOWN_SUFFIX = ['ville', 'ton', 'field', 'burg', 'ford', 'haven', 'port', 'dale', 'wick', 'borough'];
const STATES = [
  'Alabama',
  'Alaska',
  'Arizona',
  'Arkansas',
  'California',
  'Colorado',
  'Connecticut',
  'Delaware',
  'Florida',
  'Georgia',
  'Hawaii',
  'Idaho',
  'Illinois',
  'Indiana',
  'Iowa',
  'Kansas',
  'Kentucky',
  'Louisiana',
  'Maine',
  'Maryland',
  'Massachusetts',
  'Michigan',
  'Minnesota',
  'Mississippi',
  'Missouri',
  'Montana',
  'Nebraska',
  'Nevada',
  'New Hampshire',
  'New Jersey',
  'New Mexico',
  'New York',
  'North Carolina',
  'North Dakota',
  'Ohio',
  'Oklahoma',
  'Oregon',
  'Pennsylvania',
  'Rhode Island',
  'South Carolina',
  'South Dakota',
  'Tennessee',
  'Texas',
  'Utah',
  'Vermont',
  'Virginia',
  'Washington',
  'West Virginia',
  'Wisconsin',
  'Wyoming',
];
const STATE_ABBR = [
  'AL',
  'AZ',
  'CA',
  'CO',
  'CT',
  'FL',
  'GA',
  'IL',
  'KY',
  'MA',
  'MD',
  'ME',
  'MI',
  'MN',
  'NC',
  'NH',
  'NJ',
  'NM',
  'NY',
  'OH',
  'OR',
  'PA',
  'RI',
  'TX',
  'VA',
  'VT',
  'WA',
  'WI',
];
const SAINTS = [
  'St. Adalbert',
  'St. Brendan',
  'St. Cecilia',
  'St. Dymphna',
  'St. Eligius',
  "St. Jude's",
  'Saint Florian',
  'St. Gerard',
];
const FIXED_HOSPITALS = [
  'Harborview Memorial',
  'Lakeshore Regional',
  'Bayside Community Hospital',
  'Mercy Northfold',
  'Good Samaritan of Redfern',
];
const HOSP_SUFFIX = [
  'General Hospital',
  'Medical Center',
  'Memorial Hospital',
  'Regional Medical Center',
  'Community Hospital',
  'Rehabilitation Hospital',
  'Hospital',
  'Clinic',
];
const WARD_NAMES = [
  'Kessington',
  'Farwell',
  'Lindgate',
  'Orloff',
  'Brisbane',
  'Tolliver',
  'Quimby',
  'Marchetti',
  'Vandermeer',
  'Halvorsen',
  'Okafor',
  'Sterling',
];
const STREET_ROOTS = [
  'Elm',
  'Juniper',
  'Sycamore',
  'Chestnut',
  'Alder',
  'Magnolia',
  'Hawthorn',
  'Quarry',
  'Mill Pond',
  'Harbor View',
  'Lantern',
  'Osprey',
  'Tamarack',
  'Bellweather',
  'Cobble Hill',
];
const STREET_SUFFIX = [
  'Street',
  'St',
  'St.',
  'Avenue',
  'Ave',
  'Road',
  'Rd',
  'Lane',
  'Ln',
  'Drive',
  'Dr.',
  'Boulevard',
  'Way',
  'Court',
  'Terrace',
  'Place',
];
const EMPLOYER_SUFFIX = [
  'Plumbing',
  'Logistics',
  'Public Schools',
  'Fire Department',
  'Tool & Die',
  'Credit Union',
  'Paper Mill',
  'Shipyard',
  'Dairy',
  'Auto Body',
];
const EMAIL_DOMAINS = ['mailbox.net', 'postal.org', 'inboxly.com', 'corvid-mail.com', 'example.org'];

// ---------------------------------------------------------------------------------------------------
// PRNG and helpers.

function makeRng(seed) {
  const next = mulberry32(Number(seed) | 0);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    digits: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
      return s;
    },
    weighted: (entries) => {
      const total = entries.reduce((n, [, w]) => n + w, 0);
      let x = next() * total;
      for (const [v, w] of entries) if ((x -= w) < 0) return v;
      return entries[entries.length - 1][0];
    },
    shuffle: (arr) => {
      const a = [...arr];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a;
    },
  };
  return r;
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const pad2 = (n) => String(n).padStart(2, '0');

/** Upper- or lower-cases without changing the length or leaving Latin-1 (ß, ÿ and friends stay). */
function recase(s, mode) {
  if (mode !== 'upper' && mode !== 'lower') return s;
  let out = '';
  for (const c of s) {
    const d = mode === 'upper' ? c.toUpperCase() : c.toLowerCase();
    out += d.length === c.length && d.charCodeAt(0) < 256 ? d : c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A note under construction: text pieces and the spans of the PHI pieces.

class Doc {
  constructor(rng, casing, negatives) {
    this.rng = rng;
    this.casing = casing; // 'upper' | 'lower' | 'asis'
    this.negatives = negatives;
    this.parts = [];
    this.len = 0;
    this.spans = [];
  }
  t(s) {
    s = recase(s, this.casing);
    this.parts.push(s);
    this.len += s.length;
    return this;
  }
  phi(s, type, category = CATEGORY_OF_TYPE[type]) {
    s = recase(s, this.casing);
    this.spans.push({ start: this.len, end: this.len + s.length, type, category });
    this.parts.push(s);
    this.len += s.length;
    return this;
  }
  /** A name in a casing of its own when the note keeps the writer's casing. */
  name(s, category) {
    if (this.casing === 'asis') {
      const m = this.rng.weighted([
        ['asis', 6],
        ['upper', 3],
        ['lower', 1],
      ]);
      s = recase(s, m);
    }
    return this.phi(s, 'name', category);
  }
  text() {
    return this.parts.join('');
  }
}

// ---------------------------------------------------------------------------------------------------
// PHI makers.

function inventedName(rng) {
  const n = rng.int(1, 2);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(SYL_ON) + rng.pick(SYL_NU) + rng.pick(SYL_CO);
  s += rng.pick(SYL_END);
  return cap(s);
}
function clean(s, rng, gen) {
  // Never produce a name that is also a must-not-be-PHI word.
  for (let i = 0; i < 5 && NEGATIVE_WORDS.has(s.toLowerCase()); i++) s = gen(rng);
  return s;
}
const given = (rng) => clean(rng.chance(0.15) ? inventedName(rng) : rng.pick(GIVEN), rng, inventedName);
function family(rng) {
  const r = rng.next();
  if (r < 0.15) return clean(inventedName(rng), rng, inventedName);
  if (r < 0.22) return `${rng.pick(SURNAMES)}-${rng.chance(0.5) ? rng.pick(SURNAMES) : inventedName(rng)}`;
  return rng.pick(SURNAMES);
}
const town = (rng) =>
  rng.chance(0.6) ? rng.pick(TOWN_ROOTS) : inventedName(rng).replace(/[aeiouy]$/, '') + rng.pick(TOWN_SUFFIX);
function hospital(rng) {
  const r = rng.next();
  if (r < 0.2) return rng.pick(FIXED_HOSPITALS);
  if (r < 0.35) return `University of ${rng.pick(STATES)} Medical Center`;
  if (r < 0.5) return `${rng.pick(SAINTS)} ${rng.pick(['Hospital', 'Medical Center'])}`;
  if (r < 0.75) return `${town(rng)} ${rng.pick(HOSP_SUFFIX)}`;
  return `${rng.pick(SURNAMES)} ${rng.pick(['Memorial', 'Memorial Hospital', 'Institute', 'Medical Center'])}`;
}

/** Person name in one of the written forms; `pre`/`post` are unlabelled words around it. */
function writeName(d, category, form) {
  const { rng } = d;
  const g = given(rng);
  const f = family(rng);
  const forms = {
    full: () => d.name(`${g} ${f}`, category),
    last: () => d.name(f, category),
    first: () => d.name(g, category),
    initial: () => d.name(`${g[0]}. ${f}`, category),
    initialNoDot: () => d.name(`${g[0]} ${f}`, category),
    lastFirst: () => d.name(`${f}, ${g}`, category),
    dicom: () => d.name(`${f}^${g}`.replace(/ /g, ''), category),
  };
  forms[form ?? rng.pick(['full', 'full', 'last', 'last', 'first', 'initial', 'lastFirst'])]();
}

function drTitle(rng) {
  return rng.pick(['Dr. ', 'Dr ', 'DR ', 'DR. ', 'dr ', 'dr. ']);
}

function writeDate(d, kind) {
  const { rng } = d;
  const y = rng.chance(0.8) ? rng.int(1990, 2029) : rng.int(1925, 1989);
  const m = rng.int(1, 12);
  const day = rng.int(1, 28);
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const MONTH = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const ord = (n) =>
    `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  const mcase = (s) => rng.pick([s, s, s.toLowerCase(), s.toUpperCase()]);
  const forms = {
    md: () => d.phi(`${m}/${day}`, 'date'),
    mdyy: () => d.phi(`${m}/${day}/${pad2(y % 100)}`, 'date'),
    mmddyyyy: () => d.phi(`${pad2(m)}/${pad2(day)}/${y}`, 'date'),
    iso: () => d.phi(`${y}-${pad2(m)}-${pad2(day)}`, 'date'),
    dashed: () => d.phi(`${m}-${day}-${y}`, 'date'),
    ordinal: () => d.t('on the ').phi(ord(day), 'date'),
    monYear: () => d.phi(`${mcase(rng.pick([MON[m - 1] + '.', MON[m - 1], MONTH[m - 1]]))} ${y}`, 'date'),
    monthOfYear: () => d.phi(`${mcase(MONTH[m - 1])} of ${y}`, 'date'),
    monDay: () =>
      d.phi(`${mcase(rng.pick([MON[m - 1], MONTH[m - 1]]))} ${rng.pick([String(day), ord(day)])}`, 'date'),
    mdy: () => d.phi(`${mcase(MONTH[m - 1])} ${day}, ${y}`, 'date'),
    dayMonYear: () => d.phi(`${ord(day)} ${mcase(MON[m - 1])}, ${y}`, 'date'),
    dmy: () => d.phi(`${day} ${mcase(MONTH[m - 1])} ${y}`, 'date'),
    dmonyDash: () => d.phi(`${pad2(day)}-${MON[m - 1].toUpperCase()}-${y}`, 'date'),
    monthSlashYear: () => d.phi(`${m}/${y}`, 'date'),
    range: () => {
      const e = Math.min(28, day + rng.int(1, 6));
      d.phi(`${m}/${day}`, 'date')
        .t(rng.pick(['-', ' - ', ' to ', '-']))
        .phi(`${m}/${e}`, 'date');
    },
    year: () => d.phi(String(y), 'year'),
    apostYear: () => d.phi(`'${pad2(y % 100)}`, 'year'),
  };
  const k =
    kind ??
    rng.weighted([
      ['md', 8],
      ['mdyy', 3],
      ['mmddyyyy', 3],
      ['iso', 2],
      ['dashed', 1],
      ['ordinal', 1],
      ['monYear', 2],
      ['monthOfYear', 1],
      ['monDay', 2],
      ['mdy', 2],
      ['dayMonYear', 1],
      ['dmy', 1],
      ['dmonyDash', 1],
      ['monthSlashYear', 1],
      ['range', 2],
    ]);
  forms[k]();
}

function writeForeignDate(d, lang) {
  const { rng } = d;
  const y = rng.int(1940, 2028);
  const m = rng.int(0, 11);
  const day = rng.int(1, 28);
  const ES = [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ];
  const FR = [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ];
  const DE = [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ];
  if (lang === 'es') d.phi(rng.chance(0.7) ? `${day} de ${ES[m]} de ${y}` : `${day}/${m + 1}/${y}`, 'date');
  else if (lang === 'fr')
    d.phi(
      rng.chance(0.7) ? `${day === 1 ? '1er' : day} ${FR[m]} ${y}` : `${pad2(day)}/${pad2(m + 1)}/${y}`,
      'date',
    );
  else d.phi(rng.chance(0.7) ? `${day}. ${DE[m]} ${y}` : `${pad2(day)}.${pad2(m + 1)}.${y}`, 'date');
}

function phone(rng, style) {
  const a = `${rng.int(2, 9)}${rng.digits(2)}`;
  const b = `${rng.int(2, 9)}${rng.digits(2)}`;
  const c = rng.digits(4);
  switch (style ?? rng.int(0, 4)) {
    case 0:
      return `(${a}) ${b}-${c}`;
    case 1:
      return `${a}-${b}-${c}`;
    case 2:
      return `${a}.${b}.${c}`;
    case 3:
      return `${b}-${c}`;
    default:
      return `${a}-${b}-${c} ext ${rng.digits(4)}`;
  }
}
const ssn = (rng) =>
  `${rng.int(100, 665)}-${pad2(rng.int(1, 99))}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
const ip = (rng) =>
  rng.pick([
    () => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    () => `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    () => `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    () => `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
  ])();
const host = (rng) =>
  `${town(rng)
    .toLowerCase()
    .replace(
      /[^a-z]/g,
      '',
    )}${rng.pick(['health', 'med', 'clinic', 'radiology'])}.${rng.pick(['org', 'com', 'net'])}`;

// ---------------------------------------------------------------------------------------------------
// Slots: `{KEY}` in a template writes PHI (or decoy text) through these.

const SLOTS = {
  PT: (d) => writeName(d, 'PTName'),
  PT_TITLED: (d) =>
    d.t(d.rng.pick(['Mr. ', 'Mrs. ', 'Ms. ', 'MR ', 'Mrs '])) && writeName(d, 'PTName', 'last'),
  PT_FULL: (d) => writeName(d, 'PTName', 'full'),
  PT_FIRST: (d) => writeName(d, 'PTName', 'first'),
  DR: (d) => {
    d.t(drTitle(d.rng));
    writeName(d, 'HCPName', d.rng.pick(['last', 'last', 'full', 'initial']));
  },
  DR_LAST: (d) => d.t(drTitle(d.rng)) && writeName(d, 'HCPName', 'last'),
  CLIN: (d) => {
    // clinician with a credential after the name
    writeName(d, 'HCPName', d.rng.pick(['full', 'initial', 'last', 'initialNoDot']));
    d.t(d.rng.pick([', MD', ' MD', ', NP', ' NP', ', RRT', ' RRT', ', PA', ' PA-C', ', RN', ' RN']));
  },
  NURSE: (d) => writeName(d, 'HCPName', d.rng.pick(['first', 'last', 'full'])),
  SIGN: (d) => {
    const r = d.rng.next();
    if (r < 0.4) writeName(d, 'HCPName', 'initial');
    else if (r < 0.7) writeName(d, 'HCPName', 'full');
    else if (r < 0.85) writeName(d, 'HCPName', 'last');
    else writeName(d, 'HCPName', 'first');
    d.t(d.rng.pick([', RN', ' RN', ' rn', ', R.N.', ' RRT', ', SN', ' NP']));
  },
  REL: (d) => {
    d.t(
      d.rng.pick([
        'son ',
        'daughter ',
        'dtr ',
        'wife ',
        'husband ',
        'HCP ',
        'sister ',
        'brother ',
        'niece ',
        'HCP/dtr ',
      ]),
    );
    writeName(d, 'RelativeProxyName', d.rng.pick(['first', 'first', 'full', 'first']));
  },
  REL_NAME: (d) => writeName(d, 'RelativeProxyName', d.rng.pick(['first', 'full'])),
  DATE: (d) => writeDate(d),
  DATE_MD: (d) => writeDate(d, 'md'),
  DATE_FULL: (d) =>
    writeDate(d, d.rng.pick(['mmddyyyy', 'mdyy', 'iso', 'mdy', 'dmy', 'dayMonYear', 'dmonyDash'])),
  DATE_MON: (d) => writeDate(d, d.rng.pick(['monYear', 'monthOfYear', 'monthSlashYear'])),
  RANGE: (d) => writeDate(d, 'range'),
  ORD: (d) => writeDate(d, 'ordinal'),
  YEAR: (d) => writeDate(d, d.rng.chance(0.75) ? 'year' : 'apostYear'),
  DATE_ES: (d) => writeForeignDate(d, 'es'),
  DATE_FR: (d) => writeForeignDate(d, 'fr'),
  DATE_DE: (d) => writeForeignDate(d, 'de'),
  TIME: (d) =>
    d.t(
      d.rng.pick([
        () => `${d.rng.int(0, 23)}:${pad2(d.rng.int(0, 59))}`,
        () => `${pad2(d.rng.int(0, 23))}${pad2(d.rng.int(0, 5) * 10)}`,
        () => `${d.rng.int(1, 12)}${d.rng.pick(['a', 'p', 'am', 'pm', 'AM', 'PM'])}`,
      ])(),
    ),
  AGE90: (d) => d.phi(String(d.rng.int(90, 104)), 'age'),
  AGE: (d) => d.t(String(d.rng.int(18, 89))),
  PHONE: (d) => d.phi(phone(d.rng), 'phone'),
  PHONE_EXT: (d) => d.phi(phone(d.rng, 4), 'phone'),
  EXT: (d) =>
    d.rng.chance(0.5)
      ? d.t('ext ').phi(d.rng.digits(4), 'phone')
      : d.phi(`x${d.rng.digits(d.rng.int(2, 5))}`, 'phone'),
  PAGER: (d) =>
    d
      .t(d.rng.pick(['pager #', 'Pager # ', 'pgr ', 'beeper ', 'beeper #', 'pager ']))
      .phi(d.rng.digits(d.rng.int(4, 5)), 'pager'),
  FAX: (d) => d.t(d.rng.pick(['fax ', 'FAX# ', 'fax: ', 'Fax '])).phi(phone(d.rng, d.rng.int(0, 2)), 'fax'),
  EMAIL: (d) => {
    const g = given(d.rng)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    const f = family(d.rng)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    d.phi(
      `${d.rng.pick([`${g}.${f}`, `${g[0]}${f}`, `${f}${d.rng.digits(2)}`])}@${d.rng.chance(0.5) ? host(d.rng) : d.rng.pick(EMAIL_DOMAINS)}`,
      'email',
    );
  },
  URL: (d) =>
    d.phi(
      d.rng.pick([
        `https://www.${host(d.rng)}/portal`,
        `www.${host(d.rng)}`,
        `http://pacs.${host(d.rng)}/viewer?acc=${d.rng.digits(8)}`,
        `https://${host(d.rng)}/pt/${d.rng.digits(6)}`,
      ]),
      'url',
    ),
  IP: (d) => d.phi(ip(d.rng), 'ip'),
  SSN: (d) => d.t(d.rng.pick(['SSN ', 'SSN: ', 'ss# ', 'Social Security No. '])).phi(ssn(d.rng), 'ssn'),
  MRN: (d) =>
    d
      .t(d.rng.pick(['MRN ', 'MRN: ', 'MR# ', 'Med Rec No. ', 'unit no. ', 'MRN#']))
      .phi(d.rng.digits(d.rng.int(6, 9)), 'mrn'),
  ACC: (d) =>
    d
      .t(d.rng.pick(['ACC# ', 'Accession ', 'acc no. ', 'Accession No: ']))
      .phi(
        d.rng.pick([
          () => `A${d.rng.digits(7)}`,
          () => `${d.rng.int(2005, 2028)}CT${d.rng.digits(6)}`,
          () => d.rng.digits(10),
          () => `RAD-${d.rng.digits(6)}`,
        ])(),
        'accession',
      ),
  ACCT: (d) =>
    d
      .t(d.rng.pick(['acct #', 'account number ', 'billing acct ', 'Acct: ']))
      .phi(d.rng.digits(d.rng.int(7, 10)), 'account'),
  INSID: (d) =>
    d
      .t(d.rng.pick(['insurance ID ', 'Medicaid # ', 'member ID ']))
      .phi(
        `${String.fromCharCode(65 + d.rng.int(0, 25))}${String.fromCharCode(65 + d.rng.int(0, 25))}${d.rng.digits(9)}`,
        'id',
      ),
  STREET: (d) =>
    d.phi(
      `${d.rng.int(1, 9899)} ${d.rng.chance(0.8) ? d.rng.pick(STREET_ROOTS) : inventedName(d.rng)} ${d.rng.pick(STREET_SUFFIX)}`,
      'street',
    ),
  TOWN: (d) => d.phi(town(d.rng), 'city'),
  STATE: (d) => d.phi(d.rng.pick(STATES), 'state'),
  TOWN_STATE_ZIP: (d) => {
    d.phi(town(d.rng), 'city').t(', ');
    d.phi(d.rng.chance(0.6) ? d.rng.pick(STATE_ABBR) : d.rng.pick(STATES), 'state').t(' ');
    d.phi(d.rng.chance(0.85) ? d.rng.digits(5) : `${d.rng.digits(5)}-${d.rng.digits(4)}`, 'zip');
  },
  ZIP: (d) => d.phi(d.rng.digits(5), 'zip'),
  HOSP: (d) => d.phi(hospital(d.rng), 'hospital'),
  WARD: (d) => d.phi(d.rng.pick(WARD_NAMES), 'ward').t(` ${d.rng.int(2, 12)}`),
  EMPLOYER: (d) =>
    d.phi(`${d.rng.chance(0.5) ? town(d.rng) : family(d.rng)} ${d.rng.pick(EMPLOYER_SUFFIX)}`, 'employer'),
  NEG: (d) => {
    const [term, phrase] = d.negatives.next();
    const [pre, post] = phrase.split('{}');
    d.t(pre).t(term).t(post);
  },
  SCANNER: (d) => {
    const [term, phrase] = d.negatives.nextOf('scanner');
    const [pre, post] = phrase.split('{}');
    d.t(pre).t(term).t(post);
  },
};

function fill(d, tpl) {
  const re = /\{([A-Z_0-9]+)\}/g;
  let last = 0;
  for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
    if (m.index > last) d.t(tpl.slice(last, m.index));
    const slot = SLOTS[m[1]];
    if (!slot) throw new Error(`unknown slot ${m[1]}`);
    slot(d);
    last = m.index + m[0].length;
  }
  if (last < tpl.length) d.t(tpl.slice(last));
  return d;
}

// ---------------------------------------------------------------------------------------------------
// Sentence pools per style.

const ICU_OPEN = [
  'NPN 7P-7A\n',
  'NURSING PROGRESS NOTE 7A-7P\n',
  'CCU NPN\n',
  'Resp care note: ',
  'MICU nursing note, {DATE_MD}\n',
  'NPN {DATE_MD} 3P-11P\n',
  '',
  '',
];
const ICU_HPI = [
  '{AGE} YO M ADMITTED FROM {HOSP} S/P FALL AT HOME. ',
  '{AGE90} yo woman transferred from {HOSP} for cath on {DATE}. ',
  'Pt is a {AGE90} y/o F with hx of CHF, AFib, admitted {DATE} with SOB. ',
  'Pt is a {AGE}yo man s/p CABG in {YEAR}, MI {YEAR}, who presented to {HOSP} on {DATE_MD} c/o CP. ',
  '{PT_TITLED} is a {AGE} year old M with ESRD on HD (MWF at {TOWN} dialysis). ',
  'PMH: DM2, HTN, CVA in {YEAR} w/ residual L weakness, TKR {DATE_MON}. ',
  'age {AGE90}, lives alone in {TOWN}, was independent until {DATE_MON}. ',
  'Pt admitted {RANGE} at {HOSP} for PNA, d/c to {TOWN} rehab. ',
  'Hx per {REL}: pt found down at home {ORD}, last seen well {DATE}. ',
];
const ICU_BODY = [
  'NEURO: A+OX3, MAE, FOLLOWS COMMANDS. {NEG}. ',
  'CV: {NEG}. {NEG}. K+ repleted at {TIME}. ',
  'RESP: LS CLEAR, {NEG}. SXN FOR SMALL AMT THICK WHITE SPUTUM. ',
  'GI: abd soft, +BS, {NEG}. ',
  'GU: {NEG}. UO 40-60 cc/hr. ',
  'ID: Tmax 101.4 at {TIME}, cultures sent, {NEG}. ',
  'Skin: coccyx stage II, duoderm applied. {NEG}. ',
  'VSS. {NEG}. Plan to repeat lytes at {TIME}. ',
  '{NEG}; {NEG}. ',
  'Access: {NEG}, PIV x2. ',
];
const ICU_PHI = [
  'Seen by {DR}, plan to diurese. ',
  'per {DR}, hold tube feeds after MN for OR in AM. ',
  '{DR_LAST} aware of low UO. ',
  '{DR_LAST} AWARE. ',
  'Discussed with {CLIN}; will f/u on CT results. ',
  '{REL} called at {TIME}, updated on pt condition. ',
  '{REL} in to visit, very supportive. ',
  'Family meeting with {REL} and {REL} set for {DATE}. ',
  '{REL} is HCP, can be reached at {PHONE}. ',
  'Please call {REL} at {PHONE} with any changes. ',
  'Pt asking for {REL_NAME}, dtr aware. ',
  'Pt transferred to {WARD} at {TIME}, report given to {NURSE}. ',
  'transferred to {WARD} in stable condition. ',
  'Plan: d/c to {TOWN} rehab when bed available, screening {DATE_MD}. ',
  'F/U {DATE_MD} with {DR} in clinic. ',
  'f/u {DATE} w/ cardiology, {PAGER}. ',
  'Covering resident {DR}, {PAGER}. ',
  'Cardiology fellow paged ({PAGER}), {DR_LAST} to see pt. ',
  'Pt requests chaplain; {NURSE} from pastoral care called, ext {EXT}. ',
  'Outside records faxed from {HOSP} ({FAX}). ',
  'Pt is a retired machinist from {EMPLOYER}, lives with wife in {TOWN}. ',
  'Social: lives at {STREET}, {TOWN_STATE_ZIP}, with {REL}. ',
  'Pt states she was born in {STATE} and moved to {TOWN} in {YEAR}. ',
  'PT STATES HE IS {PT_FIRST}, KNOWS HE IS IN HOSPITAL, NOT DATE. ',
  '{PT} restless overnight, pulling at lines. ',
  'Last dialysis {DATE_MD} at {HOSP}. ',
  'Echo on {DATE_FULL} showed EF 35%. ',
  'Has not had BM since {DATE_MD}. ',
  'Abx day 5 of 7 ({RANGE}). ',
  'MRN {MRN} band verified. ',
  'Code status DNR/DNI discussed with {REL} on {DATE_MD}, form signed. ',
];
const ICU_SIGN = ['\n{SIGN}\n', '\n{SIGN}', ' {SIGN}', '\n- {SIGN}\n', '\n'];

const RAD_TPL = [
  'EXAMINATION: CT CHEST W/ CONTRAST\nDATE: {DATE_FULL} {TIME}\nPATIENT: {PT}  {MRN}  {ACC}\nREFERRING: {DR}\n' +
    'COMPARISON: {DATE_FULL} from {HOSP}.\nTECHNIQUE: Axial images, {SCANNER}. {NEG}.\n' +
    'FINDINGS: No PE. Small bilateral effusions. {NEG}.\nIMPRESSION: No acute process. ' +
    'Findings discussed with {DR} by phone at {TIME} on {DATE_MD}.\n{CLIN}\n',
  'MRI BRAIN W/WO - {SCANNER}.\nHistory: {AGE90} yo with new confusion. {NEG}.\n' +
    'Comparison: outside MRI {DATE_MON} ({HOSP}).\nImpression: chronic small vessel ischemia. ' +
    'Dictated by {CLIN} {DATE_FULL}; results called to {NURSE} RN at {PHONE_EXT}.\n',
  'CXR PORTABLE {DATE}: ETT 4 cm above carina, {NEG}. Compared with {DATE_MD}. Read by {DR}, {ACC}.\n',
  'US RUQ. Indication: {NEG}. Performed at {HOSP}, {STREET}. Sonographer {NURSE}. ' +
    'Report sent to {DR} (fax {FAX}).\n',
  'Addendum {DATE_FULL}: images reviewed with {DR}; {NEG}. Images at {URL}. ',
];
const DISCHARGE_TPL = [
  'DISCHARGE SUMMARY\nAdmission Date: {DATE_FULL}  Discharge Date: {DATE_FULL}\nName: {PT}  {MRN}\n' +
    'Attending: {DR}\nHistory: {PT_TITLED} is a {AGE90}-year-old resident of {TOWN}, {STATE} who was admitted ' +
    'from {HOSP} with urosepsis. {NEG}. {NEG}. Her course was complicated by AF with RVR on {DATE_MD}. ' +
    'She was discharged to {TOWN} rehab ({STREET}, {TOWN_STATE_ZIP}). Follow-up: {DR} on {DATE}, ' +
    'phone {PHONE}. {NEG}.\n',
  'Hospital course: {NEG}. Pt seen by {CLIN} on {DATE_MD}. Contact {REL} ({PHONE}, {EMAIL}) ' +
    'for questions. {NEG}. PCP: {DR}, {HOSP}, fax {FAX}. Insurance: {INSID}, {ACCT}.\n',
  'Brief summary: {AGE} yo male, employed at {EMPLOYER}, admitted {RANGE} for DKA. {NEG}. ' +
    'SSN on file {SSN}. Discharged home to {STREET}; follow up in {DATE_MON} with {DR}.\n',
];
const DICOM_TPL = [
  'CT HEAD W/O approved by {DR} ext {EXT}',
  'CT HEAD W/O {NEG}',
  'MRI L-SPINE W/O  {SCANNER}',
  'Outside study from {HOSP} dated {DATE_FULL}',
  'Pt {PT} - repeat imaging requested',
  'Operator: {NURSE}',
  'DOB {DATE_FULL}',
  'Ref phys: {CLIN}',
  'call {DR} {PHONE} with wet read',
  '{ACC} {DATE_FULL}',
  'Study comments: {NEG}; tech {NURSE}',
  'CHEST PA/LAT {TIME}',
  'Received from {IP} on {DATE_FULL}',
  'Institution: {HOSP}, {STREET}, {TOWN_STATE_ZIP}',
  'Protocol per {DR}: {SCANNER}',
  'Requested by {CLIN}, {HOSP}',
  'MRN {MRN} / {ACC}',
  'Images pushed to {URL}',
  'contact {EMAIL}',
  'portable - {WARD}',
  '{SCANNER}',
];
const SR_TPL = [
  'Procedure: Left heart catheterization performed {DATE_FULL} at {HOSP}. Operator: {CLIN}. ' +
    'Findings: 80% mid LAD stenosis, {NEG}. Observer context: {DR}. Device observer UID recorded. ' +
    'Verified by {DR} on {DATE} at {TIME}.\n',
  'Mammography CAD report. Patient {PT}, {MRN}. Study date {DATE_FULL}. {NEG}. BI-RADS 2. ' +
    'Recommend routine screening in {DATE_MON}. Reading physician {CLIN}.\n',
  'Echo SR: LVEF 55%, {NEG}. Sonographer {NURSE}; interpreting physician {DR}. Reported {DATE}.\n',
];
const ML_TPL = {
  es: [
    'Paciente {PT_FULL}, de {AGE90} años, ingresó el {DATE_ES} en el {HOSP}. ',
    'Contacto: hija {REL_NAME}, tel. {PHONE}. ',
    'Valorado por el Dr. {NURSE} el {DATE_ES}; {NEG}. ',
    'Domicilio: {STREET}, {TOWN}. ',
  ],
  fr: [
    'Patiente vue le {DATE_FR} par le Dr {NURSE} au {HOSP}. ',
    'Antécédents : infarctus en {YEAR}. {NEG}. ',
    'Personne de confiance : son fils {REL_NAME}, joignable au {PHONE}. ',
    'Née le {DATE_FR} à {TOWN}. ',
  ],
  de: [
    'Aufnahme am {DATE_DE} über die Notaufnahme des {HOSP}. ',
    'Patient {PT_FULL}, {AGE90} Jahre, wohnhaft in {TOWN}. ',
    'Rücksprache mit Dr. {NURSE} am {DATE_DE}; {NEG}. ',
    'Ehefrau {REL_NAME} informiert, Tel. {PHONE}. ',
  ],
};

// ---------------------------------------------------------------------------------------------------

function negativeCursor(rng) {
  // Round robin over every must-not-be-PHI phrase (shuffled once), so every term appears early.
  const order = rng.shuffle(NEGATIVE_LIST);
  const scanners = rng.shuffle(SCANNER_PHRASES);
  let i = 0;
  let j = 0;
  return {
    next: () => order[i++ % order.length],
    nextOf: () => scanners[j++ % scanners.length],
  };
}

function composeIcu(d) {
  const { rng } = d;
  fill(d, rng.pick(ICU_OPEN));
  if (rng.chance(0.6)) fill(d, rng.pick(ICU_HPI));
  const phi = rng.shuffle(ICU_PHI).slice(0, rng.int(2, 6));
  const body = rng.shuffle(ICU_BODY).slice(0, rng.int(2, 5));
  const all = rng.shuffle([...phi, ...body]);
  for (const s of all) {
    fill(d, s);
    if (rng.chance(0.3)) d.t('\n');
  }
  fill(d, rng.pick(ICU_SIGN));
}

function composeNote(style, d) {
  const { rng } = d;
  switch (style) {
    case 'icu-upper':
    case 'icu-lower':
    case 'icu-mixed':
      composeIcu(d);
      break;
    case 'radiology':
      fill(d, rng.pick(RAD_TPL));
      if (rng.chance(0.3)) fill(d, rng.pick(RAD_TPL));
      break;
    case 'discharge':
      fill(d, rng.pick(DISCHARGE_TPL));
      break;
    case 'dicom': {
      fill(d, rng.pick(DICOM_TPL));
      if (rng.chance(0.3)) fill(d, `${rng.pick(['; ', ' / ', '\n'])}${rng.pick(DICOM_TPL)}`);
      break;
    }
    case 'sr':
      fill(d, rng.pick(SR_TPL));
      break;
    case 'multilingual': {
      const lang = rng.pick(['es', 'fr', 'de']);
      for (const s of rng.shuffle(ML_TPL[lang]).slice(0, rng.int(2, 4))) fill(d, s);
      if (rng.chance(0.5)) fill(d, rng.pick(ICU_PHI));
      d.t('\n');
      break;
    }
    default:
      throw new Error(`unknown style ${style}`);
  }
}

/**
 * Generates `count` synthetic notes with their PHI spans. Same seed and options, same output.
 * @param {{ seed?: number, count?: number, styles?: string[] }} options
 * @returns {{ id: string, style: string, text: string, spans: { start: number, end: number, type: string, category: string }[] }[]}
 */
export function generateNotes({ seed = 1, count = 100, styles = STYLES } = {}) {
  for (const s of styles) if (!STYLES.includes(s)) throw new Error(`unknown style ${s}`);
  const rng = makeRng(seed);
  const negatives = negativeCursor(rng);
  const weights = styles.map((s) => [s, STYLE_WEIGHTS[s]]);
  const notes = [];
  for (let i = 0; i < count; i++) {
    // The first notes visit every style once; then styles are drawn by weight.
    const style = i < styles.length ? styles[i] : rng.weighted(weights);
    const casing = style === 'icu-upper' ? 'upper' : style === 'icu-lower' ? 'lower' : 'asis';
    const d = new Doc(rng, casing, negatives);
    composeNote(style, d);
    notes.push({ id: `S-${i + 1}`, style, text: d.text(), spans: d.spans });
  }
  return notes;
}

/** The PhysioNet files for `notes`: patient i+1, note 1. Returns { text, phrase } strings (Latin-1). */
export function toPhysioNet(notes) {
  let text = '';
  let phrase = '';
  notes.forEach((n, i) => {
    text += `START_OF_RECORD=${i + 1}||||1||||\n${n.text}\n||||END_OF_RECORD\n`;
    for (const s of n.spans)
      phrase += `${i + 1} 1 ${s.start} ${s.end} ${s.category} ${n.text.slice(s.start, s.end)}\n`;
  });
  return { text, phrase };
}

/** Writes DIR/id.text, DIR/id-phi.phrase (Latin-1) and DIR/notes.json. */
export function writePhysioNet(dir, notes) {
  mkdirSync(dir, { recursive: true });
  const { text, phrase } = toPhysioNet(notes);
  writeFileSync(join(dir, 'id.text'), Buffer.from(text, 'latin1'));
  writeFileSync(join(dir, 'id-phi.phrase'), Buffer.from(phrase, 'latin1'));
  writeFileSync(join(dir, 'notes.json'), JSON.stringify(notes, null, 1));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '500' },
      out: { type: 'string' },
      styles: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: generate.mjs --seed N --count N --out DIR [--styles a,b]\n');
    process.exit(2);
  }
  const notes = generateNotes({
    seed: Number(values.seed),
    count: Number(values.count),
    styles: values.styles ? values.styles.split(',') : STYLES,
  });
  writePhysioNet(values.out, notes);
  const spans = notes.reduce((n, x) => n + x.spans.length, 0);
  process.stdout.write(`${notes.length} notes, ${spans} PHI spans -> ${values.out}\n`);
}
