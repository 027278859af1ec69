/**
 * Modality rules (modality.ts): localizers, ultrasound regions, radiation dose reports, PET timing,
 * the burned-in gate's reason; and the Clean Graphics option for presentation-state text and overlays.
 * Findings name attributes and counts, never values.
 */
import { describe, it, expect } from '@jest/globals';
import type { DcmjsDataset } from 'dcmjs';
import type { Finding } from '@medimagecleaner/core';
import { burnedInReasonOf } from '../src/burned-in.js';
import {
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

const RESEARCH = {
  retainLongitudinalModifiedDates: true,
  retainPatientCharacteristics: true,
  retainDeviceIdentity: true,
  cleanDescriptors: true,
  cleanStructuredContent: true,
};

async function run(dataset: DcmjsDataset, opts = {}, dicom?: Record<string, unknown>) {
  const ctx = context(policy(opts, dicom));
  const outcome = await deid(writeDicom(dataset), ctx);
  const errors = (
    await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers))
  ).filter((f) => f.severity === 'error');
  expect(errors).toEqual([]);
  return { outcome, out: readDicom(outcome.output.data).dict, ctx };
}

const rules = (findings: readonly Finding[]) => findings.map((f) => f.rule);
const bytes = (data: Uint8Array) => Buffer.from(data).toString('latin1');

function noPixels(d: DcmjsDataset): DcmjsDataset {
  for (const k of ['00280010', '00280011', '00280100', '7FE00010']) delete d[k];
  return d;
}

describe('localizers', () => {
  it.each([['LOCALIZER'], ['SCOUT']])('flags Image Type %s (info, no value)', async (kind) => {
    const { outcome } = await run(
      baseDataset({ '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', kind] } }),
    );
    const f = outcome.findings.find((x) => x.rule === 'dicom/localizer');
    expect(f).toEqual(expect.objectContaining({ severity: 'info', location: '(0008,0008)' }));
  });

  it('does not flag an axial image', async () => {
    const { outcome } = await run(
      baseDataset({ '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] } }),
    );
    expect(rules(outcome.findings)).not.toContain('dicom/localizer');
  });
});

describe('ultrasound regions', () => {
  it('flags the Sequence of Ultrasound Regions for the pixel pass, keeps it, and gives the gate reason', async () => {
    const region = (x: number): DcmjsDataset => ({
      '00186018': { vr: 'UL', Value: [x] },
      '0018601A': { vr: 'UL', Value: [40] },
      '0018601C': { vr: 'UL', Value: [x + 100] },
      '0018601E': { vr: 'UL', Value: [400] },
      '00186012': { vr: 'US', Value: [1] },
    });
    const { outcome, out } = await run(
      baseDataset({
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.6.1'] },
        '00080060': { vr: 'CS', Value: ['US'] },
        '00186011': { vr: 'SQ', Value: [region(10), region(200)] },
      }),
      {},
      { burnedInAnnotation: 'accept' },
    );
    expect(outcome.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'dicom/ultrasound-regions',
          severity: 'info',
          location: '(0018,6011)',
        }),
        expect.objectContaining({ rule: 'dicom/burned-in-reason', location: '(0008,0060)' }),
      ]),
    );
    expect(outcome.findings.find((f) => f.rule === 'dicom/ultrasound-regions')!.message).toMatch(
      /^2 ultrasound/,
    );
    expect(out['00186011']!.Value).toHaveLength(2);
  });
});

