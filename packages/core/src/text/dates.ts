/**
 * Date rules: ISO, DICOM DA/DT, numeric day-month-year in either order, day-month-name-year,
 * month-name-day-year, month-name-day, month-year, each with an optional time. Every match is
 * validated (month 1-12, day within the month, leap years) and carries the calendar dates it can
 * stand for, so the known-identifier rule can compare a subject's date of birth with any format.
 */
import type { PhiSpan } from '../types.js';
import { forEachMatch } from './fold.js';

/** A calendar date read from text. */
export interface CalendarDate {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  /** True when the year was written with two digits (`03/15/24`): only `year % 100` is known. */
  twoDigitYear: boolean;
}

/** A date found in text, with every reading of it that is a valid calendar date. */
export interface DateMatch {
  start: number;
  end: number;
  rule: string;
  confidence: number;
  /** Valid readings (`04/05/2024` has two); empty when no day is given (`Mar 2024`). */
  readings: CalendarDate[];
}

const MIN_YEAR = 1880;
const MAX_YEAR = 2100;

/** Month names and abbreviations (English, German, French, Spanish), folded, to month numbers. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const table: Array<[number, string]> = [
    [1, 'january jan januar janvier enero'],
    [2, 'february feb februar fevrier février febrero'],
    [3, 'march mar marz märz maerz mars marzo'],
    [4, 'april apr avril abril'],
    [5, 'may mai mayo'],
    [6, 'june jun juni juin junio'],
    [7, 'july jul juli juillet julio'],
    [8, 'august aug aout août agosto'],
    [9, 'september sep sept septembre septiembre setiembre'],
    [10, 'october oct oktober okt octobre octubre'],
    [11, 'november nov novembre noviembre'],
    [12, 'december dec dezember dez decembre décembre diciembre'],
  ];
  const map = new Map<string, number>();
  for (const [month, names] of table) for (const name of names.split(' ')) map.set(name, month);
  return map;
})();

const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
/** A month name, not followed by a letter. */
const MONTH = `(${MONTH_ALT})(?!\\p{L})\\.?`;
/** An optional time after a date: `T10:30`, ` 10:30:15`, `, 3:45 pm`, ` at 14h30 UTC`. */
const TIME =
  '(?:(?:T|,?\\s{1,3}(?:at\\s+|um\\s+|à\\s+|a\\s+las\\s+)?)(?:[01]?\\d|2[0-3])[:h][0-5]\\d' +
  '(?::[0-5]\\d(?:[.,]\\d{1,6})?)?(?:\\s?[ap]\\.?m\\.?(?!\\p{L}))?' +
  '(?:\\s?(?:Z|UTC|GMT|[+-][01]\\d:?[0-5]\\d)(?![\\p{L}\\p{N}]))?)?';
/** Not preceded by a digit, nor by a digit and a date separator. */
const NUM_BEFORE = '(?<!\\p{N}|\\p{N}[./-])';
/** Not followed by a digit, nor by a date separator and a digit. */
const NUM_AFTER = '(?!\\p{N}|[./-]\\p{N})';

interface DateRule {
  id: string;
  re: RegExp;
  read(m: RegExpExecArray): { readings: CalendarDate[]; confidence: number } | undefined;
}

