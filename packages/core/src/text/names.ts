/**
 * Person-name rules. Text is cut into word tokens once; each rule then looks at tokens, their
 * case, a dictionary of given and family names, a stop-list of medical and technical words, and
 * the context before them (a title, a label, `signed by`, a DICOM PN with `^`).
 */
import type { PhiSpan } from '../types.js';
import { foldText, forEachMatch } from './fold.js';
import { tokenIndexAt } from './tokens.js';
import { AMBIGUOUS_NAMES, FAMILY_NAMES, GIVEN_NAMES, NEVER_NAMES } from './name-data.js';
import { CREDENTIALS, EPONYM_CUES, MONTH_WORDS, OF_EPONYMS, STOP_WORDS } from './stop-words.js';

/** Word lists that extend the built-in dictionaries of a name finder. */
export interface NameLists {
  /** Extra given names (any case; accents are ignored). */
  givenNames?: readonly string[];
  /** Extra family names. */
  familyNames?: readonly string[];
  /** Extra words that are never names. */
  stopWords?: readonly string[];
}

/** Finds person names in text. */
export type NameFinder = (text: string, out?: PhiSpan[]) => PhiSpan[];

interface Token {
  start: number;
  end: number;
  /** Folded, lower case, without a possessive `'s` or apostrophes: `o'brien's` → `obrien`. */
  key: string;
  /** Hyphen parts of the key (`garcia-lopez` → `garcia`, `lopez`), or the key itself. */
  parts: string[];
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** A single letter, possibly followed by a period: an initial. */
  initial: boolean;
  stop: boolean;
  never: boolean;
  credential: boolean;
  given: boolean;
  family: boolean;
  /** In a dictionary and not ambiguous. */
  strong: boolean;
}

const TOKEN_RE = /(?<![\p{L}\p{M}\p{N}])\p{L}[\p{L}\p{M}'’-]*(?<![-'’])(?![\p{L}\p{M}\p{N}])/gu;

/** Courtesy and professional titles before a name (case as written: `MR.` needs its period). */
const TITLE_RE =
  /(?<![\p{L}\p{N}])(?:Dr|Doctor|Mr|Mrs|Ms|Mx|Miss|Mister|Prof|Professor|Sir|Dame|Rev|Herr|Frau|Mme|Mlle|Madame|Monsieur|Sr|Sra|Srta|Dra|Dott|DR|DOCTOR|MRS|MISS|PROF|dr|mr|mrs|ms|prof)(?:\.|(?=[ \t]))|(?<![\p{L}\p{N}])(?:MR|MS)\./gu;

/** {@link TITLE_RE}, matching only at `lastIndex`. */
const TITLE_AT_RE = new RegExp(TITLE_RE.source, `${TITLE_RE.flags.replace('g', '')}y`);

/** Labels after which a name follows a colon: `Name:`, `Referring Physician:`, `Radiologist =`. */
const LABEL_RE = new RegExp(
  '(?<![\\p{L}])(?:(?:patient|pt|subject|client|member|insured|guarantor|referring|ordering|requesting|' +
    'performing|attending|reading|operator|operators|physician|doctor|provider|radiologist|technologist|' +
    "nurse|mother|father|spouse|guardian|contact|family|given|first|last|middle|maiden|birth)(?:'s)?[ \\t]*" +
    '(?:physician[ \\t]*)?(?:name|names)|(?<!(?:institution|station|protocol|series|study|manufacturer|model|' +
    'department|device|software|sequence|file|product|drug|brand|facility|hospital|clinic|company|user|host|' +
    'computer|scanner|body[ \\t]+part|application|code|scheme|procedure|exam|image|plan|structure|set|' +
    'program|site|organization|organisation)[ \\t_]*)(?:name|names)|patient|pt|physician|referring(?:[ \\t]+(?:physician|doctor|' +
    'provider|md|clinician))?|referrer|ordering(?:[ \\t]+(?:physician|provider|md))?|requesting(?:[ \\t]+' +
    '(?:physician|clinician))?|attending|radiologist|reading[ \\t]+radiologist|interpreting[ \\t]+physician|' +
    'resident|fellow|technologist|tech|technician|radiographer|sonographer|operator|performed[ \\t]+by|nurse|' +
    'surgeon|consultant|cc|attn|author|signature|provider|clinician|mother|father|spouse|husband|wife|' +
    'guardian|son|daughter|informant|next[ \\t]+of[ \\t]+kin|emergency[ \\t]+contact|contact|patientname|' +
    'referringphysicianname|performingphysicianname|operatorsname|nameofphysiciansreadingstudy)' +
    '[ \\t]*[:=][ \\t]*',
  'giu',
);

