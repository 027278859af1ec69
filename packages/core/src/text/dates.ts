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

/**
 * Month names and abbreviations (English, German, French, Spanish, Italian, Portuguese, Dutch), to month
 * numbers.
 */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const table: Array<[number, string]> = [
    [1, 'january jan januar janvier enero gennaio janeiro januari'],
    [2, 'february feb februar fevrier février febrero febbraio fevereiro februari'],
    [3, 'march mar marz märz maerz mars marzo março marco maart'],
    [4, 'april apr avril abril aprile'],
    [5, 'may mai mayo maggio maio mei'],
    [6, 'june jun juni juin junio giugno junho'],
    [7, 'july jul juli juillet julio luglio julho'],
    [8, 'august aug aout août agosto augustus'],
    [9, 'september sep sept septembre septiembre setiembre settembre setembro'],
    [10, 'october oct oktober okt octobre octubre ottobre outubro'],
    [11, 'november nov novembre noviembre novembro'],
    [12, 'december dec dezember dez decembre décembre diciembre dicembre dezembro'],
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
/** Procedures and events a past-history list dates with a two-digit year (lower case; the rule folds case). */
const HISTORY_EVENT =
  '(?:ptca|stent|cabg|pci|mi|nqwmi|qwmi|nstemi|stemi|cath|avr|mvr|ppm|aicd|icd|cva|tia|turp|appy|chole|' +
  'lap[ \\t]+chole|tah|thr|tkr|orif)';

/** Not followed by a digit, nor by a date separator and a digit. */
const NUM_AFTER = '(?!\\p{N}|[./-]\\p{N})';

interface DateRule {
  id: string;
  re: RegExp;
  read(m: RegExpExecArray, text: string): { readings: CalendarDate[]; confidence: number } | undefined;
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
    read(m, text) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = m[4] ?? '';
      if (year.length === 2 && m[2] === '.') return undefined;
      if (
        year.length === 2 &&
        /^\s*(?:%|bpm|x\b)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))
      )
        return undefined;
      const readings = list(reading(year, a, b), reading(year, b, a));
      // `2/30/19`: a slip of the pen is still a date (a month, a day up to 31, a year).
      if (readings.length === 0)
        return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31)
          ? { readings: [], confidence: 0.6 }
          : undefined;
      return { readings, confidence: year.length === 4 ? 0.9 : 0.75 };
    },
  },
  {
    // 15-Mar-2024, 15 March 2024, 15th of March, 2024, 15. März 2024, 15 de marzo de 2024.
    id: 'date/day-month-year',
    re: re(
      `(?<![\\p{N}\\p{L}])(\\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\\.?(?:[\\s./-]{1,3}|\\s+(?:of|de|di|del)\\s+)` +
        `${MONTH}(?:[\\s./,-]{1,3}|\\s+(?:de|del)\\s+)(\\d{4}|\\d{2})(?!\\p{N})${TIME}`,
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
      `(?<!\\p{L})${MONTH}\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\p{N}|[.:,/]\\p{N}|\\s*(?:mm|cm|ml|mg|mcg|kg|cc|l\\b|%|x\\b|-|units?\\b|u\\b|amps?\\b|tabs?\\b|doses?\\b|hrs?\\b|hours?\\b|days?\\b|wks?\\b|weeks?\\b|times\\b|liters?\\b|prbc|ffp))`,
    ),
    read(m, text) {
      const month = monthOf(m[1]);
      if (month === undefined) return undefined;
      const day = Number(m[2]);
      if (!isValidDate(2000, month, day)) return undefined;
      if (capitalised(m[1])) return { readings: [], confidence: 0.6 };
      // Lower case (`f/u june 5`, `since february 18th`): a month word that is also a verb or a name
      // (`may`, `march`, `mar`, `jun`) needs an ordinal or a date cue before it.
      const word = (m[1] ?? '').toLowerCase().replace(/\.$/, '');
      const ordinal = /(?:st|nd|rd|th)$/i.test(m[0]);
      const before = text.slice(Math.max(0, m.index - 16), m.index).toLowerCase();
      const cue =
        /(?:\bon|\bsince|\buntil|\bf\/u|\bfu|\bfor|\bby|\bof|\badmitted|\bseen|\bthru|\bfrom|\bin|,)\s*$/.test(
          before,
        );
      const dateCue = /(?:\bon|\bsince|\buntil|\bf\/u|\bfu|\bof|\badmitted|\bthru|\bin)\s*$/.test(before);
      if (/^(?:may|mar|march|jun|mai|mars)$/.test(word) && !ordinal && !dateCue) return undefined;
      return { readings: [], confidence: ordinal || cue ? 0.75 : 0.6 };
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
  {
    // 7/22, 08/19 (month/day, no year): common in clinical notes. Scores, fractions and ratios
    // (`5/5 strength`, `2/6 murmur`, `1/2 NS`, `8/10 pain`) are told apart by what surrounds them.
    id: 'date/month-day-numeric',
    re: re(
      '(?<![\\p{N}:/]|\\p{N}[.,]|\\b[xX]\\s?)(0?[1-9]|1[0-2])/(0?[1-9]|[12]\\d|3[01])(?![\\p{N}]|/\\p{N}|[.,]\\p{N}|\\s?%)',
    ),
    read(m, text) {
      const month = Number(m[1]);
      const day = Number(m[2]);
      if (!isValidDate(2000, month, day)) return undefined;
      const confidence = monthDayConfidence(text, m.index, m.index + m[0].length, month, day);
      return confidence > 0 ? { readings: [], confidence } : undefined;
    },
  },
  {
    // The date of a specimen: `BC FROM 4-7 GREW GNR`, `blood cultures from 3/5 negative`.
    id: 'date/specimen',
    re: re(
      '(?<=(?:cultures?|cx|bcx|ucx|bc|sputum|urine|blood|stool|swab|specimens?|samples?)[ \\t]+(?:sent[ \\t]+|drawn[ \\t]+)?(?:from|of|on|dated)[ \\t]+)' +
        '(0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\\d|3[01])(?![\\p{N}]|[/.,-]\\p{N})',
    ),
    read(m) {
      return isValidDate(2000, Number(m[1]), Number(m[2])) ? { readings: [], confidence: 0.8 } : undefined;
    },
  },
  {
    // 3/94, fx3/94 (month and two-digit year that cannot be a day).
    id: 'date/month-short-year',
    re: re('(?<![\\p{N}.,:/])(0?[1-9]|1[0-2])/(3[2-9]|[4-9]\\d|0\\d)(?![\\p{N}]|/\\p{N}|[.,]\\p{N})'),
    read(m, text) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).toLowerCase();
      if (/^\s*(?:mg|mcg|ml|cc|mm|units?|u\b|%|sec|hr|min|x\b)/.test(after)) return undefined;
      return { readings: [], confidence: 0.7 };
    },
  },
  {
    // '92, CA'91, '07 PTCA (apostrophe and two-digit year).
    id: 'date/apostrophe-year',
    re: re("(?<![\\p{N}'’])['’](\\d{2})(?![\\p{N}'’]|\\.\\p{N})"),
    read(m, text) {
      const before = text.slice(Math.max(0, m.index - 1), m.index);
      // Not a closing quote after a number (5'10"): the apostrophe follows a letter, a space or start.
      if (/\p{N}/u.test(before)) return undefined;
      return { readings: [], confidence: 0.75 };
    },
  },
  {
    // 74', 81' (two-digit year then apostrophe, after a history word or a month).
    id: 'date/year-apostrophe',
    re: re("(?<![\\p{N}.'’/])(\\d{2})['’](?![\\p{N}\\p{L}'’\"])"),
    read(m, text) {
      const before = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
      if (
        !/(?:\bin|\bsince|\bx\d|resection|cabg|mi|ptca|stent|surgery|smoking|stopped|quit|dx|\p{L}{3,}|,)\s*$/u.test(
          before,
        )
      )
        return undefined;
      if (/\b\d+\s*$/.test(before)) return undefined;
      return { readings: [], confidence: 0.6 };
    },
  },
  {
    // Two-digit years in a past-history list: `07 CABG x2.`, `12 stent`, `NSTEMI 14.`, `CABG 98,`.
    id: 'date/history-year',
    re: re(
      `(?<=(?:^|[.;:,(][ \\t]*|\\n[ \\t]*))(\\d{2})(?=[ \\t]+${HISTORY_EVENT}(?![\\p{L}])(?![ \\t]+(?:attempts?|times|procedures?)))|` +
        `(?<=${HISTORY_EVENT}[ \\t]+(?:in[ \\t]+)?)(\\d{2})(?=[ \\t]*(?:[.,;)\\n]|$))`,
    ),
    read() {
      return { readings: [], confidence: 0.6 };
    },
  },
  {
    // A year alone (1964, 2013) after a cue (`in`, `since`, `of`, `s/p CABG`), never a clock time
    // (`@ 1900`, `0700-1245`, `at 2000`).
    id: 'date/year',
    re: re(
      '(?<![\\p{N}.,:/#@-]|\\p{N}[.,:/-])(19\\d{2}|20[0-4]\\d)(?![\\p{N}]|\\s?-\\s?\\d{3,4}\\b|[.,:]\\p{N})',
    ),
    read(m, text) {
      const confidence = yearConfidence(text, m.index, m.index + m[0].length);
      return confidence > 0 ? { readings: [], confidence } : undefined;
    },
  },
  {
    // the 11th, on the 3rd, 14th Feb (a day by its ordinal).
    id: 'date/ordinal-day',
    re: re('(?<![\\p{N}\\p{L}])([12]?\\d|3[01])(?:st|nd|rd|th)(?![\\p{L}\\p{N}])'),
    read(m, text) {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return undefined;
      const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16).toLowerCase();
      if (new RegExp(`^[\\s,.]*(?:of\\s+)?${MONTH}`, 'iu').test(after))
        return { readings: [], confidence: 0.85 };
      if (/(?:\bon|\bsince|\buntil|\bby)\s+(?:the\s+)?$/.test(before)) {
        if (ORDINAL_NOUN.test(after)) return undefined;
        return { readings: [], confidence: 0.65 };
      }
      return undefined;
    },
  },
];