function re(source: string): RegExp {
  return new RegExp(source, 'giud');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` of `year`; with an unknown century (`year < 100`) February allows 29. */
function daysIn(year: number, month: number, twoDigit: boolean): number {
  if (month === 2) return twoDigit || isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the parts form a valid calendar date within the accepted year range. */
export function isValidDate(year: number, month: number, day: number, twoDigitYear = false): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (!twoDigitYear && (year < MIN_YEAR || year > MAX_YEAR)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysIn(year, month, twoDigitYear);
}

function reading(year: string, month: number, day: number): CalendarDate | undefined {
  const twoDigitYear = year.length === 2;
  const y = Number(year);
  return isValidDate(y, month, day, twoDigitYear) ? { year: y, month, day, twoDigitYear } : undefined;
}

function monthOf(name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  return MONTHS.get(name.toLowerCase().replace(/\.$/, ''));
}

/** True when the month word is written with a capital (`March`, `MAR`), not `may` or `mar`. */
function capitalised(word: string | undefined): boolean {
  return word !== undefined && /^\p{Lu}/u.test(word);
}

function list(...items: Array<CalendarDate | undefined>): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (const item of items) {
    if (item && !out.some((o) => o.year === item.year && o.month === item.month && o.day === item.day)) {
      out.push(item);
    }
  }
  return out;
}

const RULES: readonly DateRule[] = [
  {
    // 2024-03-15, 2024/03/15, 2024.03.15, optional time.
    id: 'date/iso',
    re: re(`${NUM_BEFORE}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${NUM_AFTER}${TIME}`),
    read(m) {
      const r = reading(m[1] ?? '', Number(m[3]), Number(m[4]));
      return r ? { readings: [r], confidence: 0.95 } : undefined;
    },
  },
  {
    // DICOM DA 20240315 and DT 20240315103000.123456 (years 1900-2100).
    id: 'date/dicom',
    re: re(
      '(?<!\\p{N}|\\p{N}\\.)((?:19|20)\\d{2}|2100)(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])' +
        '(?:(?:[01]\\d|2[0-3])(?:[0-5]\\d(?:[0-5]\\d(?:\\.\\d{1,6})?)?)?)?(?!\\p{N}|\\.\\p{N})',
    ),
    read(m) {
      const r = reading(m[1] ?? '', Number(m[2]), Number(m[3]));
      return r ? { readings: [r], confidence: 0.85 } : undefined;
    },
  },
  {
    // 03/15/2024, 15.03.2024, 15-03-2024, 3/15/24 (month-day or day-month, whichever is valid).
    id: 'date/numeric',
    re: re(`${NUM_BEFORE}(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})${NUM_AFTER}${TIME}`),
    read(m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = m[4] ?? '';
      if (year.length === 2 && m[2] === '.') return undefined;
      const readings = list(reading(year, a, b), reading(year, b, a));
      if (readings.length === 0) return undefined;
      return { readings, confidence: year.length === 4 ? 0.9 : 0.75 };
    },
  },
  {
    // 15-Mar-2024, 15 March 2024, 15th of March, 2024, 15. März 2024, 15 de marzo de 2024.
    id: 'date/day-month-year',
    re: re(
      `(?<![\\p{N}\\p{L}])(\\d{1,2})(?:st|nd|rd|th|er|e)?\\.?(?:[\\s./-]{1,3}|\\s+(?:of|de)\\s+)` +
        `${MONTH}(?:[\\s./,-]{1,3}|\\s+de\\s+)(\\d{4}|\\d{2})(?!\\p{N})${TIME}`,
    ),
    read(m) {
      const month = monthOf(m[2]);
      const year = m[3] ?? '';
      if (month === undefined) return undefined;
      if (year.length === 2 && !capitalised(m[2])) return undefined;
      const r = reading(year, month, Number(m[1]));
      return r ? { readings: [r], confidence: year.length === 4 ? 0.95 : 0.85 } : undefined;
    },
  },
  {
    // March 15, 2024, Mar. 15 2024, March 15th, 2024.
    id: 'date/month-day-year',
    re: re(
      `(?<!\\p{L})${MONTH}\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,\\s*|\\s{1,3})(\\d{4})(?!\\p{N})${TIME}`,
    ),
    read(m) {
      const month = monthOf(m[1]);
      if (month === undefined) return undefined;
      const r = reading(m[3] ?? '', month, Number(m[2]));
      return r ? { readings: [r], confidence: 0.95 } : undefined;
    },
  },
  {
    // March 15, Mar 3rd (no year): the month must be capitalised; not `May 5 mm`.
    id: 'date/month-day',
    re: re(
      `(?<!\\p{L})${MONTH}\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\p{N}|[.:,/]\\p{N}|\\s*(?:mm|cm|ml|mg|kg|%|x\\b|-))`,
    ),
    read(m) {
      const month = monthOf(m[1]);
      if (month === undefined || !capitalised(m[1])) return undefined;
      const day = Number(m[2]);
      if (!isValidDate(2000, month, day)) return undefined;
      return { readings: [], confidence: 0.6 };
    },
  },
  {
    // 15 March, 3rd of May (no year): the month must be capitalised.
    id: 'date/day-month',
    re: re(`(?<![\\p{N}\\p{L}.,])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s{1,3}|\\s+of\\s+|-)${MONTH}`),
    read(m) {
      const month = monthOf(m[2]);
      if (month === undefined || !capitalised(m[2])) return undefined;
      if (!isValidDate(2000, month, Number(m[1]))) return undefined;
      return { readings: [], confidence: 0.6 };
    },
  },
  {
    // Mar 2024, March of 2024, MAR-2024.
    id: 'date/month-year',
    re: re(`(?<!\\p{L})${MONTH}(?:,?\\s{1,3}|\\s+of\\s+|-)((?:18|19|20)\\d{2}|2100)(?!\\p{N})`),
    read(m) {
      const month = monthOf(m[1]);
      if (month === undefined) return undefined;
      const year = Number(m[2]);
      if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
      return { readings: [], confidence: month === 5 && !capitalised(m[1]) ? 0.5 : 0.8 };
    },
  },
  {
    // 03/2024, 3-2024 (month and four-digit year).
    id: 'date/numeric-month-year',
    re: re(`${NUM_BEFORE}(0?[1-9]|1[0-2])([/.-])((?:19|20)\\d{2})${NUM_AFTER}`),
    read() {
      return { readings: [], confidence: 0.7 };
    },
  },
];

/** Finds every date in `text`, with its valid readings. Matches of different rules may overlap. */
export function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const rule of RULES) {
    forEachMatch(rule.re, text, (m) => {
      const result = rule.read(m);
      if (!result) return;
      const end = trimEnd(text, m.index, m.index + m[0].length);
      out.push({
        start: m.index,
        end,
        rule: rule.id,
        confidence: result.confidence,
        readings: result.readings,
      });
    });
  }
  return out;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s,.]/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** Converts date matches to spans of type `date`. */
export function dateSpans(matches: readonly DateMatch[]): PhiSpan[] {
  return matches.map((m) => ({
    start: m.start,
    end: m.end,
    type: 'date',
    confidence: m.confidence,
    rule: m.rule,
  }));
}

/**
 * Reads `value` as one full date in any supported format (`19650412`, `1965-04-12`,
 * `April 12, 1965`, `12.04.1965`). Returns its readings, or `undefined` when it is not a date.
 */
export function parseDate(value: string): CalendarDate[] | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return undefined;
  const found = findDates(trimmed).filter(
    (d) => d.start === 0 && d.end === trimmed.length && d.readings.length > 0,
  );
  const first = found[0];
  return first ? first.readings : undefined;
}

/** True when two readings can be the same day (a two-digit year compares modulo 100). */
export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  if (a.month !== b.month || a.day !== b.day) return false;
  if (a.twoDigitYear || b.twoDigitYear) return a.year % 100 === b.year % 100;
  return a.year === b.year;
}
