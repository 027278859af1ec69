/**
 * Values written by user rules (`replace`), checked against the VR they are written in (PS3.5 6.2), and
 * the VRs each rule action applies to.
 */
import { shiftDateTime } from '../dates.js';
import { MAX_CHARS, TEXT_VRS } from '../values.js';
import type { DicomRuleAction } from './types.js';

/** VRs whose value is a single text (a backslash is part of the text, not a separator). */
const SINGLE_VALUED: ReadonlySet<string> = new Set(['LT', 'ST', 'UT', 'UR']);

/** Longest value in characters per VR (PN: per component group): the one table in values.ts. */
const MAX_LENGTH = MAX_CHARS;

/** Integer ranges of the binary integer VRs. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  US: [0, 0xffff],
  SS: [-0x8000, 0x7fff],
  UL: [0, 0xffffffff],
  SL: [-0x80000000, 0x7fffffff],
  SV: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UV: [0, Number.MAX_SAFE_INTEGER],
};

/** Binary number VRs (dcmjs holds them as numbers; DS and IS are written as the text given). */
const NUMBER_VALUE_VRS: ReadonlySet<string> = new Set(['FL', 'FD', 'US', 'SS', 'UL', 'SL', 'SV', 'UV']);

/** Text VRs: `hash` and `regex-replace` work on them. */
export const TEXT_RULE_VRS: ReadonlySet<string> = TEXT_VRS;

/** Free-text VRs: `clean` works on them. */
export const CLEANABLE_VRS: ReadonlySet<string> = new Set(['LO', 'LT', 'SH', 'ST', 'UC', 'UT']);

/** VRs a `replace` value can be written in. */
const REPLACEABLE_VRS: ReadonlySet<string> = new Set([
  ...TEXT_RULE_VRS,
  'AS',
  'DA',
  'DS',
  'DT',
  'IS',
  'TM',
  'UI',
  'FL',
  'FD',
  ...Object.keys(INTEGER_RANGES),
]);

/**
 * Why `action` cannot act on an attribute of `vr`, or undefined when it can. `keep`, `remove` and
 * `empty` act on every VR.
 */
export function actionVrProblem(action: DicomRuleAction, vr: string): string | undefined {
  switch (action) {
    case 'keep':
    case 'remove':
    case 'empty':
      return undefined;
    case 'replace':
      return REPLACEABLE_VRS.has(vr) ? undefined : `'replace' cannot write a value of VR ${vr}`;
    case 'hash':
      return TEXT_RULE_VRS.has(vr)
        ? undefined
        : `'hash' needs a text VR (${[...TEXT_RULE_VRS].join(', ')}), not ${vr}`;
    case 'regex-replace':
      return TEXT_RULE_VRS.has(vr)
        ? undefined
        : `'regex-replace' needs a text VR (${[...TEXT_RULE_VRS].join(', ')}), not ${vr}`;
    case 'uid':
      return vr === 'UI' ? undefined : `'uid' needs VR UI, not ${vr}`;
    case 'shift':
    case 'jitter':
      return vr === 'DA' || vr === 'DT' ? undefined : `'${action}' needs VR DA or DT, not ${vr}`;
    case 'clean':
      return CLEANABLE_VRS.has(vr)
        ? undefined
        : `'clean' needs a free-text VR (${[...CLEANABLE_VRS].join(', ')}), not ${vr}`;
  }
}

/** The values of a `replace` text in `vr`: split on `\` except for the single-valued text VRs. */
export function splitValues(vr: string, raw: string): string[] {
  if (raw === '') return [];
  return SINGLE_VALUED.has(vr) ? [raw] : raw.split('\\');
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f]/;

function validTime(value: string): boolean {
  const m = /^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,6})?)?)?$/.exec(value);
  return (
    !!m &&
    Number(m[1]) < 24 &&
    (m[2] === undefined || Number(m[2]) < 60) &&
    (m[3] === undefined || Number(m[3]) < 61)
  );
}

function validDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(4, 6));
  const d = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y, m - 1, d);
  return y >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Why one value is not valid in `vr`, or undefined. */
