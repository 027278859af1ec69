/**
 * Realistic replacements for PHI spans, so cleaned text stays readable: keyed fake names (the same
 * person gets the same surrogate everywhere), digits replaced by keyed digits in the same layout,
 * dates moved by the subject's own offset when one is given. Everything else gets its placeholder.
 */
import type { PhiSpan, PhiType, Pseudonymizer } from '../types.js';
import { findDates, type CalendarDate } from './dates.js';
import { foldText } from './fold.js';
import { defaultPlaceholder, replaceSpans, type PlaceholderFn } from './redact.js';

/** What a surrogate replacement needs. */
export interface SurrogateOptions {
  pseudonyms: Pseudonymizer;
  /** Shift for dates; without it dates become placeholders. */
  dateOffsetDays?: number;
  /** For the types that have no surrogate. */
  placeholder?: PlaceholderFn;
}

const DIGIT_TYPES: ReadonlySet<PhiType> = new Set(['phone', 'fax', 'id', 'mrn', 'accession', 'ssn', 'zip']);

/**
 * The types whose surrogates look like the real thing (keyed fake names, shifted dates, keyed digits
 * in the original layout). Every other type becomes its placeholder in surrogate mode too. A verifier
 * re-scanning surrogate output cannot tell these from PHI, so it does not check them.
 */
export const SURROGATE_TYPES: ReadonlySet<PhiType> = new Set<PhiType>(['name', 'date', ...DIGIT_TYPES]);

/** Writes `word` in the case pattern of `model`: `SMITH`, `smith` or `Smith`. */
function matchCase(word: string, model: string): string {
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return word.toUpperCase();
  if (letters.length > 0 && letters === letters.toLowerCase()) return word.toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** A keyed fake name with as many words as the original (one word: the family part). */
function surrogateName(original: string, pseudonyms: Pseudonymizer): string {
  const words = original.split(/\s+/).filter((w) => w.length > 0);
  const pn = pseudonyms.name(foldText(words.join(' ')));
  const [family = 'NAME', given = 'NAME'] = pn.split('^');
  const out = words.length <= 1 ? [family] : [given, family];
  return out.map((w, i) => matchCase(w, words[Math.min(i, words.length - 1)] ?? original)).join(' ');
}

/** Each digit replaced by a keyed digit; separators and letters kept. */
function surrogateDigits(original: string, type: PhiType, pseudonyms: Pseudonymizer): string {
  const digest = pseudonyms.hash(`text-${type}`, original.replace(/\D/g, ''), 64);
  let i = 0;
  return original.replace(/\d/g, () => {
    const nibble = parseInt(digest[i++ % digest.length] ?? '0', 16);
    return String(nibble % 10);
  });
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  d.setUTCDate(d.getUTCDate() + days);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    twoDigitYear: date.twoDigitYear,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Moves a numeric or ISO date by `days`, keeping its layout (`03/15/2024`, `2024-03-15`, `3/15`).
 * Returns undefined for layouts it cannot rewrite safely (month names, ambiguous day/month order).
 */
function shiftDate(original: string, days: number): string | undefined {
  const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(original);
  if (iso) {
    const d = addDays({ year: +iso[1]!, month: +iso[3]!, day: +iso[4]!, twoDigitYear: false }, days);
    return `${d.year}${iso[2]}${pad2(d.month)}${iso[2]}${pad2(d.day)}`;
  }
  const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/.exec(original);
  if (us) {
    const month = +us[1]!;
    const day = +us[2]!;
    const yearText = us[3];
    if (month > 12) return undefined;
    const year = yearText === undefined ? 2001 : yearText.length === 2 ? 2000 + +yearText : +yearText;
    const readings = findDates(`${month}/${day}/${year}`);
    if (!readings.some((r) => r.readings.length > 0)) return undefined;
    const d = addDays({ year, month, day, twoDigitYear: false }, days);
    const m = us[1]!.length === 2 ? pad2(d.month) : String(d.month);
    const dd = us[2]!.length === 2 ? pad2(d.day) : String(d.day);
    if (yearText === undefined) return `${m}/${dd}`;
    return `${m}/${dd}/${yearText.length === 2 ? pad2(d.year % 100) : d.year}`;
  }
  return undefined;
}

/** The replacement text of one span under surrogate replacement. */
export function surrogateFor(original: string, span: PhiSpan, options: SurrogateOptions): string {
  const placeholder = options.placeholder ?? defaultPlaceholder;
  if (span.type === 'name') return surrogateName(original, options.pseudonyms);
  if (DIGIT_TYPES.has(span.type) && /\d/.test(original))
    return surrogateDigits(original, span.type, options.pseudonyms);
  if (span.type === 'date' && options.dateOffsetDays !== undefined) {
    return shiftDate(original, options.dateOffsetDays) ?? placeholder(span.type);
  }
  return placeholder(span.type);
}

/** Replaces every span of `text` with its surrogate. `spans` should not overlap. */
export function replaceWithSurrogates(
  text: string,
  spans: readonly PhiSpan[],
  options: SurrogateOptions,
): string {
  return replaceSpans(text, spans, (span, original) => surrogateFor(original, span, options));
}
