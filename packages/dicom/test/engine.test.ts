import { describe, it, expect } from '@jest/globals';
import dcmjs, { type DcmjsDataset } from 'dcmjs';
import { resolvePolicyDocument } from '@medimagecleaner/core';
import {
  createHandler,
  DEID_METHOD_CODES,
  IMPLEMENTATION_CLASS_UID,
  IMPLEMENTATION_VERSION_NAME,
} from '../src/index.js';
import {
  OTHER_KEY,
  UIDS,
  baseDataset,
  context,
  deid,
  handler,
  inspectContext,
  policy,
  readDicom,
  text,
  writeDicom,
} from './helpers.js';

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0)).buffer;
const bytesOf = (data: Uint8Array) => Buffer.from(data).toString('latin1');

async function verified(input: Uint8Array, ctx = context()) {
  const outcome = await deid(input, ctx);
  const findings = await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers));
  expect(findings).toEqual([]);
  return { outcome, out: readDicom(outcome.output.data) };
}

describe('acting by tag whatever the VR', () => {
  it('replaces a PatientName stored with VR UN and removes standard elements of unknown VR', async () => {
    const input = writeDicom(
      baseDataset({
        '00100010': { vr: 'UN', Value: [latin1('DOE^JANE^Q ')] },
        '00101001': { vr: 'UN', Value: [latin1('DOE^JANIE ')] },
        '00089999': { vr: 'UN', Value: [latin1('DOE JANE')] },
      }),
    );
    expect(bytesOf(input)).toContain('DOE^JANE^Q');
    const { outcome, out } = await verified(input);
    expect(bytesOf(outcome.output.data).toLowerCase()).not.toMatch(/doe|jane/);
    expect(out.dict['00100010']!.vr).toBe('PN');
    expect(text(out.dict, '00100010')).toMatch(/^[A-Z0-9]+\^[A-Z]+$/);
    expect(out.dict['00101001']).toBeUndefined();
    expect(out.dict['00089999']).toBeUndefined();
    expect(outcome.knownIdentifiers).toEqual(
      expect.arrayContaining(['DOE^JANE^Q', 'DOE^JANIE', 'MRN0012345']),
    );
  });
});

describe('UIDs', () => {
  const refItem = (uid: string): DcmjsDataset => ({
    '00081150': { vr: 'UI', Value: [UIDS.CT] },
    '00081155': { vr: 'UI', Value: [uid] },
  });
  const a = '1.2.826.0.1.3680043.8.498.101';
  const b = '1.2.826.0.1.3680043.8.498.102';

  it('remaps references at any depth with the mapping that rewrote the referenced instance', async () => {
    const fileA = writeDicom(
      baseDataset({
        '00080018': { vr: 'UI', Value: [a] },
        '00200052': { vr: 'UI', Value: [UIDS.frame] },
        // Depth 3: ReferencedSeriesSequence > ReferencedInstanceSequence / ReferencedImageSequence (Type 1
        // there, X/Z/U* -> U) > ReferencedSOPInstanceUID. A top-level Referenced Image Sequence is Type 3
        // in the CT IOD and goes under Basic.
        '00081115': {
          vr: 'SQ',
          Value: [
            {
              '0020000E': { vr: 'UI', Value: [UIDS.series] },
              '0008114A': { vr: 'SQ', Value: [refItem(b)] },
              '00081140': { vr: 'SQ', Value: [refItem(b)] },
            },
          ],
        },
      }),
    );
    const fileB = writeDicom(
      baseDataset({ '00080018': { vr: 'UI', Value: [b] }, '00200052': { vr: 'UI', Value: [UIDS.frame] } }),
    );
    const ctx = context();
    const A = await verified(fileA, ctx);
    const B = await verified(fileB, ctx);
    const newB = text(B.out.dict, '00080018');
    expect(newB).toMatch(/^2\.25\.\d+$/);
    expect(newB).not.toBe(b);
    const series = A.out.dict['00081115']!.Value![0] as DcmjsDataset;
    const ref1 = (series['00081140']!.Value![0] as DcmjsDataset)['00081155']!.Value![0];
    const ref2 = (series['0008114A']!.Value![0] as DcmjsDataset)['00081155']!.Value![0];
    expect(ref1).toBe(newB);
    expect(ref2).toBe(newB);
    expect(text(series, '0020000E')).toBe(text(A.out.dict, '0020000E'));
    expect(text(A.out.dict, '00200052')).toBe(text(B.out.dict, '00200052'));
    // Class UIDs stay; meta instance UID follows the instance.
    expect((series['00081140']!.Value![0] as DcmjsDataset)['00081150']!.Value![0]).toBe(UIDS.CT);
    expect(text(A.out.meta, '00020003')).toBe(text(A.out.dict, '00080018'));
    expect(bytesOf(A.outcome.output.data)).not.toContain(b);
  });

  it('keeps every UID under Retain UIDs', async () => {
    const { out } = await verified(writeDicom(baseDataset()), context(policy({ retainUIDs: true })));
    expect(text(out.dict, '00080018')).toBe(UIDS.instance);
    expect(text(out.dict, '0020000D')).toBe(UIDS.study);
    expect(text(out.meta, '00020003')).toBe(UIDS.instance);
  });
});

