/**
 * IOD conformance with dicom3tools' dciodvfy: every file of test/corpus and of samples/dicom that the
 * handler releases, under the Basic Profile and under a research policy, is validated before and after
 * de-identification. De-identification must introduce no error the input did not have (the sets of
 * `Error - ...` lines are compared after values and positions are normalised away; warnings ignored).
 *
 * dciodvfy is required (Debian/Ubuntu: `apt-get install -y dicom3tools`); without it the test fails.
 * `DCIODVFY=/path/to/dciodvfy` picks another binary; `DCIODVFY_REPORT=file.json` writes every file's
 * error sets for inspection; `DCIODVFY_KEEP=dir` keeps the outputs there; `DCIODVFY_EXTRA=dir` adds the
 * files of another folder.
 */
import { describe, it, expect, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MedImageCleanerError } from '@medimagecleaner/core';
import type { ProfileOption } from '@medimagecleaner/core';
import dcmjs from 'dcmjs';
import { PROFILE_TABLE, parsePart10 } from '../src/index.js';
import { context, deid, policy } from './helpers.js';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../../samples/dicom/', import.meta.url));
const DCIODVFY = process.env['DCIODVFY'] ?? 'dciodvfy';
const INSTALL_HINT =
  'dciodvfy (dicom3tools) is required by this test and was not found: install it with `apt-get install -y dicom3tools` (or set DCIODVFY to its path)';

function list(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return list(p);
    return /\.(tsv|md|json|gz|zip)$/.test(name) ? [] : [p];
  });
}

const files = [
  ...list(CORPUS).map((p) => ({ name: `corpus/${relative(CORPUS, p).split('\\').join('/')}`, path: p })),
  ...list(SAMPLES).map((p) => ({ name: `samples/${relative(SAMPLES, p).split('\\').join('/')}`, path: p })),
  // DCIODVFY_EXTRA=dir adds the DICOM files of another folder (not part of the default run).
  ...(process.env['DCIODVFY_EXTRA']
    ? list(process.env['DCIODVFY_EXTRA']).map((p) => ({ name: `extra/${p}`, path: p }))
    : []),
].sort((a, b) => (a.name < b.name ? -1 : 1));

const RESEARCH: Partial<Record<ProfileOption, boolean>> = {
  retainLongitudinalModifiedDates: true,
  retainPatientCharacteristics: true,
  retainDeviceIdentity: true,
  cleanDescriptors: true,
  cleanStructuredContent: true,
};

let dciodvfyProblem: string | undefined | null = null;
/** Throws with the install hint when dciodvfy cannot be run. */
function requireDciodvfy(): void {
  if (dciodvfyProblem === null) {
    const r = spawnSync(DCIODVFY, ['-help'], { encoding: 'latin1', timeout: 10_000 });
    dciodvfyProblem = r.error
      ? r.error.message
      : /Usage: dciodvfy/.test(`${r.stdout}${r.stderr}`)
        ? undefined
        : 'unexpected output';
  }
  if (dciodvfyProblem !== undefined) throw new Error(`${INSTALL_HINT} (${dciodvfyProblem})`);
}

/** dciodvfy's messages that say it could not read the object at all (not: no SOP Class UID, no IOD). */
const UNREADABLE = /Dicom dataset read failed|Tags out of order/;

/**
 * An error line without its values and positions, so that the same problem before and after
 * de-identification compares equal: `<...>` values, value indexes, offending characters, numbers after
 * `values are`, UIDs.
 */
