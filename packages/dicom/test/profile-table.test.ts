/**
 * Table-driven: every row of the generated PS3.15 Table E.1-1, under the Basic Profile and under each
 * option, in a dataset that holds the attribute; the expected action is derived here from the standard's
 * semantics (not from the engine's code) and checked on the output re-read with dcmjs.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import dcmjs, { type DcmjsDataset, type DcmjsElement } from 'dcmjs';
import type { ProfileOption } from '@medimagecleaner/core';
import { PROFILE_TABLE, OPTION_COLUMNS, OPTION_OF_COLUMN, type ProfileRow } from '../src/index.js';
import {
  baseDataset,
  context,
  deid,
  handler,
  inspectContext,
  policy,
  readDicom,
  writeDicom,
} from './helpers.js';

const dictionary = dcmjs.data.DicomMetaDictionary.dictionary;

function vrOf(row: ProfileRow): string {
  const entry = dictionary[row.tag.toUpperCase()];
  const vr = entry?.vr ?? 'UN';
  return vr === 'ox' ? 'OW' : vr === 'xs' ? 'US' : vr;
}

const exactRows = PROFILE_TABLE.filter((r) => r.kind === 'tag');
/** Rows that cannot sit in a dataset (command and file meta groups) or are replaced by pseudonyms. */
const SEPARATE = new Set(['00100010', '00100020']);
const placeable = exactRows.filter(
  (r) => !r.key.startsWith('0000') && !r.key.startsWith('0002') && !SEPARATE.has(r.key),
);

/** A unique, valid sample value per row, so that no value is a substring of another. */
function sample(row: ProfileRow, index: number): DcmjsElement {
  const vr = vrOf(row);
  const n = String(index).padStart(3, '0');
  const day = new Date(Date.UTC(2001, 0, 1) + index * 86_400_000);
  const da = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  switch (vr) {
    case 'AE':
    case 'CS':
    case 'SH':
    case 'LO':
    case 'ST':
    case 'LT':
    case 'UT':
    case 'UC':
      return { vr, Value: [`V${n}${vr}`] };
    case 'UR':
      return { vr, Value: [`http://example.invalid/v${n}`] };
    case 'PN':
      return { vr, Value: [{ Alphabetic: `FAM${n}X^GIV${n}Y` }] };
    case 'AS':
      return { vr, Value: ['045Y'] };
    case 'DA':
      return { vr, Value: [da] };
    case 'DT':
      return { vr, Value: [`${da}101112`] };
    case 'TM':
      return { vr, Value: ['101112'] };
    case 'DS':
      return { vr, Value: ['1.5'] };
    case 'IS':
      return { vr, Value: ['7'] };
    case 'FL':
    case 'FD':
      return { vr, Value: [1.5] };
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
      return { vr, Value: [3] };
    case 'SV':
    case 'UV':
      return { vr, Value: [BigInt(3)] };
    case 'AT':
      return { vr, Value: [0x00100010] };
    case 'UI':
      return { vr, Value: [`1.2.826.0.1.3680043.8.498.77.${index}`] };
    case 'SQ':
      return {
        vr,
        Value: [
          {
            '00080104': { vr: 'LO', Value: [`M${n}SQ`] },
            '00081155': { vr: 'UI', Value: [`1.2.826.0.1.3680043.8.498.78.${index}`] },
          },
        ],
      };
    default:
      return { vr, Value: [new Uint8Array([1, 2, 3, 4]).buffer] };
  }
}

/** Combined-code attributes of Type 2 or 2C in the CT Image IOD (PS3.3 A.3). */
const CT_TYPE_2 = new Set(['00080023', '00080033', '00180010', '00102203']);

type Expect = 'removed' | 'empty' | 'dummy' | 'kept' | 'remapped' | 'shifted' | 'cleaned' | 'pseudonym';