describe('determinism', () => {
  it('gives byte-identical output for the same input and key, and different pseudonyms for another key', async () => {
    const input = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['CT CHEST'] } }));
    const one = await deid(input, context());
    const two = await deid(input, context());
    expect(Buffer.from(one.output.data).equals(Buffer.from(two.output.data))).toBe(true);
    expect(one.output.relativePath).toBe(two.output.relativePath);
    const other = await deid(input, context(policy(), OTHER_KEY));
    expect(other.output.relativePath).not.toBe(one.output.relativePath);
    expect(text(readDicom(other.output.data).dict, '00080018')).not.toBe(
      text(readDicom(one.output.data).dict, '00080018'),
    );
  });
});

describe('dates', () => {
  const days = (a: string, b: string) =>
    Math.round(
      (Date.UTC(+b.slice(0, 4), +b.slice(4, 6) - 1, +b.slice(6, 8)) -
        Date.UTC(+a.slice(0, 4), +a.slice(4, 6) - 1, +a.slice(6, 8))) /
        86_400_000,
    );
  const dated = (instance: string, studyDate: string) =>
    writeDicom(
      baseDataset({
        '00080018': { vr: 'UI', Value: [instance] },
        '00080020': { vr: 'DA', Value: [studyDate] },
        '00080030': { vr: 'TM', Value: ['101500.25'] },
        '0008002A': { vr: 'DT', Value: [`${studyDate}101500.123+0100`] },
        '00140102': { vr: 'DA', Value: [studyDate] }, // Secondary Review Date: not in Table E.1-1
        '0008041F': { vr: 'DT', Value: [`${studyDate}0930`] }, // Study Update DateTime: not in the table
      }),
    );

  it('shifts every date of a subject by one offset under Modified Dates, so intervals survive', async () => {
    const ctx = context(policy({ retainLongitudinalModifiedDates: true }));
    const first = (await verified(dated('1.2.826.0.1.3680043.8.498.201', '20240315'), ctx)).out.dict;
    const second = (await verified(dated('1.2.826.0.1.3680043.8.498.202', '20240401'), ctx)).out.dict;
    const a = text(first, '00080020');
    const b = text(second, '00080020');
    expect(a).not.toBe('20240315');
    expect(days(a, b)).toBe(17);
    const offset = days('20240315', a);
    expect(offset).toBe(ctx.pseudonyms.dateOffsetDays('MRN0012345'));
    expect(offset).toBeLessThan(0);
    expect(text(first, '0008002A').trim()).toBe(`${a}101500.123+0100`);
    expect(text(first, '00080030')).toBe('101500.25');
    expect(text(first, '00140102')).toBe(a);
    expect(text(first, '0008041F')).toBe(`${a}0930`);
    expect(text(first, '00100030')).toBe(''); // birth date: Z whatever the option
    expect(text(first, '00280303')).toBe('MODIFIED');
  });

  it('removes or empties every date under the Basic Profile, listed or not', async () => {
    const { out } = await verified(dated('1.2.826.0.1.3680043.8.498.203', '20240315'));
    for (const key of ['00080020', '00140102', '0008041F', '00100030']) expect(text(out.dict, key)).toBe('');
    expect(out.dict['0008002A']).toBeUndefined(); // X/Z/D, Type 3 in the CT IOD (General Acquisition): removed
    expect(text(out.dict, '00280303')).toBe('REMOVED');
  });

  it('keeps dates under Full Dates', async () => {
    const { out } = await verified(
      dated('1.2.826.0.1.3680043.8.498.204', '20240315'),
      context(policy({ retainLongitudinalFullDates: true })),
    );
    expect(text(out.dict, '00080020')).toBe('20240315');
    expect(text(out.dict, '00140102')).toBe('20240315');
    expect(text(out.dict, '00280303')).toBe('UNMODIFIED');
  });
});