export function normalizeError(line: string): string {
  return line
    .replace(/\s+/g, ' ')
    .replace(/(Element|Module|attribute|Macro)=?<([^>]*)>/g, '$1{$2}') // keep names
    .replace(/ attribute <([^>]*)>/g, ' attribute{$1}')
    .replace(/<[^>]*>/g, '<>')
    .replace(/\[\d+\]/g, '[]')
    .replace(/(invalid for this VR) = '.*?' \(0?x?[0-9a-f]*\)/gi, '$1')
    .replace(/values are .*$/, 'values are ...')
    .replace(/(UID) [0-9.]+/g, '$1 #')
    .replace(/\b\d+(\.\d+)+\b/g, '#')
    .replace(/\b0x[0-9a-f]+\b(?![,)])/gi, '#')
    .replace(/(value|Items) \d+/g, '$1 #')
    .trim();
}

interface Validation {
  readonly readable: boolean;
  readonly errors: ReadonlySet<string>;
  readonly raw: readonly string[];
}

function validate(path: string): Validation {
  const r = spawnSync(DCIODVFY, [path], { encoding: 'latin1', timeout: 60_000, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${INSTALL_HINT} (${r.error.message})`);
  const raw = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('Error - '));
  return {
    readable: !raw.some((l) => UNREADABLE.test(l)),
    errors: new Set(raw.map(normalizeError)),
    raw,
  };
}

const ASCII = new TextEncoder();

/** One explicit VR little endian element of the meta information. */
function metaElement(element: number, vr: 'OB' | 'UI', value: Uint8Array): Uint8Array {
  const padded = value.length % 2 ? new Uint8Array([...value, vr === 'UI' ? 0 : 0x20]) : value;
  const long = vr === 'OB';
  const out = new Uint8Array((long ? 12 : 8) + padded.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, element, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, padded.length, true);
  else view.setUint16(6, padded.length, true);
  out.set(padded, long ? 12 : 8);
  return out;
}

/**
 * The input as dciodvfy can read it, for inputs it cannot read as they are (no preamble or meta
 * information, deflated, meta without a transfer syntax): the very same dataset bytes (inflated) behind
 * a preamble and minimal meta information, the SOP class and instance taken where the handler takes them
 * for its output (dataset, else the input's meta).
 */
function wrapped(bytes: Uint8Array, dir: string): string | undefined {
  let file;
  try {
    file = parsePart10(bytes);
  } catch {
    return undefined;
  }
  const value = (elements: typeof file.dataset, source: Uint8Array, tag: number): string => {
    const e = elements.find((x) => x.tag === tag);
    if (!e) return '';
    return String.fromCharCode(...source.subarray(e.valueStart, e.valueStart + e.valueLength)).replace(
      /[\0 ]+$/,
      '',
    );
  };
  const sopClass =
    value(file.dataset, file.datasetBytes, 0x00080016) || value(file.meta, file.metaBytes, 0x00020002);
  const sopInstance =
    value(file.dataset, file.datasetBytes, 0x00080018) || value(file.meta, file.metaBytes, 0x00020003);
  const body = [
    metaElement(0x0001, 'OB', new Uint8Array([0, 1])),
    metaElement(0x0002, 'UI', ASCII.encode(sopClass)),
    metaElement(0x0003, 'UI', ASCII.encode(sopInstance)),
    metaElement(0x0010, 'UI', ASCII.encode(file.transferSyntax)),
    metaElement(0x0012, 'UI', ASCII.encode('1.2.826.0.1.3680043.8.498.1')),
  ];
  const length = body.reduce((n, b) => n + b.length, 0);
  const groupLength = new Uint8Array(12);
  new DataView(groupLength.buffer).setUint16(0, 0x0002, true);
  groupLength.set([0x55, 0x4c], 4); // UL
  new DataView(groupLength.buffer).setUint16(6, 4, true);
  new DataView(groupLength.buffer).setUint32(8, length, true);
  const out = new Uint8Array(132 + 12 + length + file.datasetBytes.length);
  out.set(ASCII.encode('DICM'), 128);
  let pos = 132;
  for (const part of [groupLength, ...body, file.datasetBytes]) {
    out.set(part, pos);
    pos += part.length;
  }
  const path = join(dir, 'baseline.dcm');
  writeFileSync(path, out);
  return path;
}

/** True when dciodvfy needs the input wrapped to read it as the handler does. */
function needsWrapping(bytes: Uint8Array): boolean {
  try {
    const file = parsePart10(bytes);
    return !file.hasPreamble || file.meta.length === 0 || file.deflated || !file.declaredTransferSyntax;
  } catch {
    return false;
  }
}

/**
 * Inputs dciodvfy cannot read even wrapped as the handler reads them: there is no baseline to compare
 * with. They are de-identified and validated all the same (the report shows the errors), but new errors
 * cannot be told from old ones. The test fails when this list changes.
 */
const NO_BASELINE: Readonly<Record<string, string>> = {
  'corpus/pydicom-data/HTJ2K_08_RGB.dcm':
    'High-Throughput JPEG 2000 (1.2.840.10008.1.2.4.201) is unknown to dciodvfy 2022: it cannot read the input',
  'corpus/pydicom/meta_missing_tsyntax.dcm':
    'an element of the illegal group 0001 follows the meta information: dciodvfy stops (tags out of order)',
  'corpus/pydicom/nested_priv_SQ.dcm':
    'an element of the illegal group 0001 follows the meta information: dciodvfy stops (tags out of order)',
  'corpus/pydicom-data/liver_deflate.dcm':
    'Deflated Image Frame Compression (1.2.840.10008.1.2.8.1) is unknown to dciodvfy 2022: it reads the encapsulated pixel data as native and stops',
};

/**
 * New errors whose cause lies outside the profile (reading, writing the file meta information), with the
 * reason. Each entry is checked exactly: the test fails when the errors change or disappear, so that a
 * fix removes its entry.
 */
const KNOWN_NEW_ERRORS: Readonly<
  Record<string, { readonly reason: string; readonly errors: readonly string[] }>
> = {};

interface Result {
  readonly file: string;
  readonly policy: string;
  readonly released: boolean;
  readonly baseline?: 'input' | 'wrapped' | 'none';
  readonly newErrors?: readonly string[];
  readonly inputErrors?: readonly string[];
  readonly outputErrors?: readonly string[];
}
const results: Result[] = [];

afterAll(() => {
  const report = process.env['DCIODVFY_REPORT'];
  if (report) writeFileSync(report, JSON.stringify(results, null, 1));
});

describe.each([
  ['basic', {}, undefined],
  ['research', RESEARCH, undefined],
  // Not asked by the policy defaults, but the objects the burned-in gate refuses (US, SC, XA, palette
  // colour...) deserve the same check once accepted.
  ['basic, burned-in accepted', {}, { burnedInAnnotation: 'accept' }],
] as const)('dciodvfy: de-identification introduces no new IOD error (%s)', (name, options, dicom) => {
  const ctx = context(policy(options, dicom));

  it('dciodvfy is installed', () => {
    requireDciodvfy();
  });

  it.each(files.map((f) => [f.name, f.path] as const))('%s', async (file, path) => {
    requireDciodvfy();
    const bytes = new Uint8Array(readFileSync(path));
    let data: Uint8Array;
    try {
      data = (await deid(bytes, ctx, file)).output.data;
    } catch (error) {
      if (error instanceof MedImageCleanerError) {
        results.push({ file, policy: name, released: false });
        return; // not released: nothing to validate
      }
      throw error;
    }
    const dir = mkdtempSync(join(tmpdir(), 'mic-dciodvfy-'));
    try {
      const outPath = join(dir, 'output.dcm');
      writeFileSync(outPath, data);
      const keep = process.env['DCIODVFY_KEEP'];
      if (keep) writeFileSync(join(keep, `${name}-${file.replace(/[/\\]/g, '_')}`), data);
      const after = validate(outPath);
      let before = validate(path);
      let baseline: Result['baseline'] = 'input';
      if (!before.readable || needsWrapping(bytes)) {
        const again = wrapped(bytes, dir);
        const v = again ? validate(again) : undefined;
        if (v?.readable) {
          before = v;
          baseline = 'wrapped';
        } else if (!before.readable) baseline = 'none';
      }
      const newErrors =
        baseline === 'none' ? [] : [...after.errors].filter((e) => !before.errors.has(e)).sort();
      results.push({
        file,
        policy: name,
        released: true,
        baseline,
        newErrors,
        inputErrors: before.raw,
        outputErrors: after.raw,
      });
      expect({ file, baseline: baseline === 'none' }).toEqual({ file, baseline: file in NO_BASELINE });
      if (baseline === 'none') return;
      expect({ file, readable: after.readable }).toEqual({ file, readable: true });
      const known = KNOWN_NEW_ERRORS[file]?.errors ?? [];
      expect({ file, newErrors }).toEqual({ file, newErrors: [...known].sort() });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validated a meaningful number of released files', () => {
    const released = results.filter((r) => r.policy === name && r.released).length;
    expect(released).toBeGreaterThanOrEqual(50);
  });
});

/**
 * Every attribute of Table E.1-1 at once, with a valid sample value, in objects of the common IODs: the
 * combined codes are settled by each IOD's Types, and the dummies must keep every IOD valid.
 */
const SYNTHETIC_CLASSES: ReadonlyArray<[string, string, string]> = [
  ['CT Image', '1.2.840.10008.5.1.4.1.1.2', 'CT'],
  ['MR Image', '1.2.840.10008.5.1.4.1.1.4', 'MR'],
  ['Enhanced CT Image', '1.2.840.10008.5.1.4.1.1.2.1', 'CT'],
  ['Digital X-Ray Image For Presentation', '1.2.840.10008.5.1.4.1.1.1.1', 'DX'],
  ['Digital Mammography X-Ray Image For Presentation', '1.2.840.10008.5.1.4.1.1.1.2', 'MG'],
  ['NM Image', '1.2.840.10008.5.1.4.1.1.20', 'NM'],
  ['PET Image', '1.2.840.10008.5.1.4.1.1.128', 'PT'],
  ['Comprehensive SR', '1.2.840.10008.5.1.4.1.1.88.33', 'SR'],
  ['X-Ray Radiation Dose SR', '1.2.840.10008.5.1.4.1.1.88.67', 'SR'],
  ['Key Object Selection Document', '1.2.840.10008.5.1.4.1.1.88.59', 'KO'],
  ['RT Plan', '1.2.840.10008.5.1.4.1.1.481.5', 'RTPLAN'],
  ['RT Structure Set', '1.2.840.10008.5.1.4.1.1.481.3', 'RTSTRUCT'],
  ['RT Dose', '1.2.840.10008.5.1.4.1.1.481.2', 'RTDOSE'],
  ['Segmentation', '1.2.840.10008.5.1.4.1.1.66.4', 'SEG'],
  ['Encapsulated PDF', '1.2.840.10008.5.1.4.1.1.104.1', 'DOC'],
  ['12-lead ECG', '1.2.840.10008.5.1.4.1.1.9.1.1', 'ECG'],
  ['Grayscale Softcopy Presentation State', '1.2.840.10008.5.1.4.1.1.11.1', 'PR'],
];

function sampleElement(key: string, index: number): { vr: string; Value: unknown[] } | undefined {
  const entry = dcmjs.data.DicomMetaDictionary.dictionary[`(${key.slice(0, 4)},${key.slice(4)})`];
  let vr = entry?.vr ?? 'UN';
  if (vr === 'ox') vr = 'OW';
  if (vr === 'xs') vr = 'US';
  const n = String(index).padStart(3, '0');
  switch (vr) {
    case 'AE':
    case 'SH':
    case 'LO':
    case 'ST':
    case 'LT':
    case 'UT':
    case 'UC':
      return { vr, Value: [`V${n}`] };
    case 'CS':
      return { vr, Value: [`V${n}`] };
    case 'UR':
      return { vr, Value: [`http://example.invalid/v${n}`] };
    case 'PN':
      return { vr, Value: [{ Alphabetic: `FAM${n}^GIV${n}` }] };
    case 'AS':
      return { vr, Value: ['045Y'] };
    case 'DA':
      return { vr, Value: ['20240316'] };
    case 'DT':
      return { vr, Value: ['20240316101112'] };
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
    case 'UI':
      return { vr, Value: [`1.2.826.0.1.3680043.8.498.77.${index}`] };
    case 'SQ':
      return {
        vr,
        Value: [
          {
            '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
            '00081155': { vr: 'UI', Value: [`1.2.826.0.1.3680043.8.498.78.${index}`] },
          },
        ],
      };
    default:
      return undefined; // binary, UN, AT, 64-bit: left out
  }
}

function syntheticObject(sopClass: string, modality: string): Uint8Array {
  const dict: Record<string, { vr: string; Value: unknown[] }> = {};
  PROFILE_TABLE.forEach((row, i) => {
    if (row.kind !== 'tag' || /^000[02]/.test(row.key)) return;
    const e = sampleElement(row.key, i);
    if (e) dict[row.key] = e;
  });
  Object.assign(dict, {
    '00080016': { vr: 'UI', Value: [sopClass] },
    '00080018': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.13'] },
    '00080060': { vr: 'CS', Value: [modality] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
    '00100020': { vr: 'LO', Value: ['MRN0012345'] },
    '0020000D': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.11'] },
    '0020000E': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.12'] },
  });
  const meta = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClass] },
    '00020003': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.13'] },
    '00020010': { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] },
    '00020012': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.1'] },
  };
  const out = new dcmjs.data.DicomDict(meta);
  out.dict = dict as never;
  return new Uint8Array(out.write({ allowInvalidVRLength: true }));
}

