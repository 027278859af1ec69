/**
 * PS3.15 Table E.1-1 as rules: finds the row of a tag (exact, repeating group or private) and decides
 * the action that applies under the options in force.
 */
import type { ProfileOption } from '@medimagecleaner/core';
import {
  OPTION_COLUMNS,
  PROFILE_TABLE,
  type OptionColumn,
  type ProfileRow,
} from './generated/profile-table.js';
import { REQUIRED_REMOVED_ROWS } from './iod-types-data.js';
import { attributeType, type IodContext, type ResolvedType } from './iod-types.js';
import { elementOf, groupOf, isPrivateTag, tagKey } from './tags.js';

/** The policy option each option column of Table E.1-1 stands for. */
export const OPTION_OF_COLUMN: Readonly<Record<OptionColumn, ProfileOption>> = {
  rtnSafePrivOpt: 'retainSafePrivate',
  rtnUIDsOpt: 'retainUIDs',
  rtnDevIdOpt: 'retainDeviceIdentity',
  rtnInstIdOpt: 'retainInstitutionIdentity',
  rtnPatCharsOpt: 'retainPatientCharacteristics',
  rtnLongFullDatesOpt: 'retainLongitudinalFullDates',
  rtnLongModifDatesOpt: 'retainLongitudinalModifiedDates',
  cleanDescOpt: 'cleanDescriptors',
  cleanStructContOpt: 'cleanStructuredContent',
  cleanGraphOpt: 'cleanGraphics',
};

/**
 * Rows we add to Table E.1-1. Overlay Description and Overlay Label hold free text (measured: other
 * de-identifiers leaked names there) but the table does not list them; they get the treatment of
 * Overlay Comments.
 */
export const SUPPLEMENTARY_ROWS: readonly ProfileRow[] = [
  {
    key: '60xx0022',
    kind: 'pattern',
    tag: '(60XX,0022)',
    name: 'Overlay Description (medimagecleaner addition)',
    basic: 'X',
    options: { cleanGraphOpt: 'C' },
    inStdCompIOD: false,
  },
  {
    key: '60xx1500',
    kind: 'pattern',
    tag: '(60XX,1500)',
    name: 'Overlay Label (medimagecleaner addition)',
    basic: 'X',
    options: { cleanGraphOpt: 'C' },
    inStdCompIOD: false,
  },
];

/** The single action a row resolves to once combined codes and options are settled. */
export type ActionCode = 'X' | 'Z' | 'D' | 'K' | 'C' | 'U';

/** A settled action and where it came from. */
export interface Decision {
  readonly code: ActionCode;
  /** `basic`, or the option column that gave the action. */
  readonly from: 'basic' | OptionColumn;
  readonly row: ProfileRow;
  /** For a combined Basic code settled by the attribute's Type in the object's IOD: that Type. */
  readonly iodType?: ResolvedType;
}

const exactRows = new Map<number, ProfileRow>();
const groupPatterns: Array<{ row: ProfileRow; base: number; element: number | undefined }> = [];
let privateRow: ProfileRow | undefined;

for (const row of [...PROFILE_TABLE, ...SUPPLEMENTARY_ROWS]) {
  if (row.kind === 'tag') exactRows.set(Number.parseInt(row.key, 16) >>> 0, row);
  else if (row.kind === 'private') privateRow = row;
  else {
    // 50xxxxxx, 60xx3000 ...: the group's high byte is fixed, the low byte is an even number 00-1E.
    const base = Number.parseInt(row.key.slice(0, 2), 16) << 8;
    const elementPart = row.key.slice(4);
    groupPatterns.push({
      row,
      base,
      element: elementPart.includes('x') ? undefined : Number.parseInt(elementPart, 16),
    });
  }
}

/** True when `group` is one of the repeating groups of `base` (0x5000 or 0x6000): even, 0x00-0x1E. */
export function isRepeatingGroup(group: number, base: number): boolean {
  const low = group - base;
  return low >= 0 && low <= 0x1e && low % 2 === 0;
}

/** The row of Table E.1-1 (or of {@link SUPPLEMENTARY_ROWS}) that covers `tag`, if any. */
export function findRow(tag: number): ProfileRow | undefined {
  if (isPrivateTag(tag)) return privateRow;
  const exact = exactRows.get(tag >>> 0);
  if (exact) return exact;
  const group = groupOf(tag);
  for (const p of groupPatterns) {
    if (isRepeatingGroup(group, p.base) && (p.element === undefined || p.element === elementOf(tag)))
      return p.row;
  }
  return undefined;
}