describe('private attributes', () => {
  const privateDataset = () =>
    baseDataset({
      '00090010': { vr: 'LO', Value: ['ACME 1.0'] },
      '00091001': { vr: 'LO', Value: ['Jane Doe MRN0012345'] },
      '00091002': { vr: 'SQ', Value: [{ '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] } }] },
      '00110010': { vr: 'LO', Value: ['DOE^JANE'] },
      '00111001': { vr: 'UN', Value: [latin1('MRN0012345')] },
      '00E10010': { vr: 'LO', Value: ['ELSCINT1'] },
      '00E11021': { vr: 'DS', Value: ['2.5'] }, // on the safe list
      '00E11022': { vr: 'LO', Value: ['DOE JANE'] }, // not on it
      '00081140': {
        vr: 'SQ',
        Value: [
          {
            '00081155': { vr: 'UI', Value: ['1.2.3.4.5'] },
            '00290010': { vr: 'LO', Value: ['X'] },
            '00291010': { vr: 'LO', Value: ['DOE'] },
          },
        ],
      },
    });

  it('removes every private attribute, creators and private sequences included, at any depth', async () => {
    const { outcome, out } = await verified(writeDicom(privateDataset()));
    const odd = (d: DcmjsDataset): string[] =>
      Object.entries(d).flatMap(([k, v]) => [
        ...(parseInt(k.slice(0, 4), 16) % 2 === 1 ? [k] : []),
        ...(v.vr === 'SQ' ? (v.Value as DcmjsDataset[]).flatMap(odd) : []),
      ]);
    expect(odd(out.dict)).toEqual([]);
    expect(bytesOf(outcome.output.data)).not.toMatch(/ACME|ELSCINT|DOE|MRN0012345/i);
    expect(outcome.actions).toEqual(
      expect.arrayContaining([expect.objectContaining({ selector: 'private', action: 'remove' })]),
    );
  });

  it('keeps safe private attributes (and their creator) under Retain Safe Private', async () => {
    const { out } = await verified(
      writeDicom(privateDataset()),
      context(policy({ retainSafePrivate: true })),
    );
    expect(text(out.dict, '00E10010')).toBe('ELSCINT1');
    expect(Number(text(out.dict, '00E11021'))).toBe(2.5);
    for (const key of ['00E11022', '00090010', '00091001', '00091002', '00110010', '00111001'])
      expect(out.dict[key]).toBeUndefined();
  });
});

describe('overlays and curves', () => {
  const graphics = () =>
    baseDataset({
      '60000010': { vr: 'US', Value: [2] },
      '60000011': { vr: 'US', Value: [2] },
      '60000022': { vr: 'LO', Value: ['Jane Doe marker'] },
      '60000040': { vr: 'CS', Value: ['G'] },
      '60000050': { vr: 'SS', Value: [1, 1] },
      '60000100': { vr: 'US', Value: [1] },
      '60000102': { vr: 'US', Value: [0] },
      '60001500': { vr: 'LO', Value: ['DOE'] },
      '60003000': { vr: 'OW', Value: [new Uint8Array([0xff, 0, 0, 0]).buffer] },
      '60004000': { vr: 'LT', Value: ['for Dr. House re: Jane Doe'] },
      '60020022': { vr: 'LO', Value: ['second plane, Jane'] },
      '50000005': { vr: 'US', Value: [1] },
      '50002500': { vr: 'LO', Value: ['curve of Jane Doe'] },
      '50003000': { vr: 'OW', Value: [new Uint8Array([1, 2, 3, 4]).buffer] },
    });
  const groups = (d: DcmjsDataset) => Object.keys(d).filter((k) => /^(50|60)/.test(k));

  it('removes overlay text, labels, comments, data and curves (basic)', async () => {
    const { outcome, out } = await verified(writeDicom(graphics()), context(policy({})));
    expect(groups(out.dict)).toEqual([]);
    expect(bytesOf(outcome.output.data)).not.toMatch(/jane|doe|house/i);
  });

  it('keeps overlays with their text cleaned (overlayBitmaps: keep) and removes curves under Clean Graphics', async () => {
    const { outcome, out } = await verified(
      writeDicom(graphics()),
      context(policy({ cleanGraphics: true }, { overlayBitmaps: 'keep' })),
    );
    expect(groups(out.dict).filter((k) => k.startsWith('50'))).toEqual([]);
    expect(out.dict['60003000']).toBeDefined();
    expect(out.dict['60020022']).toBeDefined();
    expect(text(out.dict, '60000022')).toMatch(/marker$/);
    expect(bytesOf(outcome.output.data)).not.toMatch(/jane|doe/i);
    expect(outcome.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'dicom/graphics-removed', severity: 'warning' }),
        expect.objectContaining({ rule: 'dicom/overlay-bitmap-kept', severity: 'warning' }),
      ]),
    );
  });
});