/** What an ordinal counts when it is not a day: `3rd degree`, `4th floor`, `5th ICS`. */
const ORDINAL_NOUN =
  /^\s*(?:-?\s*)?(?:step|bed|mattress|degree|floor|ics|intercostal|unit|dose|time|day|attempt|grade|generation|toe|finger|digit|nerve|ventricle|heart|line|liter|litre|bag|set|week|month|year|trimester|percentile|cranial|rib|lumbar|cervical|thoracic|sacral|vertebra|metacarpal|metatarsal|order|round|cycle|course|stage|place|party|person|shift|try|stick|hour|layer|space|branch|obtuse|diagonal|marginal)/;

/** Words after `m/d` that make it a score, a grade or a dose rather than a date. */
const NOT_DATE_AFTER =
  /^\s*(?:bottles?|bl\b|blood|cx\b|cultures?|cm\b|mm\b|cmh2o|peep|ps\b|fio2|strength|str\b|power|motor|murmur|sem\b|hsm\b|dm\b|ns\b|normal\s+saline|tab|tabs|tablet|cup|cups|liter|litre|l\b|ml\b|cc\b|mg\b|mcg\b|units?\b|amp|amps|pain|scale|pulses?|on\s+pain|of\s+(?:the|a|an|her|his|pt|patient)|in\s+(?:her|his)\b|grade|nitro|ntg|inch|in\.|teaspoon|tsp|tbsp|dose|doses|hr\b|hrs\b|min\b|sec\b|x\b|times|positive|negative|pos\b|neg\b|scale|score|bilat|b\/l|bilaterally|ue\b|le\b|rue\b|lue\b|rle\b|lle\b|extremit|arms?\b|legs?\b|grips?\b|hand\s+grasp|left|right|lt\b|rt\b|upper|lower|ratio)/i;