/** `signed by`, `seen by`, `discussed with`: a name follows. */
const BY_RE = new RegExp(
  '(?<![\\p{L}])(?:(?:electronically[ \\t]+)?(?:signed|dictated|transcribed|read|reviewed|seen|examined|' +
    'reported|verified|approved|interpreted|referred|ordered|performed|scanned|authored|attested|' +
    'countersigned|accompanied|treated|evaluated|consented)[ \\t]+by|discussed[ \\t]+with|spoke[ \\t]+with|' +
    'communicated[ \\t]+to|d\\/w|called[ \\t]+to)[ \\t]*:?[ \\t]*',
  'giu',
);

/** Weaker cues: a following word counts only when it is in a name dictionary. */
const WEAK_CUE_RE = new RegExp(
  '(?<![\\p{L}])(?:patient|pt\\.?|f\\/u[ \\t]+(?:for|with)|follow[ -]?up[ \\t]+(?:for|with)|' +
    'mother|father|son|daughter|wife|husband|brother|sister)[ \\t]+',
  'giu',
);

/** DICOM person names: `DOE^JOHN`, `DOE^JOHN^Q^^`, `Garcia-Lopez^Maria`. */
const PN_RE = /(?<![\p{L}\p{M}\p{N}'’.^-])\p{L}[\p{L}\p{M}'’.-]*(?:\^[\p{L}\p{M}'’.-]*){1,4}/gu;

const SPACE_GAP = /^[ \t]$/;
const INITIAL_GAP = /^\.?[ \t]?$/;
const COMMA_GAP = /^[ \t]*,[ \t]*$/;
const ROMAN = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi']);

function toSet(...lists: ReadonlyArray<readonly string[] | undefined>): Set<string> {
  const set = new Set<string>();
  for (const list of lists) for (const w of list ?? []) set.add(normaliseKey(w));
  return set;
}

/** Folds a word the way dictionary keys are stored. */
function normaliseKey(word: string): string {
  return foldText(word.trim())
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
}

/** Builds a name finder with the built-in dictionaries plus `lists`. */
export function createNameFinder(lists: NameLists = {}): NameFinder {
  const extraGiven = toSet(lists.givenNames);
  const extraFamily = toSet(lists.familyNames);
  const given = toSet(GIVEN_NAMES, lists.givenNames);
  const family = toSet(FAMILY_NAMES, lists.familyNames);
  const ambiguous = toSet(AMBIGUOUS_NAMES);
  for (const w of [...extraGiven, ...extraFamily]) ambiguous.delete(w);
  const stop = toSet(STOP_WORDS, lists.stopWords);
  const never = toSet(NEVER_NAMES, lists.stopWords);
  const credentials = toSet(CREDENTIALS);
  const eponymCues = toSet(EPONYM_CUES);
  const ofEponyms = toSet(OF_EPONYMS);
  const months = toSet(MONTH_WORDS);

  function tokenize(text: string, folded: string): Token[] {
    const tokens: Token[] = [];
    forEachMatch(TOKEN_RE, text, (m) => {
      const start = m.index;
      const end = start + m[0].length;
      const key = folded
        .slice(start, end)
        .replace(/['’]s$/, '')
        .replace(/['’]/g, '');
      const parts = key.includes('-') ? key.split('-').filter((p) => p.length > 0) : [key];
      const raw = m[0];
      const cap = /^\p{Lu}/u.test(raw);
      const upper = raw.length > 1 && !/\p{Ll}/u.test(raw);
      const isNever = parts.some((p) => never.has(p));
      const isStop = isNever || stop.has(key) || parts.some((p) => stop.has(p));
      const isGiven = !isNever && (given.has(key) || parts.some((p) => given.has(p)));
      const isFamily = !isNever && (family.has(key) || parts.some((p) => family.has(p)));
      const dictParts = parts.filter((p) => given.has(p) || family.has(p));
      if (given.has(key) || family.has(key)) dictParts.push(key);
      // Short all-caps words (`ALI`, `ANA`, `LEE`) are often abbreviations; two letters always are.
      const shortWord = key.length <= 2 || (upper && key.length <= 3);
      const isStrong =
        (isGiven || isFamily) && !isStop && !shortWord && dictParts.some((p) => !ambiguous.has(p));
      tokens.push({
        start,
        end,
        key,
        parts,
        cap,
        initial: raw.length === 1 && cap,
        stop: isStop,
        never: isNever,
        credential: credentials.has(key),
        given: isGiven,
        family: isFamily,
        strong: isStrong,
      });
    });
    return tokens;
  }

  return function findNames(text: string, out: PhiSpan[] = []): PhiSpan[] {
    if (!/\p{L}/u.test(text)) return out;
    const folded = foldText(text);
    const tokens = tokenize(text, folded);
    if (tokens.length === 0) return out;

    const inDict = (t: Token): boolean => t.given || t.family;
    const gap = (a: Token, b: Token): string => text.slice(a.end, b.start);

    /** Index of the first token at or after `pos`, when only spaces or tabs lie between. */
    const tokenAt = (pos: number): number => tokenIndexAt(tokens, text, pos);

    /** True when a month word is followed by a number (the name stops before a date). */
    function startsDate(t: Token): boolean {
      return months.has(t.key) && /^[ \t]*\d/.test(text.slice(t.end, t.end + 4));
    }

    /**
     * Takes name tokens from index `i` after a strong context. A token is taken when it is
     * capitalised and either not a stop word or in a dictionary (`Dr. Dixon`), or when it is a
     * lower-case unambiguous dictionary name; never when it is a credential, a word that is never a
     * name, or a month starting a date.
     */
    function walk(
      i: number,
      maxTokens: number,
      needDict: boolean,
    ): { start: number; end: number } | undefined {
      let taken = 0;
      let dictHits = 0;
      let first: Token | undefined;
      let last: Token | undefined;
      for (let k = i; k < tokens.length && taken < maxTokens; k++) {
        const t = tokens[k];
        if (!t) break;
        if (last) {
          const g = gap(last, t);
          const ok =
            SPACE_GAP.test(g) ||
            g === '^' ||
            (last.initial && INITIAL_GAP.test(g)) ||
            (COMMA_GAP.test(g) && t.given && taken === 1);
          if (!ok) break;
        }
        const nameLike = t.initial
          ? first !== undefined || t.cap
          : t.cap
            ? !t.stop || (inDict(t) && t.key.length > 2) // `PT STATES HE IS`: `He` is no name there
            : t.strong && !t.stop;
        if (t.never || t.credential || startsDate(t) || !nameLike) break;
        first ??= t;
        last = t;
        taken++;
        if (inDict(t)) dictHits++;
      }
      if (!first || !last) return undefined;
      if (needDict && dictHits === 0) return undefined;
      // A trailing initial is kept only with its period.
      let end = last.end;
      if (last.initial && text[end] === '.') end++;
      if (last === first && last.initial) return undefined;
      return { start: first.start, end };
    }

    /** Skips a title (`Dr.`) right at `pos`; returns the position after it. */
    function skipTitle(pos: number): number {
      // Sticky: only a title exactly at `pos` (a global search from `pos` would scan the rest of the
      // text on every call, quadratic over a text full of labels).
      TITLE_AT_RE.lastIndex = pos;
      const m = TITLE_AT_RE.exec(text);
      TITLE_AT_RE.lastIndex = 0;
      if (m && m.index === pos)
        return pos + m[0].length + (/^[ \t]*/.exec(text.slice(pos + m[0].length))?.[0].length ?? 0);
      return pos;
    }

    function push(start: number, end: number, confidence: number, rule: string): void {
      if (end > start) out.push({ start, end, type: 'name', confidence, rule });
    }

    function contextRule(re: RegExp, confidence: number, rule: string, needDict: boolean, max: number): void {
      forEachMatch(re, text, (m) => {
        const pos = skipTitle(m.index + m[0].length);
        const i = tokenAt(pos);
        if (i < 0) return;
        const span = walk(i, max, needDict);
        if (span) push(span.start, span.end, confidence, rule);
      });
    }

    // Titles: Dr. Maria Garcia-Lopez, Mrs Smith, DR. JOHN SMITH.
    forEachMatch(TITLE_RE, text, (m) => {
      const end = m.index + m[0].length;
      const i = tokenAt(end);
      if (i < 0) return;
      // Lower-case titles (`dr smith`) only count before a dictionary name.
      const lowerTitle = /^\p{Ll}/u.test(m[0]);
      const span = walk(i, 4, lowerTitle);
      if (span) push(span.start, span.end, lowerTitle ? 0.8 : 0.95, 'name/title');
    });
    contextRule(LABEL_RE, 0.9, 'name/label', false, 4);
    contextRule(BY_RE, 0.85, 'name/signed-by', false, 4);
    contextRule(WEAK_CUE_RE, 0.8, 'name/context', true, 3);

    // DICOM PN: FAMILY^GIVEN^MIDDLE.
    forEachMatch(PN_RE, text, (m) => {
      const components = m[0].split('^').filter((c) => c.length > 0);
      if (components.length < 2 && !m[0].endsWith('^')) return;
      if ((components[0]?.length ?? 0) < 2) return;
      const keys = components.map((c) => normaliseKey(c));
      if (keys.every((k) => stop.has(k) || never.has(k) || k.length === 0)) return;
      let end = m.index + m[0].length;
      while (end > m.index && /[\^.]/.test(text[end - 1] ?? '')) end--;
      push(m.index, end, components.length >= 2 ? 0.9 : 0.7, 'name/dicom-pn');
    });

    /** True when the dictionary word at `i` is used as a medical eponym (`Jones fracture`). */
    function eponymAt(i: number): boolean {
      const t = tokens[i];
      if (!t) return false;
      const prev = tokens[i - 1];
      if (prev && prev.key === 'of' && SPACE_GAP.test(gap(prev, t)) && ofEponyms.has(t.key)) return true;
      let k = i + 1;
      let hops = 0;
      let last = t;
      while (k < tokens.length && hops < 3) {
        const next = tokens[k];
        if (!next) break;
        const g = gap(last, next);
        if (!/^[\s\d()\-–/]{1,8}$/.test(g)) return false;
        if (eponymCues.has(next.key)) return true;
        // Skip grade marks and second eponyms: Salter-Harris II fracture, Hill-Sachs lesion.
        if (!(ROMAN.has(next.key) || next.initial || inDict(next) || next.key.length <= 2)) return false;
        last = next;
        k++;
        hops++;
      }
      return false;
    }

    // Last, First: Smith, John; DOE, JOHN A.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (!a || !b || !COMMA_GAP.test(gap(a, b))) continue;
      if (!a.cap || !b.cap || a.stop || b.stop || a.credential || b.credential || a.initial || b.initial)
        continue;
      let confidence = 0;
      if (b.given && a.family && (a.strong || b.strong)) confidence = 0.85;
      else if (b.given && b.strong && !inDict(a)) confidence = 0.7;
      else if (a.family && a.strong && !inDict(b)) confidence = 0.6;
      if (confidence === 0 || eponymAt(i)) continue;
      let end = b.end;
      const c = tokens[i + 2];
      if (c && c.initial && SPACE_GAP.test(gap(b, c))) end = text[c.end] === '.' ? c.end + 1 : c.end;
      push(a.start, end, confidence, 'name/last-first');
    }

    // Runs of capitalised words with a dictionary name: John Smith, MARIA GARCIA LOPEZ, Priya.
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i];
      if (!t || !t.cap || t.stop || t.credential || t.initial) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < tokens.length) {
        const cur = tokens[j];
        const next = tokens[j + 1];
        if (!cur || !next || !next.cap || next.stop || next.credential) break;
        const g = gap(cur, next);
        if (!(SPACE_GAP.test(g) || (cur.initial && INITIAL_GAP.test(g)))) break;
        j++;
      }
      // Drop trailing initials from the run.
      let last = j;
      while (last > i && tokens[last]?.initial) last--;
      const run = tokens.slice(i, last + 1).filter((x) => !x.initial);
      const strongIdx: number[] = [];
      let dict = 0;
      for (let k = i; k <= last; k++) {
        const x = tokens[k];
        if (!x || x.initial) continue;
        if (inDict(x)) dict++;
        if (x.strong && !eponymAt(k)) strongIdx.push(k);
      }
      if (strongIdx.length > 0) {
        const firstTok = tokens[i];
        const lastTok = tokens[last];
        if (run.length >= 2 && firstTok && lastTok) {
          let s = i;
          let e = last;
          if (run.length > 4) {
            s = Math.max(i, (strongIdx[0] ?? i) - 1);
            e = Math.min(last, (strongIdx[strongIdx.length - 1] ?? last) + 1);
          }
          const confidence = dict >= 2 ? 0.9 : 0.7;
          push(tokens[s]?.start ?? 0, tokens[e]?.end ?? 0, confidence, 'name/dictionary-pair');
        } else if (run.length === 1) {
          const single = run[0];
          if (single) push(single.start, single.end, single.given ? 0.6 : 0.55, 'name/dictionary');
        }
      } else if (run.length >= 2 && dict >= 2) {
        // Two ambiguous dictionary words (`Rose Young`): reported below the default threshold.
        push(tokens[i]?.start ?? 0, tokens[last]?.end ?? 0, 0.45, 'name/dictionary-pair');
      }
      i = j + 1;
    }
    return out;
  };
}