describe.each([
  ['basic', {}],
  ['research', RESEARCH],
] as const)('dciodvfy: every Table E.1-1 attribute in objects of common IODs (%s)', (name, options) => {
  const ctx = context(policy(options));
  it.each(SYNTHETIC_CLASSES)('%s', async (_label, sopClass, modality) => {
    requireDciodvfy();
    const input = syntheticObject(sopClass, modality);
    const dir = mkdtempSync(join(tmpdir(), 'mic-dciodvfy-'));
    try {
      const inPath = join(dir, 'input.dcm');
      const outPath = join(dir, 'output.dcm');
      writeFileSync(inPath, input);
      writeFileSync(outPath, (await deid(input, ctx, `synthetic-${sopClass}`)).output.data);
      const before = validate(inPath);
      const after = validate(outPath);
      const newErrors = [...after.errors].filter((e) => !before.errors.has(e)).sort();
      results.push({
        file: `synthetic/${_label}`,
        policy: name,
        released: true,
        baseline: 'input',
        newErrors,
        inputErrors: before.raw,
        outputErrors: after.raw,
      });
      expect({ sopClass, readable: before.readable && after.readable }).toEqual({ sopClass, readable: true });
      expect({ sopClass, newErrors }).toEqual({ sopClass, newErrors: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('normalizeError', () => {
  it('drops values, indexes and UIDs but keeps attribute and module names', () => {
    expect(
      normalizeError(
        "Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID  UI [0] = <1.2.3a> - Character invalid for this VR = 'a' (0x61)",
      ),
    ).toBe(
      normalizeError(
        "Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID  UI [1] = <9.8b> - Character invalid for this VR = 'b' (0x62)",
      ),
    );
    expect(
      normalizeError('Error - Missing attribute Type 2 Required Element=<StudyDate> Module=<GeneralStudy>'),
    ).toContain('Element{StudyDate} Module{GeneralStudy}');
  });
});