describe('radiation dose reports', () => {
  const code = (value: string, meaning: string, scheme = 'DCM'): DcmjsDataset => ({
    '00080100': { vr: 'SH', Value: [value] },
    '00080102': { vr: 'SH', Value: [scheme] },
    '00080104': { vr: 'LO', Value: [meaning] },
  });
  const num = (concept: DcmjsDataset, value: string, unit: string): DcmjsDataset => ({
    '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
    '0040A040': { vr: 'CS', Value: ['NUM'] },
    '0040A043': { vr: 'SQ', Value: [concept] },
    '0040A300': {
      vr: 'SQ',
      Value: [
        {
          '0040A30A': { vr: 'DS', Value: [value] },
          '004008EA': { vr: 'SQ', Value: [code(unit, unit, 'UCUM')] },
        },
      ],
    },
  });
  const rdsr = (sopClass: string): DcmjsDataset =>
    noPixels(
      baseDataset({
        '00080016': { vr: 'UI', Value: [sopClass] },
        '00080060': { vr: 'CS', Value: ['SR'] },
        '00080023': { vr: 'DA', Value: ['20240315'] },
        '00080033': { vr: 'TM', Value: ['101500'] },
        '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
        '0040A043': { vr: 'SQ', Value: [code('113701', 'X-Ray Radiation Dose Report')] },
        '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
        '0040A730': {
          vr: 'SQ',
          Value: [
            {
              '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
              '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
              '0040A043': { vr: 'SQ', Value: [code('113819', 'CT Acquisition')] },
              '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
              '0040A730': {
                vr: 'SQ',
                Value: [
                  num(code('113830', 'Mean CTDIvol'), '12.34', 'mGy'),
                  num(code('113838', 'DLP'), '456.7', 'mGy.cm'),
                  {
                    '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
                    '0040A040': { vr: 'CS', Value: ['PNAME'] },
                    '0040A043': { vr: 'SQ', Value: [code('113870', 'Person Name')] },
                    '0040A123': { vr: 'PN', Value: [{ Alphabetic: 'HOUSE^GREGORY' }] },
                  },
                  {
                    '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
                    '0040A040': { vr: 'CS', Value: ['TEXT'] },
                    '0040A043': { vr: 'SQ', Value: [code('121106', 'Comment')] },
                    '0040A160': { vr: 'UT', Value: ['scan of Jane Doe, repeat'] },
                  },
                  {
                    '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
                    '0040A040': { vr: 'CS', Value: ['DATETIME'] },
                    '0040A043': { vr: 'SQ', Value: [code('113809', 'Start of X-Ray Irradiation')] },
                    '0040A120': { vr: 'DT', Value: ['20240315101112'] },
                  },
                  {
                    '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
                    '0040A040': { vr: 'CS', Value: ['UIDREF'] },
                    '0040A043': { vr: 'SQ', Value: [code('113769', 'Irradiation Event UID')] },
                    '0040A124': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.555'] },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
  const items = (out: DcmjsDataset) =>
    ((out['0040A730']!.Value![0] as DcmjsDataset)['0040A730']!.Value ?? []) as DcmjsDataset[];
  const numeric = (item: DcmjsDataset) =>
    Number(text(item['0040A300']!.Value![0] as DcmjsDataset, '0040A30A'));
  const unit = (item: DcmjsDataset) =>
    text((item['0040A300']!.Value![0] as DcmjsDataset)['004008EA']!.Value![0] as DcmjsDataset, '00080100');

  it.each([
    ['X-Ray Radiation Dose SR', '1.2.840.10008.5.1.4.1.1.88.67'],
    ['Enhanced X-Ray Radiation Dose SR', '1.2.840.10008.5.1.4.1.1.88.76'],
    ['Patient Radiation Dose SR', '1.2.840.10008.5.1.4.1.1.88.73'],
  ])(
    '%s under Basic: CTDIvol and DLP kept, the name, text and date replaced, the UID remapped',
    async (_n, uid) => {
      const { outcome, out } = await run(rdsr(uid));
      const [ctdi, dlp, pname, comment, when, ref] = items(out);
      expect(numeric(ctdi!)).toBe(12.34);
      expect(unit(ctdi!)).toBe('mGy');
      expect(numeric(dlp!)).toBe(456.7);
      expect(unit(dlp!)).toBe('mGy.cm');
      expect(text(pname!, '0040A123')).not.toMatch(/HOUSE/);
      expect(text(pname!, '0040A123')).not.toBe('');
      expect(text(comment!, '0040A160')).not.toMatch(/jane|doe/i);
      expect(text(when!, '0040A120')).toBe('19000101000000');
      expect(text(ref!, '0040A124')).toMatch(/^2\.25\./);
      // Concept names (codes) stay.
      expect(text(ctdi!['0040A043']!.Value![0] as DcmjsDataset, '00080104')).toBe('Mean CTDIvol');
      expect(outcome.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            rule: 'dicom/radiation-dose-report',
            severity: 'info',
            location: '(0040,A730)',
          }),
        ]),
      );
      expect(outcome.findings.find((f) => f.rule === 'dicom/radiation-dose-report')!.message).toMatch(
        /: 2 numeric/,
      );
      expect(bytes(outcome.output.data)).not.toMatch(/HOUSE|jane|doe/i);
    },
  );

  it('under a research policy: dose values kept, text cleaned (not replaced), dates shifted by the subject offset', async () => {
    const { out, ctx } = await run(rdsr('1.2.840.10008.5.1.4.1.1.88.67'), RESEARCH);
    const [ctdi, dlp, , comment, when] = items(out);
    expect(numeric(ctdi!)).toBe(12.34);
    expect(numeric(dlp!)).toBe(456.7);
    expect(text(comment!, '0040A160')).toMatch(/repeat/);
    expect(text(comment!, '0040A160')).not.toMatch(/jane|doe/i);
    const offset = ctx.pseudonyms.dateOffsetDays('MRN0012345');
    const shifted = new Date(Date.UTC(2024, 2, 15) + offset * 86_400_000);
    const ymd = `${shifted.getUTCFullYear()}${String(shifted.getUTCMonth() + 1).padStart(2, '0')}${String(shifted.getUTCDate()).padStart(2, '0')}`;
    expect(text(when!, '0040A120')).toBe(`${ymd}101112`);
  });
});

describe('PET timing', () => {
  const pet = (): DcmjsDataset =>
    baseDataset({
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.128'] },
      '00080060': { vr: 'CS', Value: ['PT'] },
      '00080021': { vr: 'DA', Value: ['20240315'] },
      '00080031': { vr: 'TM', Value: ['093000'] },
      '00080022': { vr: 'DA', Value: ['20240315'] },
      '00080032': { vr: 'TM', Value: ['094512.5'] },
      '00540016': {
        vr: 'SQ',
        Value: [
          {
            '00181072': { vr: 'TM', Value: ['081500'] },
            '00181078': { vr: 'DT', Value: ['20240315081500'] },
            '00181074': { vr: 'DS', Value: ['370000000'] },
            '00181075': { vr: 'DS', Value: ['6586.2'] },
          },
        ],
      },
    });
  /** Seconds between a DA+TM pair (or a DT) and another. */
  const seconds = (da: string, tm: string): number =>
    Date.UTC(
      Number(da.slice(0, 4)),
      Number(da.slice(4, 6)) - 1,
      Number(da.slice(6, 8)),
      Number(tm.slice(0, 2)),
      Number(tm.slice(2, 4)),
      Number(tm.slice(4, 6)),
    ) / 1000;

  it('shifts series, acquisition and radiopharmaceutical start by one offset under Modified Dates: decay-correction intervals survive', async () => {
    const { out, outcome } = await run(pet(), { retainLongitudinalModifiedDates: true });
    const radio = out['00540016']!.Value![0] as DcmjsDataset;
    const startDt = text(radio, '00181078');
    const start = seconds(startDt.slice(0, 8), startDt.slice(8));
    const series = seconds(text(out, '00080021'), text(out, '00080031'));
    const acquisition = seconds(text(out, '00080022'), text(out, '00080032'));
    expect(text(out, '00080021')).not.toBe('20240315');
    expect(series - start).toBe(75 * 60); // 08:15 -> 09:30
    expect(acquisition - start).toBe(90 * 60 + 12); // 08:15 -> 09:45:12
    expect(text(radio, '00181072')).toBe('081500'); // times stay: the date they belong to moved by whole days
    expect(Number(text(radio, '00181075'))).toBe(6586.2); // half-life kept
    expect(Number(text(radio, '00181074'))).toBe(370000000); // total dose kept
    expect(rules(outcome.findings)).not.toContain('dicom/pet-timing-removed');
  });

  it('warns under Basic that decay-correction timing is gone', async () => {
    const { out, outcome } = await run(pet());
    const radio = out['00540016']!.Value![0] as DcmjsDataset;
    expect(radio['00181078']).toBeUndefined();
    expect(text(out, '00080021')).toBe('19000101'); // Type 1 in PET Series: a dummy
    expect(outcome.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'dicom/pet-timing-removed', severity: 'warning' }),
      ]),
    );
  });
});

describe('the burned-in gate reason', () => {
  it.each<[string, DcmjsDataset, string]>([
    ['burned-in-annotation', { '00280301': { vr: 'CS', Value: ['YES'] } }, '(0028,0301)'],
    ['recognizable-visual-features', { '00280302': { vr: 'CS', Value: ['YES'] } }, '(0028,0302)'],
    ['modality', { '00080060': { vr: 'CS', Value: ['XA'] } }, '(0008,0060)'],
    ['secondary-capture', { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] } }, '(0008,0016)'],
  ])('names the reason %s and its attribute, no value', async (kind, extra, location) => {
    expect(burnedInReasonOf(baseDataset(extra), true)?.kind).toBe(kind);
    const { outcome } = await run(baseDataset(extra), {}, { burnedInAnnotation: 'accept' });
    const f = outcome.findings.find((x) => x.rule === 'dicom/burned-in-reason')!;
    expect(f).toEqual(expect.objectContaining({ severity: 'info', location }));
    expect(f.message).toContain(kind);
    expect(f.message).not.toMatch(/DOE|JANE|MRN/);
  });

  it('gives no reason without pixel data', () => {
    expect(burnedInReasonOf(baseDataset({ '00080060': { vr: 'CS', Value: ['US'] } }), false)).toBeUndefined();
  });
});

