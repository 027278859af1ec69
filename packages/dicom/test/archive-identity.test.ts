/**
 * What archives expect of identities, through the real pipeline (discovery, handler, verification,
 * output names, report): one pseudonym per patient ID whatever its issuer (unless the policy scopes
 * it), class-UID attributes that hold unregistered UIDs remapped with the batch's one UID mapping, and
 * files that share a SOP Instance UID quarantined, suffixed or deduplicated.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { DcmjsDataset } from 'dcmjs';
import {
  ErrorCodes,
  keyFingerprint,
  resolvePolicyDocument,
  runDeidentification,
  type PolicyDocument,
  type RunReport,
} from '@medimagecleaner/core';
import { DICOM_POLICY_SCHEMA, createHandler } from '../src/index.js';
import { subjectKeyOf } from '../src/subject.js';
import { KEY, UIDS, baseDataset, readDicom, text, writeDicom } from './helpers.js';

const handler = createHandler();

/** Resolves a policy on top of Basic, with the DICOM handler's schema checking `formats.dicom`. */
function policyOf(extra: Partial<PolicyDocument> = {}) {
  return resolvePolicyDocument({ name: 'archive', extends: 'basic', ...extra }, { handlers: [handler] });
}

/** Writes `files` into a fresh input folder, runs the pipeline in this thread, returns the report and outputs. */
async function run(
  files: Record<string, Uint8Array>,
  extra: Partial<PolicyDocument> = {},
): Promise<{ report: RunReport; outputs: Map<string, Uint8Array>; root: string }> {
  const root = await mkdtemp(join(tmpdir(), 'mic-archive-'));
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(join(root, 'in'), { recursive: true });
    await writeFile(join(root, 'in', name), bytes);
  }
  const outDir = join(root, 'out');
  const report = await runDeidentification({
    inputs: [join(root, 'in')],
    outDir,
    policy: policyOf(extra),
    key: { key: KEY, source: 'test', fingerprint: keyFingerprint(KEY) },
    handlers: [handler],
    concurrency: 1,
  });
  const outputs = new Map<string, Uint8Array>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.medimagecleaner') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else outputs.set(relative(outDir, path), new Uint8Array(await readFile(path)));
    }
  };
  await walk(outDir);
  return { report, outputs, root };
}

const issuer = (value: string): DcmjsDataset => ({ '00100021': { vr: 'LO', Value: [value] } });
const uid = (n: number): string => `1.2.826.0.1.3680043.8.498.${n}`;

/** One study of patient MRN0012345: series 1 sent by hospital A, series 2 by hospital B. */
function twoIssuerStudy(): Record<string, Uint8Array> {
  return {
    'a.dcm': writeDicom(baseDataset({ ...issuer('HOSP_A'), '00080018': { vr: 'UI', Value: [uid(201)] } })),
    'b.dcm': writeDicom(
      baseDataset({
        ...issuer('HOSP_B'),
        '0020000E': { vr: 'UI', Value: [uid(202)] },
        '00080018': { vr: 'UI', Value: [uid(203)] },
      }),
    ),
  };
}

/** PatientID and StudyDate of every output. */
function identities(outputs: Map<string, Uint8Array>): Array<{ id: string; studyDate: string }> {
  return [...outputs.values()].map((bytes) => {
    const { dict } = readDicom(bytes);
    return { id: text(dict, '00100020'), studyDate: text(dict, '00080020') };
  });
}

/** Dates are shifted by the subject's offset (Basic alone empties them). */
const SHIFTED_DATES: Partial<PolicyDocument> = { options: { retainLongitudinalModifiedDates: true } };