function oneValueProblem(vr: string, value: string): string | undefined {
  const problem = formatProblem(vr, value);
  if (problem) return problem;
  const max = MAX_LENGTH[vr];
  return vr !== 'PN' && max !== undefined && value.length > max ? `longer than ${max} characters` : undefined;
}

/** Why one value does not have the form `vr` requires, or undefined. */
function formatProblem(vr: string, value: string): string | undefined {
  switch (vr) {
    case 'AE':
      return CONTROL_OR_BREAK.test(value) || value.trim() === '' ? 'not a valid AE title' : undefined;
    case 'AS':
      return /^\d{3}[DWMY]$/.test(value) ? undefined : 'not an age (nnnD, nnnW, nnnM or nnnY)';
    case 'CS':
      return /^[A-Z0-9 _]*$/.test(value)
        ? undefined
        : 'not a code string (upper-case letters, digits, space, _)';
    case 'DA':
      return validDate(value) ? undefined : 'not a date (YYYYMMDD)';
    case 'DT':
      return /^\d{4}/.test(value) && shiftDateTime(value, 0) === value
        ? undefined
        : 'not a date-time (YYYYMMDDHHMMSS.FFFFFF&ZZXX)';
    case 'TM':
      return validTime(value) ? undefined : 'not a time (HHMMSS.FFFFFF)';
    case 'DS':
      return /^ *[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)? *$/.test(value)
        ? undefined
        : 'not a decimal string';
    case 'IS': {
      if (!/^ *[+-]?\d+ *$/.test(value)) return 'not an integer string';
      const n = Number(value);
      return n >= -0x80000000 && n <= 0x7fffffff ? undefined : 'out of the IS range';
    }
    case 'UI':
      return /^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))*$/.test(value) ? undefined : 'not a UID (digits and dots)';
    case 'PN': {
      if (CONTROL_OR_BREAK.test(value)) return 'not a person name';
      const groups = value.split('=');
      if (groups.length > 3) return 'a person name has at most 3 component groups';
      if (groups.some((g) => g.split('^').length > 5)) return 'a person name group has at most 5 components';
      if (groups.some((g) => g.length > 64)) return 'a person name group is longer than 64 characters';
      return undefined;
    }
    case 'LO':
    case 'SH':
    case 'UC':
      return CONTROL_OR_BREAK.test(value) ? 'holds control characters' : undefined;
    case 'LT':
    case 'ST':
    case 'UT':
      return CONTROL.test(value) ? 'holds control characters' : undefined;
    case 'UR':
      return /^[^\s]*\s*$/.test(value) ? undefined : 'not a URI (no spaces inside)';
    case 'FL':
    case 'FD':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : 'not a number';
    default: {
      const range = INTEGER_RANGES[vr];
      if (!range) return `a value cannot be written in VR ${vr}`;
      const n = Number(value);
      return /^ *[+-]?\d+ *$/.test(value) && n >= range[0] && n <= range[1]
        ? undefined
        : `not an integer in ${range[0]}..${range[1]}`;
    }
  }
}

/** Why `raw` (a `replace` value) cannot be written in `vr`, or undefined when it can. */
export function valueProblem(vr: string, raw: string): string | undefined {
  if (!REPLACEABLE_VRS.has(vr)) return `a value cannot be written in VR ${vr}`;
  const values = splitValues(vr, raw);
  for (const [i, value] of values.entries()) {
    const problem = oneValueProblem(vr, value);
    if (problem)
      return values.length > 1 ? `value ${i + 1} is ${problem} for VR ${vr}` : `${problem} for VR ${vr}`;
  }
  return undefined;
}

/** The dcmjs values of a valid `replace` text in `vr` (numbers for number VRs, `{ Alphabetic }` for PN). */
export function toDcmjsValues(vr: string, raw: string): unknown[] {
  return splitValues(vr, raw).map((value) => {
    if (vr === 'PN') return { Alphabetic: value };
    if (NUMBER_VALUE_VRS.has(vr)) return Number(value);
    if (vr === 'DS' || vr === 'IS') return value.trim();
    return value;
  });
}

/** The longest value of `vr`, when the VR limits it. */
export function maxLengthOf(vr: string): number | undefined {
  return MAX_LENGTH[vr];
}