describe('Clean Graphics', () => {
  const GSPS = '1.2.840.10008.5.1.4.1.1.11.1';
  const presentation = (): DcmjsDataset =>
    noPixels(
      baseDataset({
        '00080016': { vr: 'UI', Value: [GSPS] },
        '00080060': { vr: 'CS', Value: ['PR'] },
        '00700060': {
          vr: 'SQ',
          Value: [
            {
              '00700002': { vr: 'CS', Value: ['LAYER1'] },
              '00700062': { vr: 'IS', Value: ['1'] },
              '00700068': { vr: 'LO', Value: ['marks for Jane Doe'] },
            },
          ],
        },
        '00700001': {
          vr: 'SQ',
          Value: [
            {
              '00700002': { vr: 'CS', Value: ['LAYER1'] },
              '00700008': {
                vr: 'SQ',
                Value: [
                  {
                    '00700006': { vr: 'ST', Value: ['lesion 1 (Jane Doe, MRN0012345)'] },
                    '00700004': { vr: 'CS', Value: ['PIXEL'] },
                    '00700010': { vr: 'FL', Value: [10, 10] },
                    '00700011': { vr: 'FL', Value: [80, 20] },
                    '00700012': { vr: 'CS', Value: ['LEFT'] },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
  const annotationText = (out: DcmjsDataset) =>
    text((out['00700001']!.Value![0] as DcmjsDataset)['00700008']!.Value![0] as DcmjsDataset, '00700006');

  it('cleans the Unformatted Text Value of text objects (detector + subject identifiers) and keeps the rest', async () => {
    const { out, outcome } = await run(presentation(), { cleanGraphics: true });
    const t = annotationText(out);
    expect(t).toMatch(/^lesion 1/);
    expect(t).not.toMatch(/jane|doe|MRN0012345/i);
    const layer = out['00700060']!.Value![0] as DcmjsDataset;
    expect(text(layer, '00700068')).toMatch(/^marks for/);
    expect(text(layer, '00700068')).not.toMatch(/jane|doe/i);
    expect(text(out['00700001']!.Value![0] as DcmjsDataset, '00700002')).toBe('LAYER1'); // layer references stay
    expect(bytes(outcome.output.data)).not.toMatch(/jane|doe|MRN0012345/i);
  });

  it('without the option, the Graphic Annotation Sequence is D (text replaced by a dummy), as the table says', async () => {
    const { out, outcome } = await run(presentation());
    expect(annotationText(out)).toBe('ANONYMIZED');
    expect(bytes(outcome.output.data)).not.toMatch(/jane|doe|MRN0012345/i);
  });

  const overlay = (): DcmjsDataset =>
    baseDataset({
      '60000010': { vr: 'US', Value: [2] },
      '60000011': { vr: 'US', Value: [2] },
      '60000022': { vr: 'LO', Value: ['ROI drawn for Jane Doe'] },
      '60000040': { vr: 'CS', Value: ['R'] },
      '60000050': { vr: 'SS', Value: [1, 1] },
      '60000100': { vr: 'US', Value: [1] },
      '60000102': { vr: 'US', Value: [0] },
      '60001500': { vr: 'LO', Value: ['DOE'] },
      '60003000': { vr: 'OW', Value: [new Uint8Array([0x0f, 0, 0, 0]).buffer] },
      '60004000': { vr: 'LT', Value: ['reviewed, Jane Doe MRN0012345'] },
    });

  it('removes overlay planes whole under Clean Graphics by default: drawn text cannot be checked', async () => {
    const { out, outcome } = await run(overlay(), { cleanGraphics: true });
    expect(Object.keys(out).filter((k) => k.startsWith('6000'))).toEqual([]);
    expect(bytes(outcome.output.data)).not.toMatch(/jane|doe|MRN0012345/i);
    expect(outcome.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'dicom/graphics-removed', severity: 'warning' }),
      ]),
    );
  });

  it('keeps overlay planes with their text cleaned and their bitmap as it is when the policy says overlayBitmaps: keep', async () => {
    const { out, outcome } = await run(overlay(), { cleanGraphics: true }, { overlayBitmaps: 'keep' });
    expect(Buffer.from(out['60003000']!.Value![0] as ArrayBuffer)).toEqual(Buffer.from([0x0f, 0, 0, 0]));
    expect(text(out, '60000022')).toMatch(/^ROI drawn for/);
    expect(text(out, '60004000')).toMatch(/^reviewed/);
    expect(text(out, '60000040')).toBe('R');
    expect(bytes(outcome.output.data)).not.toMatch(/jane|doe|MRN0012345/i);
    expect(outcome.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'dicom/overlay-bitmap-kept',
          severity: 'warning',
          location: '(60xx,3000)',
        }),
      ]),
    );
  });

  it('removes overlay planes without the option, as the table says', async () => {
    const { out } = await run(overlay());
    expect(Object.keys(out).filter((k) => k.startsWith('6000'))).toEqual([]);
  });
});