describe('subject key', () => {
  it('gives a patient ID seen with two issuers one pseudonym and one date shift under the default', async () => {
    const { report, outputs } = await run(twoIssuerStudy(), SHIFTED_DATES);
    expect(report.counts).toMatchObject({ released: 2, quarantined: 0 });
    const [a, b] = identities(outputs);
    expect(a!.id).toBe(b!.id);
    expect(a!.studyDate).toBe(b!.studyDate);
    expect(a!.studyDate).toMatch(/^\d{8}$/);
    expect(a!.studyDate).not.toBe('20240315');
    expect(Object.keys(report.subjects)).toHaveLength(1);
    expect(report.subjectKey).toEqual({ key: ['PatientID'], fallbacks: {} });
  });

  it('gives it two pseudonyms and two date shifts under the issuer-scoped key', async () => {
    const { report, outputs } = await run(twoIssuerStudy(), {
      ...SHIFTED_DATES,
      subject: { key: ['PatientID', 'IssuerOfPatientID'] },
    });
    expect(report.counts).toMatchObject({ released: 2, quarantined: 0 });
    const [a, b] = identities(outputs);
    expect(a!.id).not.toBe(b!.id);
    expect(a!.studyDate).not.toBe(b!.studyDate);
    expect(Object.keys(report.subjects)).toHaveLength(2);
    expect(report.subjectKey.key).toEqual(['PatientID', 'IssuerOfPatientID']);
  });

  it('counts the items whose empty patient ID fell back to name and birth date, never showing values', async () => {
    const files = {
      ...twoIssuerStudy(),
      'c.dcm': writeDicom(
        baseDataset({ '00100020': { vr: 'LO', Value: [''] }, '00080018': { vr: 'UI', Value: [uid(204)] } }),
      ),
    };
    const { report } = await run(files);
    expect(report.counts.released).toBe(3);
    expect(report.subjectKey.fallbacks).toEqual({ 'name-birthdate': 1 });
    const json = JSON.stringify(report);
    for (const phi of ['MRN0012345', 'HOSP_A', 'HOSP_B', 'DOE', '19800102', 'a.dcm', 'c.dcm'])
      expect(json).not.toContain(phi);
  });
});

describe('class UIDs', () => {
  const referenced = uid(301);
  const privateClass = '1.3.12.2.1107.5.9.1';
  const files = (): Record<string, Uint8Array> => ({
    'target.dcm': writeDicom(baseDataset({ '00080018': { vr: 'UI', Value: [referenced] } })),
    // A reference whose class attribute wrongly holds the referenced instance's UID.
    'referrer.dcm': writeDicom(
      baseDataset({
        '00080018': { vr: 'UI', Value: [uid(302)] },
        '00081115': {
          vr: 'SQ',
          Value: [
            {
              '0020000E': { vr: 'UI', Value: [UIDS.series] },
              '0008114A': {
                vr: 'SQ',
                Value: [
                  {
                    '00081150': { vr: 'UI', Value: [referenced] },
                    '00081155': { vr: 'UI', Value: [referenced] },
                  },
                  {
                    '00081150': { vr: 'UI', Value: [UIDS.CT] },
                    '00081155': { vr: 'UI', Value: [referenced] },
                  },
                ],
              },
            },
          ],
        },
      }),
    ),
    // An object of a vendor's private class.
    'private.dcm': writeDicom(
      baseDataset({
        '00080016': { vr: 'UI', Value: [privateClass] },
        '00080018': { vr: 'UI', Value: [uid(303)] },
      }),
    ),
  });

  it('remaps an unregistered UID in a class attribute like the instance UID it is, and keeps registered classes', async () => {
    const { report, outputs } = await run(files());
    expect(report.counts).toMatchObject({ released: 3, quarantined: 0 });
    const dicts = [...outputs.values()].map((bytes) => readDicom(bytes));
    const all = dicts.map((d) => JSON.stringify(d));
    for (const original of [referenced, privateClass])
      for (const out of all) expect(out).not.toContain(original);

    const target = dicts.find(
      (d) => text(d.dict, '00081115') === '' && text(d.dict, '00080016') === UIDS.CT,
    )!;
    const referrer = dicts.find((d) => d.dict['00081115'] !== undefined)!;
    const newReferenced = text(target.dict, '00080018');
    const items = (referrer.dict['00081115']!.Value![0] as DcmjsDataset)['0008114A']!.Value as DcmjsDataset[];
    expect(text(items[0]!, '00081150')).toBe(newReferenced);
    expect(text(items[0]!, '00081155')).toBe(newReferenced);
    expect(text(items[1]!, '00081150')).toBe(UIDS.CT);
    expect(text(items[1]!, '00081155')).toBe(newReferenced);

    const vendor = dicts.find((d) => text(d.dict, '00080016') !== UIDS.CT)!;
    expect(text(vendor.dict, '00080016')).toMatch(/^2\.25\.\d+$/);
    expect(text(vendor.meta, '00020002')).toBe(text(vendor.dict, '00080016'));
    expect(report.findings['dicom/unregistered-class-uid']).toBe(2);
  });

  it('keeps every class UID under Retain UIDs', async () => {
    const { report, outputs } = await run(files(), { options: { retainUIDs: true } });
    expect(report.counts.released).toBe(3);
    const all = [...outputs.values()].map((bytes) => JSON.stringify(readDicom(bytes)));
    expect(all.some((out) => out.includes(privateClass))).toBe(true);
    expect(report.findings['dicom/unregistered-class-uid']).toBeUndefined();
  });
});

