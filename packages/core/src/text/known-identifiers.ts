/**
 * The subject's own identifiers (from the structured data of the same file) found again in free
 * text, in any case, with any separators and in any date format:
 *
 * - a name (`DOE^JOHN`) matches its components in any order and case (`John Doe`, `Doe, John`,
 *   `JOHN DOE`, `doe john`, `John A. Doe`), and each component of three or more letters alone;
 * - an identifier with digits (`MRN-0012345`) matches its letters and digits with any separators
 *   between them (`mrn0012345`, `MRN 0012345`), and its longest digit run alone when that has at
 *   least five digits (`0012345`);
 * - a date (`19650412`) matches the same day in any supported format (`1965-04-12`,
 *   `04/12/1965`, `12.04.1965`, `April 12, 1965`).
 *
 * All spans have type `subject-identifier` and confidence 1.
 */
import type { PhiSpan } from '../types.js';
import { findDates, parseDate, sameDate } from './dates.js';
import type { CalendarDate, DateMatch } from './dates.js';
import { escapeRegExp, foldText, forEachMatch } from './fold.js';

/** Finds a fixed set of known identifiers in text. */
export interface KnownIdentifierMatcher {
  /**
   * Spans of the identifiers in `text`. `folded` is `foldText(text)` and `dates` the dates found
   * in `text`, when the caller already has them.
   */
  find(text: string, folded?: string, dates?: readonly DateMatch[]): PhiSpan[];
}

/** Identifiers shorter than this (letters and digits) are ignored: they would match everywhere. */
const MIN_ID_LENGTH = 4;
/** A name component this long or longer matches on its own. */
const MIN_COMPONENT_ALONE = 3;
/** The digit core of an identifier matches on its own from this many digits. */
const MIN_DIGIT_CORE = 5;
/** Separators allowed between the characters of an identifier. */
const ID_SEP = "[\\s\\-_./:#^,()+'’]{0,3}";
/** What may lie between two components of one name: spaces, `,`, `^`, `.`, `-`, a middle initial. */
const NAME_GAP = /^(?:[\s,^.;:'’-]{1,4}|[\s,^]+\p{L}\.?[\s,^]+)$/u;

interface Parsed {
  names: Set<string>;
  ids: Set<string>;
  cores: Set<string>;
  dates: CalendarDate[][];
}

function classify(identifiers: readonly string[]): Parsed {
  const parsed: Parsed = { names: new Set(), ids: new Set(), cores: new Set(), dates: [] };
  for (const raw of identifiers) {
    const value = raw.trim();
    if (value.length === 0) continue;
    const date = parseDate(value);
    if (date) parsed.dates.push(date);
    const folded = foldText(value);
    if (/\p{N}|@/u.test(folded)) {
      const normalised = folded.replace(/[^\p{L}\p{N}]/gu, '');
      if (normalised.length >= MIN_ID_LENGTH) parsed.ids.add(normalised);
      let core = '';
      for (const run of normalised.match(/\p{N}+/gu) ?? []) if (run.length > core.length) core = run;
      if (core.length >= MIN_DIGIT_CORE && core !== normalised) parsed.cores.add(core);
    } else {
      for (const part of folded.split(/[^\p{L}\p{M}'’]+/u)) {
        const component = part.replace(/['’]/g, '');
        if (component.length >= 2) parsed.names.add(component);
      }
    }
  }
  return parsed;
}

function alternation(values: Iterable<string>, joiner: string): string {
  return [...values]
    .sort((a, b) => b.length - a.length)
    .map((v) => [...v].map(escapeRegExp).join(joiner))
    .join('|');
}

/** Compiles a matcher for `identifiers` (names, IDs and dates in any mix). */
export function compileKnownIdentifiers(identifiers: readonly string[]): KnownIdentifierMatcher {
  const parsed = classify(identifiers);
  const nameRe =
    parsed.names.size > 0
      ? new RegExp(
          `(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation(parsed.names, "['’]?")})(?![\\p{L}\\p{M}\\p{N}])`,
          'gu',
        )
      : undefined;
  const idRe =
    parsed.ids.size > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(parsed.ids, ID_SEP)})(?![\\p{L}\\p{N}])`, 'gu')
      : undefined;
  const coreRe =
    parsed.cores.size > 0
      ? new RegExp(`(?<!\\p{N})(?:${alternation(parsed.cores, '[\\s\\-./]?')})(?!\\p{N})`, 'gu')
      : undefined;

  function span(start: number, end: number, rule: string): PhiSpan {
    return { start, end, type: 'subject-identifier', confidence: 1, rule };
  }

  return {
    find(text, folded = foldText(text), dates) {
      const out: PhiSpan[] = [];
      if (text.length === 0) return out;
      if (nameRe) {
        const hits: Array<{ start: number; end: number; key: string }> = [];
        forEachMatch(nameRe, folded, (m) => {
          hits.push({ start: m.index, end: m.index + m[0].length, key: m[0].replace(/['’]/g, '') });
        });
        // Join neighbouring components into one span: `John A. Doe`, `DOE^JOHN`, `Doe, John`.
        let k = 0;
        while (k < hits.length) {
          const first = hits[k];
          if (!first) break;
          let last = first;
          const keys = new Set([first.key]);
          let j = k + 1;
          for (; j < hits.length; j++) {
            const next = hits[j];
            if (!next || !NAME_GAP.test(text.slice(last.end, next.start))) break;
            keys.add(next.key);
            last = next;
          }
          const longest = Math.max(...[...keys].map((x) => x.length));
          if (keys.size >= 2 || longest >= MIN_COMPONENT_ALONE)
            out.push(span(first.start, last.end, 'subject/name'));
          k = j;
        }
      }
      if (idRe)
        forEachMatch(idRe, folded, (m) => out.push(span(m.index, m.index + m[0].length, 'subject/id')));
      if (coreRe)
        forEachMatch(coreRe, folded, (m) => out.push(span(m.index, m.index + m[0].length, 'subject/id')));
      if (parsed.dates.length > 0) {
        for (const found of dates ?? findDates(text)) {
          const hit = found.readings.some((r) =>
            parsed.dates.some((known) => known.some((k) => sameDate(k, r))),
          );
          if (hit) out.push(span(found.start, found.end, 'subject/date'));
        }
      }
      return out;
    },
  };
}