/** What PS3.15 says for the row under the options (the option that applies wins; C over K). */
function expected(row: ProfileRow, vr: string, options: Record<ProfileOption, boolean>): Expect {
  const applicable = OPTION_COLUMNS.filter((c) => row.options[c] && options[OPTION_OF_COLUMN[c]]).map(
    (c) => row.options[c],
  );
  let code: string;
  if (applicable.includes('C')) code = 'C';
  else if (applicable.includes('K')) code = 'K';
  else {
    // Combined codes (E.1.1) by the attribute's Type in the CT Image IOD of the test dataset: no
    // combined-code attribute is Type 1 there; Type 2 (or 2C, present): Content Date/Time (General
    // Image C.7.6.1), Contrast/Bolus Agent (Contrast/Bolus C.7.6.4), Patient's Sex Neutered (Patient
    // Study C.7.2.2); the others are Type 3 or not in the IOD.
    const type2 = CT_TYPE_2.has(row.key);
    const combined: Record<string, string> = {
      'X/Z': type2 ? 'Z' : 'X',
      'X/D': 'X',
      'Z/D': 'Z',
      'X/Z/D': type2 ? 'Z' : 'X',
      'X/Z/U*': type2 ? 'Z' : 'X',
    };
    code = combined[row.basic] ?? row.basic;
  }
  if (vr === 'UN') return 'removed'; // no VR to interpret the value by: removed whatever the row says
  // Ethics Committee Name is Type 1C, present only with the Approval Number (Clinical Trial Subject
  // C.7.1.3), which is always removed (X): the name goes with it to keep the IOD valid.
  if (row.key === '00120081') return 'removed';
  if (['FFFCFFFC', 'FFFAFFFA', '04000550', '04000561'].includes(row.key)) return 'removed';
  switch (code) {
    case 'X':
      return 'removed';
    case 'Z':
      return 'empty';
    case 'K':
      return 'kept';
    case 'U':
      return vr === 'UI' ? 'remapped' : vr === 'SQ' ? 'kept' : 'empty';
    case 'D':
      if (vr === 'SQ') return 'kept';
      if (vr === 'UI') return 'remapped';
      if (vr === 'PN') return 'pseudonym';
      if (['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UR', 'AT'].includes(vr)) return 'empty';
      if (vr === 'CS') return 'empty';
      return 'dummy';
    case 'C':
      if (vr === 'DA' || vr === 'DT') return 'shifted';
      if (vr === 'TM' || vr === 'CS') return 'kept';
      if (vr === 'UI') return options.retainUIDs ? 'kept' : 'remapped';
      if (vr === 'AE' || vr === 'PN') return 'pseudonym';
      if (vr === 'SQ') return 'kept';
      if (['OB', 'OW', 'OD', 'OF', 'OL', 'OV'].includes(vr)) return 'removed';
      return 'cleaned';
    default:
      throw new Error(`unexpected code ${code}`);
  }
}

function valueText(element: DcmjsElement | undefined): string {
  const v = element?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && 'Alphabetic' in (v as object))
    return String((v as { Alphabetic?: string }).Alphabetic ?? '');
  if (v instanceof ArrayBuffer) return v.byteLength === 0 ? '' : `bytes:${v.byteLength}`;
  return String(v);
}

function isEmpty(element: DcmjsElement): boolean {
  const values = element.Value ?? [];
  if (element.vr === 'SQ') return values.length === 0;
  return (
    values.length === 0 ||
    values.every(
      (v) =>
        v === '' ||
        v === null ||
        (v instanceof ArrayBuffer && v.byteLength === 0) ||
        (typeof v === 'object' &&
          v !== null &&
          'Alphabetic' in v &&
          !(v as { Alphabetic?: string }).Alphabetic),
    )
  );
}