/** Words before `m/d` that make it a score, a ratio or a reading rather than a date. */
const NOT_DATE_BEFORE =
  /(?:^|[^a-z])(?:psv|simv|imv|ac|a\/c|flowby|ventilation|settings?|mask|support|cpap\/ps|\d\s*%|%|strength|str|power|motor|murmur|sem|grade|gr|bp|b\/p|nbp|abp|art|cvp|pap|pad|pas|wedge|pcwp|ratio|i:e|ie|peep|ps|cpap|bipap|vent|vt|rate|pain|score|scale|gcs|apgar|rass|aox|a&ox?|a\+ox?|oriented|ox|x|times|level|lvl|abg|vbg|ph|peak|pip|plat|ipap|epap|fio2|sat|sats|spo2|pulses?|tab|tabs|take|takes|took|dose|give|given|gave|mg|mcg|amp|size|sz|fr|fluid|ns|d5|lr|ue|le|ues|les|bilat|extremities|grips?|ed|bs|hr|rr|temp|tm|tc|t|wt|ht|k|mg|ca|phos|po4|na|cl|bun|cr|gluc|glucose|hct|wbc|plt|ptt|inr|vent|bipap|settings|(?:psv|ps|peep|cpap|vent|settings?|support|bipap|simv|imv|ac|rate|ventilation)\s+(?:of|at|to))[\s:=#(]*$/i;

/** How likely `m/d` at [start, end) is a date, 0 when it is not one. */
function monthDayConfidence(text: string, start: number, end: number, month: number, day: number): number {
  const before = text.slice(Math.max(0, start - 14), start).toLowerCase();
  const after = text.slice(end, end + 20);
  if (NOT_DATE_AFTER.test(after) || NOT_DATE_BEFORE.test(before)) return 0;
  // `1/2`, `3/4`: halves, quarters and eighths are fractions unless a date cue precedes them.
  const fraction =
    (day === 2 && month === 1) ||
    (day === 4 && (month === 1 || month === 3)) ||
    (day === 8 && month % 2 === 1);
  // `7/22-7/25`: the second half of a range of dates; `120-130/80` is no date.
  if (/\d{1,2}\/\d{1,2}\s{0,2}-\s{0,2}$/.test(before)) return 0.85;
  if (/\d\s?-\s?$/.test(before)) return 0;
  const cue =
    /(?:\bon|\bsince|\buntil|\bthru|\bthrough|\bfrom|\bto|\bby|\bdated?|\bfu|f\/u|\badm(?:itted)?|\bd\/c|\bdc|\bs\/p|\bdos|\bdob|\bbefore|\bafter|\bof|\bfor|-|\bat|\bto)\s*$/.test(
      before,
    );
  const strongCue =
    /(?:\barriv(?:e|es|ed|ing)|\breturn(?:s|ed|ing)?|\bdue|\bscheduled|\bexpected|\bplanned|\btil|\btill|\bcompared\s+(?:with|to))\s*$/.test(
      before,
    ) ||
    /(?:\bsince|\buntil|\bthru|\bthrough|\bdated?|\bfu|f\/u|\badm(?:itted)?|\bd\/c|\bdc|\bs\/p|\bdos|\bdob|\bextub(?:ated)?|\bintub(?:ated)?|\bweaned|\bwened|\bstarted|\bplaced|\bcultured|\bon\s+(?:or\s+(?:about|around)\s+)?)\s*$/.test(
      before,
    );
  // `(11/11-11/13)`: the first half of a range of dates; `NPN 4/4`, `nursing note, 11/8`: a note's
  // date; `discussed with HCP on 5/5, form signed`: `on` and a date that ends the phrase.
  const rangeStart = /^\s{0,2}-\s{0,2}(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?!\d)/.test(after);
  const noteDate = /(?:\bnote|\bnpn|\bprogress|\badmission|\bnursing)[\s,:]*$/.test(before);
  const onDate =
    /\bon\s*$/.test(before) &&
    /^\s*(?:[.,;)]|\n|$)/.test(after) &&
    !/(?:trial|trialed|cpap|ps|peep|psv|vent|bipap|settings?)\b[^.]{0,15}\bon\s*$/.test(
      text.slice(Math.max(0, start - 30), start).toLowerCase(),
    );
  if (rangeStart || noteDate || onDate) return 0.8;
  // A date opening a line or a sentence of a chronological note (`4/2 BACK TO THE UNIT`).
  const opensLine =
    /(?:^|\n[ \t]*|[.!?][ \t]+)$/.test(text.slice(Math.max(0, start - 3), start)) || start === 0;
  // A fraction-like date opening a line needs a word after it (`4/2 back`), not a number or unit.
  const lineOpeningDate = opensLine && /^[ \t]+\p{L}{3,}/u.test(after);
  if (fraction || (month === 1 && day === 3) || (month === 2 && day === 3))
    return strongCue || lineOpeningDate ? 0.6 : 0;
  // `5/5`, `2/2`, `4/4`: equal pairs are grades, pupils and settings unless a strong cue comes first.
  if (month === day) return (strongCue && !/\bon\s*$/.test(before)) || opensLine ? 0.6 : 0;
  if (opensLine) return 0.85;
  if (day === 6) return cue ? 0.7 : 0.5;
  if (day === 10) {
    if (strongCue) return 0.7; // `F/U 5/10 with Dr X`
    if (/(?:pain|rating|rated|rate|cp|discomfort|ha|headache|describes|as|scale|of)\s*$/.test(before))
      return 0;
    if (/^\s*(?:cp|pain|chest|discomfort|ha\b|headache|\(|on\b|with\b|at\s+rest)/i.test(after)) return 0;
    return cue ? 0.6 : 0.5;
  }
  return cue ? 0.9 : 0.8;
}

/** How likely a lone four-digit year at [start, end) is a year, 0 when it looks like a time or a count. */
function yearConfidence(text: string, start: number, end: number): number {
  const year = Number(text.slice(start, end));
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
  const after = text.slice(end, end + 16).toLowerCase();
  if (
    /^\s*(?:hrs?\b|h\b|hours?|pm\b|am\b|cc\b|ml\b|mls\b|mg\b|mcg\b|kcal|cal\b|calories|units?\b|u\b|gm?\b|kg\b|lbs?\b|%|ms\b|meq|x\b|\/|-\s*\d|to\s+\d|and\s+\d{4}\s*(?:hrs?)?\b)/.test(
      after,
    )
  )
    return 0;
  if (
    /(?:@|\bat|\bby|\buntil|\btil|\btill|\bapprox\.?|\baround|\b~|\bbefore|\bafter|\bfrom|\bbetween|\bnoc|\bstart(?:ed|ing)?|\bx|\bof)\s*$/.test(
      before,
    )
  ) {
    // `in 1979`, `since 2004`, `june of 2019` are years; `at 1900` is a time.
    if (!/(?:\bof)\s*$/.test(before)) return 0;
  }
  if (new RegExp(`${MONTH}\\s*(?:\\d{1,2}(?:st|nd|rd|th)?)?[\\s,]*(?:of\\s+)?$`, 'iu').test(before))
    return 0.9;
  if (
    /(?:\bin|\bsince|\bof|\byear|\byr|\bcirca|\bca\.?|\bdx(?:'?d)?|\bdiagnosed|\bborn|\bs\/p|\bhx|\bhistory|\bcabg|\bmi|\bptca|\bstent|\bsurgery|\bresection|\bcva|\bappy|\bchole|\bturp|\bcopd|\b(?:cancer|ca))(?![\p{L}])\s*(?:\p{L}+\s+){0,2}$/u.test(
      before,
    )
  )
    return year <= 2030 ? 0.8 : 0;
  if (/\b(?:19|20)\d\d\s*,\s*$/.test(before)) return 0.8;
  // `it's 2019.`, `saying 1999,`: a year closing a phrase after a word that measures nothing.
  if (
    year <= 2030 &&
    /^\s*(?:[.!?"')]|,\s)/.test(after) &&
    /\p{L}\s+$/u.test(before) &&
    !MEASURE_BEFORE.test(before)
  )
    return 0.55;
  return 0;
}

/** Words before a number that make it a measurement, a count or a time rather than a year. */
const MEASURE_BEFORE =
  /(?:total|net|balance|even|intake|output|uo|u\/o|out|bolus|vol|volume|tv|vt|rate|wbc|plt|platelets?|glucose|bs|fs|fsbg|sugar|level|count|dose|gave|given|received|drank|ate|kcal|calories|weight|wt|ml|cc|mg|units?|hr|hrs|hours?|time|until|till|since|approx|about|around|over|under|than|q|every|rm|room|bed|ext|extension|pager|beeper|page|call|x|#|no|number|score|present|now|currently|@)\s*:?\s*$/i;

/** Finds every date in `text`, with its valid readings. Matches of different rules may overlap. */
export function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const rule of RULES) {
    forEachMatch(rule.re, text, (m) => {
      const result = rule.read(m, text);
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