describe('duplicate SOP Instance UIDs', () => {
  const instance = (thickness: string): Uint8Array =>
    writeDicom(baseDataset({ '00180050': { vr: 'DS', Value: [thickness] } }));
  const itemIds = (report: RunReport): string[] =>
    report.collisions.flatMap((c) => [c.first, c.second]).sort();

  it('quarantines the later of two different files by default and names the pair by item id', async () => {
    const { report, outputs } = await run({ 'x1.dcm': instance('1.0'), 'x2.dcm': instance('2.5') });
    expect(report.counts).toMatchObject({ released: 1, quarantined: 1, duplicate: 0 });
    expect(outputs.size).toBe(1);
    expect(report.quarantine[0]!.code).toBe(ErrorCodes.OUTPUT_COLLISION);
    expect(report.collisions).toHaveLength(1);
    expect(report.collisions[0]).toMatchObject({
      resolution: 'quarantined',
      second: report.quarantine[0]!.item,
    });
    for (const id of itemIds(report)) expect(id).toMatch(/^i[0-9a-f]+$/);
    expect(JSON.stringify(report.collisions)).not.toMatch(/x1|x2|\.dcm/);
  });

  it('releases both under suffix, the later under a deterministic suffixed name, with a warning', async () => {
    const files = { 'x1.dcm': instance('1.0'), 'x2.dcm': instance('2.5') };
    const first = await run(files, { formats: { dicom: { duplicateInstances: 'suffix' } } });
    expect(first.report.counts).toMatchObject({ released: 2, quarantined: 0 });
    const names = [...first.outputs.keys()].sort();
    expect(names).toHaveLength(2);
    expect(names[1]!.startsWith(`${names[0]!.slice(0, -'.dcm'.length)}~`)).toBe(true);
    expect(names[1]).toMatch(/~[0-9a-f]{12}\.dcm$/);
    expect(first.report.collisions).toEqual([expect.objectContaining({ resolution: 'suffixed' })]);
    // Same inputs, same key and policy: the same names.
    const again = await run(files, { formats: { dicom: { duplicateInstances: 'suffix' } } });
    expect([...again.outputs.keys()].sort()).toEqual(names);
  });

  it('writes identical files once and lists them as deduplicated, under either setting', async () => {
    for (const duplicateInstances of ['quarantine', 'suffix']) {
      const bytes = instance('1.0');
      const { report, outputs } = await run(
        { 'y1.dcm': bytes, 'y2.dcm': bytes },
        { formats: { dicom: { duplicateInstances } } },
      );
      expect(report.counts).toMatchObject({ released: 1, duplicate: 1, quarantined: 0 });
      expect(outputs.size).toBe(1);
      expect(report.collisions).toEqual([expect.objectContaining({ resolution: 'deduplicated' })]);
    }
  });

  it('rejects an unknown duplicateInstances value at policy load', () => {
    expect(() => policyOf({ formats: { dicom: { duplicateInstances: 'overwrite' } } })).toThrow(
      /duplicateInstances|must be one of/,
    );
    expect(DICOM_POLICY_SCHEMA['properties']).toHaveProperty('duplicateInstances');
  });
});

describe('subjectKeyOf fallbacks', () => {
  const ds = (extra: DcmjsDataset): DcmjsDataset => ({
    '00100020': { vr: 'LO', Value: ['  '] },
    ...extra,
  });

  it('falls back to name and birth date, then study, then instance, then the item, whatever the key', () => {
    const name = { '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] } };
    const study = { '0020000D': { vr: 'UI', Value: [UIDS.study] } };
    const sop = { '00080018': { vr: 'UI', Value: [UIDS.instance] } };
    for (const members of [['PatientID'], ['PatientID', 'IssuerOfPatientID']] as const) {
      expect(subjectKeyOf(ds({ ...name, ...study, ...sop }), 'it', members).fallback).toBe('name-birthdate');
      expect(subjectKeyOf(ds({ ...study, ...sop }), 'it', members)).toEqual({
        key: `study:${UIDS.study}`,
        fallback: 'study',
      });
      expect(subjectKeyOf(ds(sop), 'it', members).fallback).toBe('instance');
      expect(subjectKeyOf(ds({}), 'it', members)).toEqual({ key: 'item:it', fallback: 'item' });
    }
  });
});