describe('free text', () => {
  const described = () =>
    writeDicom(
      baseDataset({
        '00081030': { vr: 'LO', Value: ['CT CHEST f/u for Jane Doe'] },
        '0008103E': { vr: 'LO', Value: ['AXIAL - MRN0012345'] },
        '00204000': { vr: 'LT', Value: ['Jane Doe tolerated the exam well'] },
        '00180015': { vr: 'CS', Value: ['CHEST'] },
        '00081090': { vr: 'LO', Value: ['Model for Jane'] }, // Manufacturer's Model Name: kept by the table
      }),
    );

  it('removes descriptions under Basic and sweeps identifiers out of kept text', async () => {
    const { outcome, out } = await verified(described());
    expect(out.dict['00081030']).toBeUndefined();
    expect(out.dict['0008103E']).toBeUndefined();
    expect(out.dict['00204000']).toBeUndefined();
    expect(text(out.dict, '00180015')).toBe('CHEST');
    expect(text(out.dict, '00081090')).toBe('Model for [REDACTED]');
    expect(bytesOf(outcome.output.data)).not.toMatch(/jane|doe|MRN0012345/i);
  });

  it('keeps descriptions cleaned of identifiers under Clean Descriptors', async () => {
    const { out } = await verified(described(), context(policy({ cleanDescriptors: true })));
    const study = text(out.dict, '00081030');
    expect(study).toMatch(/^CT CHEST f\/u for /);
    expect(study).not.toMatch(/jane|doe/i);
    expect(text(out.dict, '0008103E')).toMatch(/^AXIAL - /);
    expect(text(out.dict, '0008103E')).not.toContain('MRN0012345');
  });

  it('replaces SR text under Basic and cleans it under Clean Structured Content', async () => {
    const content = (): DcmjsDataset => ({
      '0040A730': {
        vr: 'SQ',
        Value: [
          {
            '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
            '0040A040': { vr: 'CS', Value: ['TEXT'] },
            '0040A043': {
              vr: 'SQ',
              Value: [
                {
                  '00080100': { vr: 'SH', Value: ['121071'] },
                  '00080102': { vr: 'SH', Value: ['DCM'] },
                  '00080104': { vr: 'LO', Value: ['Finding'] },
                },
              ],
            },
            '0040A160': { vr: 'UT', Value: ['Small nodule, discussed with Jane Doe'] },
          },
        ],
      },
    });
    const input = writeDicom(
      baseDataset({
        ...content(),
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.11'] },
        '00080060': { vr: 'CS', Value: ['SR'] },
      }),
    );
    const basic = await verified(input);
    const item = (d: DcmjsDataset) => d['0040A730']!.Value![0] as DcmjsDataset;
    expect(text(item(basic.out.dict), '0040A160')).toBe('ANONYMIZED');
    expect(text(item(basic.out.dict)['0040A043']!.Value![0] as DcmjsDataset, '00080104')).toBe('Finding');
    const cleaned = await verified(input, context(policy({ cleanStructuredContent: true })));
    const value = text(item(cleaned.out.dict), '0040A160');
    expect(value).toMatch(/^Small nodule, discussed with /);
    expect(value).not.toMatch(/jane|doe/i);
  });
});

