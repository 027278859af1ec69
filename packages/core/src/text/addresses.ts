/** Address rules: street addresses, apartment or suite numbers, PO boxes and ZIP or postal codes. */
import type { PhiSpan } from '../types.js';
import { rx, runPatternRules } from './pattern-rules.js';
import type { PatternRule } from './pattern-rules.js';

/** US state and territory abbreviations that are also common words or medical abbreviations. */
const AMBIGUOUS_STATES = new Set([
  'CT',
  'PA',
  'IN',
  'OR',
  'ME',
  'OK',
  'DE',
  'HI',
  'MD',
  'MS',
  'ID',
  'MA',
  'CO',
  'AS',
  'MT',
  'VA',
]);

const STATE_ABBREVIATIONS =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH ' +
  'OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP';

const STATE_NAMES = [
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
  'Puerto Rico',
];

/** Street suffixes: full words in title or upper case, abbreviations in the cases that are safe. */
const STREET_SUFFIX = (() => {
  const full = [
    'Street',
    'Avenue',
    'Road',
    'Boulevard',
    'Lane',
    'Drive',
    'Court',
    'Place',
    'Terrace',
    'Way',
    'Parkway',
    'Highway',
    'Circle',
    'Square',
    'Trail',
    'Crescent',
    'Close',
    'Plaza',
    'Alley',
    'Expressway',
    'Freeway',
    'Turnpike',
    'Row',
  ];
  const titleOnly = [
    'St',
    'Ave',
    'Rd',
    'Blvd',
    'Ln',
    'Dr',
    'Ct',
    'Pl',
    'Ter',
    'Pkwy',
    'Hwy',
    'Cir',
    'Sq',
    'Trl',
  ];
  const upperToo = ['AVE', 'RD', 'BLVD', 'LN', 'PKWY', 'HWY'];
  const all = [...full, ...full.map((w) => w.toUpperCase()), ...titleOnly, ...upperToo];
  return `(?:${all.sort((a, b) => b.length - a.length).join('|')})`;
})();

/** Every street suffix in any case, for text where a cue says an address follows. */
const ANY_CASE_SUFFIX =
  '(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|terrace|ter|way|' +
  'parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|trl|crescent|close|plaza|alley|row|turnpike|pike)';

/** A word of a street name: capitalised (`Main`, `MAIN`, `O'Connor`) or an ordinal (`5th`). */
const STREET_WORD = "(?:\\p{Lu}[\\p{L}'’.-]*|\\d{1,3}(?:st|nd|rd|th))";

/** `town, ST 12345` in any case: group 1 the state, group 2 the ZIP code. */
const TOWN_STATE_ZIP_RE = rx(
  `(?<=\\p{L},[ \\t]*)(${STATE_ABBREVIATIONS.split(' ').join('|')}|${STATE_NAMES.join('|')})\\.?[ \\t]+` +
    '(\\d{5}(?:-\\d{4})?)(?!\\p{N}|-\\p{N})',
  true,
);

