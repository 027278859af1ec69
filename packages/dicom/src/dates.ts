/**
 * Date arithmetic for the Retain Longitudinal Temporal Information with Modified Dates option: DA and
 * DT values are moved by a whole number of days (the subject's keyed offset), keeping their precision,
 * the time of day and the UTC offset, so every interval between two dates of a subject is unchanged.
 */

const DAY_MS = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Shifts a calendar date; returns [year, month, day] or undefined when the date does not exist. */
function shiftYmd(
  year: number,
  month: number,
  day: number,
  days: number,
): [number, number, number] | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const t = Date.UTC(year, month - 1, day);
  const check = new Date(t);
  // Date.UTC maps years 0-99 to 1900-1999: set the full year explicitly.
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const shifted = new Date(check.getTime() + days * DAY_MS);
  const y = shifted.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return [y, shifted.getUTCMonth() + 1, shifted.getUTCDate()];
}

/**
 * Shifts one DA value (`YYYYMMDD`; the retired `YYYY.MM.DD` form is read and written as `YYYYMMDD`), or a
 * range of them (`A-B`, `-B`, `A-`), by `days`. Returns undefined when the value is not a valid date.
 */
export function shiftDate(value: string, days: number): string | undefined {
  return shiftRange(value, days, shiftOneDate);
}

/**
 * A range (`A-B`, `-B`, `A-`, PS3.5 6.2 for DA and DT) has each bound shifted; a single value is shifted
 * as it is. An empty bound stays empty; any invalid bound makes the whole value invalid.
 */
function shiftRange(
  value: string,
  days: number,
  one: (v: string, d: number) => string | undefined,
): string | undefined {
  const whole = one(value, days);
  if (whole !== undefined) return whole;
  // A DT bound may carry a negative UTC offset (`-0500`): split on a hyphen that follows a digit
  // sequence of date length, never on the offset's sign.
  const m =
    /^\s*(\d{4}(?:\d{2}){0,6}(?:\.\d{1,6})?(?:[+-]\d{4})?)?-(\d{4}(?:\d{2}){0,6}(?:\.\d{1,6})?(?:[+-]\d{4})?)?\s*$/.exec(
      value,
    );
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const low = m[1] === undefined ? '' : one(m[1], days);
  const high = m[2] === undefined ? '' : one(m[2], days);
  return low === undefined || high === undefined ? undefined : `${low}-${high}`;
}

function shiftOneDate(value: string, days: number): string | undefined {
  const m = /^\s*(\d{4})\.?(\d{2})\.?(\d{2})\s*$/.exec(value);
  if (!m) return undefined;
  const r = shiftYmd(Number(m[1]), Number(m[2]), Number(m[3]), days);
  return r ? `${pad(r[0], 4)}${pad(r[1], 2)}${pad(r[2], 2)}` : undefined;
}

/**
 * Shifts one DT value (`YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]`) by `days`, keeping its precision, the
 * time of day and the UTC offset. A value of year or month precision is shifted from its first day and
 * written back with the same precision. Returns undefined when the value is not a valid date-time.
 */
export function shiftDateTime(value: string, days: number): string | undefined {
  return shiftRange(value, days, shiftOneDateTime);
}

function shiftOneDateTime(value: string, days: number): string | undefined {
  const m = /^\s*(\d{4})(\d{2})?(\d{2})?(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?([+-]\d{4})?\s*$/.exec(
    value,
  );
  if (!m) return undefined;
  const [, y, mo, d, time = '', tz = ''] = m;
  if (d === undefined && time) return undefined;
  const r = shiftYmd(Number(y), mo ? Number(mo) : 1, d ? Number(d) : 1, days);
  if (!r) return undefined;
  let out = pad(r[0], 4);
  if (mo) out += pad(r[1], 2);
  if (d) out += pad(r[2], 2);
  return out + time + tz;
}

/** True when a DA value parses as a date. */
export function isValidDate(value: string): boolean {
  return shiftDate(value, 0) !== undefined;
}