/** The row for a `GGGGEEEE` key. */
export function findRowByKey(key: string): ProfileRow | undefined {
  return findRow(Number.parseInt(key, 16) >>> 0);
}

/**
 * Settles the action of `row` under `options`. The option columns that apply win over the Basic
 * action; when two apply and disagree, C (clean) wins over K (keep).
 *
 * Combined Basic codes (PS3.15 E.1.1) are settled by the attribute's Type in the object's IOD when
 * `context` says where the attribute sits (see {@link resolveCombined}). Without a context (the verifier,
 * which does not know the IOD) they take the choice that is valid whatever the Type: X/Z -> Z,
 * X/D -> D, Z/D -> D, X/Z/D -> D, X/Z/U* -> U for UID and sequence values, else Z.
 */
export function decide(
  row: ProfileRow,
  options: Readonly<Record<ProfileOption, boolean>>,
  vr: string | undefined,
  context?: IodContext,
): Decision {
  let keep: OptionColumn | undefined;
  for (const column of OPTION_COLUMNS) {
    const action = row.options[column];
    if (!action || !options[OPTION_OF_COLUMN[column]]) continue;
    if (action === 'C') return { code: 'C', from: column, row };
    keep ??= column;
  }
  if (keep) return { code: 'K', from: keep, row };
  switch (row.basic) {
    case 'X':
      if (context && REQUIRED_REMOVED_ROWS.has(row.key)) {
        // Removal would break an IOD where the attribute is Type 1: a dummy there.
        const iodType = attributeType(Number.parseInt(row.key, 16) >>> 0, context);
        if (iodType.type === '1') return { code: 'D', from: 'basic', row, iodType };
      }
      return { code: 'X', from: 'basic', row };
    case 'Z':
    case 'D':
    case 'K':
    case 'C':
    case 'U':
      return { code: row.basic, from: 'basic', row };
    default: {
      if (!context || row.kind !== 'tag') {
        return { code: resolveCombined(row.basic, 'unknown', vr), from: 'basic', row };
      }
      const iodType = attributeType(Number.parseInt(row.key, 16) >>> 0, context);
      return { code: resolveCombined(row.basic, iodType.type, vr), from: 'basic', row, iodType };
    }
  }
}

/**
 * A combined Basic code settled by the attribute's Type (PS3.15 E.1.1): Type 1 -> D (U for the
 * UID references of X/Z/U*), Type 2 -> Z, Type 3 or not in the IOD -> X, within the choices the code
 * allows (X/Z on a Type 1 attribute: Z; X/D on Type 2: D, since removal would break the IOD; Z/D on
 * Type 3: Z). `unknown` (an attribute inside a sequence no macro table covers) takes the choice that is
 * valid whatever the Type.
 */
export function resolveCombined(
  basic: 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D' | 'X/Z/U*',
  type: '1' | '2' | '3' | 'unknown',
  vr: string | undefined,
): ActionCode {
  const required = type === '1' || type === 'unknown';
  switch (basic) {
    case 'X/Z':
      return type === '3' ? 'X' : 'Z';
    case 'X/D':
      return type === '3' ? 'X' : 'D';
    case 'Z/D':
      return required ? 'D' : 'Z';
    case 'X/Z/D':
      return required ? 'D' : type === '2' ? 'Z' : 'X';
    case 'X/Z/U*':
      if (required) return vr === 'UI' || vr === 'SQ' ? 'U' : 'Z';
      return type === '2' ? 'Z' : 'X';
  }
}

/** True when the profile removes (X) the attribute `tag` under `options` (used by the verifier). */
export function isRemovedUnder(
  tag: number,
  options: Readonly<Record<ProfileOption, boolean>>,
  vr?: string,
): boolean {
  const row = findRow(tag);
  return (
    row !== undefined &&
    row.kind !== 'private' &&
    !REQUIRED_REMOVED_ROWS.has(row.key) && // a dummy where an IOD needs it (dates are checked as dates)
    decide(row, options, vr).code === 'X'
  );
}

/** `(GGGG,EEEE)` selector text of a row key, for action records. */
export function rowSelector(tag: number): string {
  const key = tagKey(tag);
  return `(${key.slice(0, 4)},${key.slice(4)})`;
}