const RULES: readonly PatternRule[] = [
  {
    // 123 Main Street, 45 Elm St., 1600 W 5th Ave, 221B Baker Street.
    id: 'address/street',
    type: 'address',
    re: rx(
      `(?<![\\p{L}\\p{N}])\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?,?[ \\t]+(?:${STREET_WORD}[ \\t]+){1,4}${STREET_SUFFIX}(?!\\p{L})\\.?` +
        '(?:[ \\t]+(?:NW|NE|SW|SE|N|S|E|W)(?![\\p{L}\\p{N}])\\.?)?',
    ),
    confidence: 0.85,
  },
  {
    // After `lives at`, `resides at`, `address:`: a street in any case (`lives at 4822 osprey rd`).
    id: 'address/street-cued',
    type: 'address',
    re: rx(
      '(?<=(?:(?:lives|living|lived|resides|residing|resident|located|home|house)[ \\t]+(?:at|on)|address(?:[ \\t]+is)?|addr\\.?)[ \\t]*:?[ \\t]*)' +
        `\\d{1,6}[a-z]?(?:-\\d{1,4})?,?[ \\t]+(?:[\\p{L}'’.-]+[ \\t]+){1,4}?${ANY_CASE_SUFFIX}(?!\\p{L})\\.?` +
        '(?:[ \\t]+(?:nw|ne|sw|se|n|s|e|w)(?![\\p{L}\\p{N}])\\.?)?',
      true,
    ),
    confidence: 0.85,
  },
  {
    // Hauptstraße 12, Lindenweg 3a, Marktplatz 1.
    id: 'address/street-de',
    type: 'address',
    re: rx(
      '(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|platz|allee|gasse|damm|ufer)' +
        '[ \\t]+\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])',
    ),
    confidence: 0.85,
  },
  {
    // 12 rue de la Paix, 5 avenue Victor Hugo, Calle Mayor 5, Avenida de la Paz 10.
    id: 'address/street-fr-es',
    type: 'address',
    re: rx(
      '(?<![\\p{L}\\p{N}])(?:\\d{1,4}(?: ?(?:bis|ter))?,?[ \\t]+(?:[Rr]ue|[Aa]venue|[Aa]v\\.|[Bb]oulevard|[Bb]d|' +
        '[Pp]lace|[Cc]hemin|[Ii]mpasse|[Aa]ll[ée]e|[Qq]uai|[Rr]oute|[Cc]ours|RUE|AVENUE|BOULEVARD)|' +
        '(?:[Cc]alle|[Aa]venida|[Aa]vda\\.|[Pp]aseo|[Pp]laza|[Cc]arrer|[Rr]ua|CALLE|AVENIDA))[ \\t]+' +
        "(?:(?:de|du|des|la|le|les|del|d'|l')[ \\t']*)*\\p{Lu}[\\p{L}'’-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*){0,3}" +
        '(?:,?[ \\t]+\\d{1,4}[a-z]?(?![\\p{L}\\p{N}]))?',
    ),
    confidence: 0.8,
  },
  {
    // Apt 4B, Apartment 12, Suite 200, Apt. #3 (with a digit or a single letter).
    id: 'address/unit',
    type: 'address',
    re: rx(
      '(?<!\\p{L})(?:Apt|Apartment|Suite|Ste)(?:\\.[ \\t]?|[ \\t]|[ \\t]?#[ \\t]?)#?(?:\\d{1,5}[A-Za-z]?|[A-Za-z]\\d{0,4})(?![\\p{L}\\p{N}])',
      true,
    ),
    confidence: 0.8,
  },
  {
    id: 'address/po-box',
    type: 'address',
    re: rx('(?<!\\p{L})P\\.?[ \\t]?O\\.?[ \\t]?Box[ \\t]*#?[ \\t]*\\d{1,7}(?!\\p{N})', true),
    confidence: 0.9,
  },
  {
    // Boston, MA 02115; TX 75001-1234; California 90210. Ambiguous abbreviations need the comma.
    id: 'zip/state',
    type: 'zip',
    re: rx(
      `(?<![\\p{L}])(${STATE_ABBREVIATIONS.split(' ').join('|')}|${STATE_NAMES.join('|')})\\.?[ \\t]+` +
        '(\\d{5}(?:-\\d{4})?)(?!\\p{N}|-\\p{N})',
    ),
    confidence: 0.9,
    group: 2,
    check: (m, text) => {
      if (/\p{L},[ \t]*$/u.test(text.slice(Math.max(0, m.index - 8), m.index))) return true;
      return AMBIGUOUS_STATES.has(m[1] ?? '') ? false : { confidence: 0.75 };
    },
  },
  {
    // glenhollow, tx 76472: a ZIP code after a state in any case after a town and a comma.
    id: 'zip/town-state',
    type: 'zip',
    re: TOWN_STATE_ZIP_RE,
    confidence: 0.9,
    group: 2,
  },
  {
    // The state of that postal address goes with it (a town's state narrows the town down).
    id: 'location/state-of-address',
    type: 'location',
    re: TOWN_STATE_ZIP_RE,
    confidence: 0.85,
    group: 1,
  },
  {
    // ZIP: 02115, Zip code 90210-1234, postal code K1A 0B1, postcode SW1A 1AA, PLZ 80331.
    id: 'zip/label',
    type: 'zip',
    re: rx(
      '(?<!\\p{L})(?:zip(?:\\s?code)?|postal\\s?code|post\\s?code|plz|code\\s+postal|c[oó]digo\\s+postal)' +
        '(?!\\p{L})\\.?\\s{0,3}[:#=]?\\s{0,3}(\\d{5}(?:-\\d{4})?|\\d{4}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|' +
        '[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})(?![\\p{L}\\p{N}])',
      true,
    ),
    confidence: 0.9,
    group: 1,
  },
];

/** Finds street addresses, unit numbers, PO boxes and ZIP or postal codes in `text`. */
export function findAddresses(text: string, out: PhiSpan[] = []): PhiSpan[] {
  runPatternRules(RULES, text, out);
  return out;
}