function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** Checks one row in the output; returns a mismatch description or undefined. */
function check(
  row: ProfileRow,
  index: number,
  out: DcmjsDataset,
  want: Expect,
  offset: number,
): string | undefined {
  const before = sample(row, index);
  const after = out[row.key];
  const vr = vrOf(row);
  const original = valueText(before);
  const now = valueText(after);
  const fail = (what: string) => `${row.tag} ${row.name} [${vr}] expected ${want}: ${what}`;
  switch (want) {
    case 'removed':
      return after ? fail('still present') : undefined;
    case 'empty':
      if (!after) return fail('absent');
      return isEmpty(after) ? undefined : fail('not empty');
    case 'kept':
      if (!after) return fail('absent');
      if (vr === 'SQ')
        return (after.Value ?? []).length === (before.Value ?? []).length ? undefined : fail('items changed');
      if (['DS', 'IS'].includes(vr))
        return Number(now) === Number(original) ? undefined : fail('value changed');
      return now === original ? undefined : fail('value changed');
    case 'dummy':
      if (!after) return fail('absent');
      if (isEmpty(after)) return fail('empty');
      if (vr === 'DA') return now === '19000101' ? undefined : fail('not the dummy date');
      if (vr === 'DT') return now === '19000101000000' ? undefined : fail('not the dummy date-time');
      if (vr === 'TM') return now === '000000' ? undefined : fail('not the dummy time');
      if (['DS', 'IS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV'].includes(vr))
        return Number(now) === 0 ? undefined : fail('not zero');
      return now !== original ? undefined : fail('unchanged');
    case 'pseudonym':
      if (!after) return fail('absent');
      return now !== original && now.length > 0 ? undefined : fail('not replaced');
    case 'remapped':
      if (!after) return fail('absent');
      return /^2\.25\.\d+$/.test(now) && now !== original ? undefined : fail('not remapped');
    case 'shifted':
      if (!after) return fail('absent');
      if (daysBetween(original.slice(0, 8), now.slice(0, 8)) !== offset)
        return fail('not shifted by the subject offset');
      return now.slice(8) === original.slice(8) ? undefined : fail('time part changed');
    case 'cleaned':
      if (!after) return fail('absent');
      // The sample text holds no PHI: cleaning keeps it.
      return now === original ? undefined : fail('changed although it holds no PHI');
  }
}

const scenarios: Array<[string, Partial<Record<ProfileOption, boolean>>]> = [
  ['basic', {}],
  ...OPTION_COLUMNS.map((c): [string, Partial<Record<ProfileOption, boolean>>] => [
    OPTION_OF_COLUMN[c],
    { [OPTION_OF_COLUMN[c]]: true },
  ]),
];

describe('PS3.15 Table E.1-1, row by row', () => {
  it('the generated table has every row of the standard, with the three repeating/private patterns', () => {
    expect(PROFILE_TABLE.length).toBe(621);
    expect(
      PROFILE_TABLE.filter((r) => r.kind !== 'tag')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['50xxxxxx', '60xx3000', '60xx4000', 'private']);
    // Every exact row but the command and meta groups, PatientName and PatientID goes into the dataset.
    expect(exactRows.length - placeable.length).toBe(
      exactRows.filter((r) => /^000[02]/.test(r.key)).length + 2,
    );
  });

  describe.each(scenarios)('%s', (_name, opts) => {
    const p = policy(opts);
    const ctx = context(p);
    let out: DcmjsDataset;
    let offset = 0;
    let findings: unknown[] = [];
    beforeAll(async () => {
      const extra: DcmjsDataset = {};
      placeable.forEach((row, i) => (extra[row.key] = sample(row, i)));
      const input = writeDicom(baseDataset(extra));
      const outcome = await deid(input, ctx);
      out = readDicom(outcome.output.data).dict;
      // The default subject key is the PatientID alone, whatever IssuerOfPatientID holds.
      offset = ctx.pseudonyms.dateOffsetDays('MRN0012345');
      findings = await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers));
    });

    it(`applies the expected action to each of the ${placeable.length} attributes`, () => {
      const mismatches = placeable
        .map((row, i) => check(row, i, out, expected(row, vrOf(row), p.options), offset))
        .filter((m): m is string => m !== undefined);
      expect(mismatches).toEqual([]);
    });

    it('remaps the UIDs inside kept sequences (unless UIDs are retained)', () => {
      placeable.forEach((row, i) => {
        const el = out[row.key];
        if (vrOf(row) !== 'SQ' || !el || (el.Value ?? []).length === 0) return;
        const item = el.Value![0] as DcmjsDataset;
        const uid = valueText(item['00081155']);
        if (p.options.retainUIDs) expect(uid).toBe(`1.2.826.0.1.3680043.8.498.78.${i}`);
        else expect(uid).toMatch(/^2\.25\.\d+$/);
      });
    });

    it('passes independent verification', () => {
      expect(findings).toEqual([]);
    });
  });
});