describe('subject, method and meta', () => {
  it('derives pseudonyms from PatientID (and its issuer when the policy says so), never from file names', async () => {
    const ctx = context();
    const issued = writeDicom(baseDataset({ '00100021': { vr: 'LO', Value: ['HOSP_A'] } }));
    const withIssuer = await deid(issued, ctx);
    expect(withIssuer.subject.subject).toBe(ctx.pseudonyms.id('patient-id', 'MRN0012345'));
    expect(withIssuer.subject.keyFallback).toBeUndefined();
    const scoped = context(
      resolvePolicyDocument({
        name: 'scoped',
        extends: 'basic',
        subject: { key: ['PatientID', 'IssuerOfPatientID'] },
      }),
    );
    expect((await deid(issued, scoped)).subject.subject).toBe(
      scoped.pseudonyms.id('patient-id', 'MRN0012345^^^HOSP_A'),
    );
    const plain = await deid(writeDicom(baseDataset()), ctx, 'DOE_JANE_MRN0012345.dcm');
    const subject = ctx.pseudonyms.id('patient-id', 'MRN0012345');
    expect(plain.subject.subject).toBe(subject);
    expect(plain.output.relativePath).toBe(
      `${subject}/${ctx.pseudonyms.id('study', UIDS.study)}/${ctx.pseudonyms.id('series', UIDS.series)}/${ctx.pseudonyms.id('instance', UIDS.instance)}.dcm`,
    );
    expect(text(readDicom(plain.output.data).dict, '00100020')).toBe(subject);
    const noId = await deid(writeDicom(baseDataset({ '00100020': { vr: 'LO', Value: [''] } })), ctx);
    expect(noId.subject.subject).toBe(ctx.pseudonyms.id('patient-id', 'name:DOE^JANE^Q|19800102'));
    expect(noId.subject.keyFallback).toBe('name-birthdate');
  });

  it('records the de-identification method and writes its own file meta information', async () => {
    const ctx = context(policy({ retainPatientCharacteristics: true, cleanDescriptors: true }));
    const { outcome, out } = await verified(writeDicom(baseDataset()), ctx);
    expect(text(out.dict, '00120062')).toBe('YES');
    expect(text(out.dict, '00120063')).toMatch(/Basic Application Level Confidentiality Profile/);
    const codes = (out.dict['00120064']!.Value as DcmjsDataset[]).map((i) => [
      text(i, '00080100'),
      text(i, '00080102'),
    ]);
    expect(codes).toEqual([
      [DEID_METHOD_CODES.basic.value, 'DCM'],
      [DEID_METHOD_CODES.cleanDescriptors.value, 'DCM'],
      [DEID_METHOD_CODES.retainPatientCharacteristics.value, 'DCM'],
    ]);
    expect(out.meta['00020016']).toBeUndefined(); // SourceApplicationEntityTitle
    expect(text(out.meta, '00020012')).toBe(IMPLEMENTATION_CLASS_UID);
    expect(text(out.meta, '00020013')).toBe(IMPLEMENTATION_VERSION_NAME);
    expect(text(out.meta, '00020010')).toBe('1.2.840.10008.1.2.1');
    expect(text(out.dict, '00080005')).toBe('ISO_IR 192');
    expect(outcome.actions.every((a) => a.count > 0 && !/DOE|JANE|MRN/i.test(a.selector))).toBe(true);
    expect(outcome.confidence).toBeGreaterThan(0.9);
  });

  it('copies pixel data byte for byte and converts implicit VR to explicit VR little endian', async () => {
    const pixels = new Uint8Array(64).map((_, i) => (i * 13) & 0xff);
    const input = writeDicom(
      baseDataset({
        '00280010': { vr: 'US', Value: [4] },
        '00280011': { vr: 'US', Value: [8] },
        '7FE00010': { vr: 'OW', Value: [pixels.buffer] },
      }),
      '1.2.840.10008.1.2',
    );
    const { out } = await verified(input);
    expect(text(out.meta, '00020010')).toBe('1.2.840.10008.1.2.1');
    expect(Buffer.from(out.dict['7FE00010']!.Value![0] as ArrayBuffer).equals(Buffer.from(pixels))).toBe(
      true,
    );
  });

  it('writes pixel value attributes of signed images as SS when converting implicit VR', async () => {
    const input = writeDicom(
      baseDataset({
        '00280103': { vr: 'US', Value: [1] },
        '00280106': { vr: 'US', Value: [0xfc18] }, // -1000 as read from implicit VR
        '00280107': { vr: 'US', Value: [3000] },
      }),
      '1.2.840.10008.1.2',
    );
    const { out, outcome } = await verified(input);
    expect(out.dict['00280106']).toMatchObject({ vr: 'SS', Value: [-1000] });
    expect(out.dict['00280107']).toMatchObject({ vr: 'SS', Value: [3000] });
    expect(outcome.knownIdentifiers).not.toContain('Q'); // initials are too short to search for
  });

  it('keeps dcmjs silent', () => {
    createHandler();
    expect(dcmjs.log).toBeDefined();
    const levels = Object.values(dcmjs.log.getLoggers?.() ?? {}).map((l) =>
      (l as unknown as { getLevel(): number }).getLevel(),
    );
    expect(levels.every((l) => l === 5)).toBe(true);
    expect((dcmjs.log as unknown as { getLevel(): number }).getLevel()).toBe(5);
  });
});
