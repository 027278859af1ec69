/**
 * Combined action codes of PS3.15 Table E.1-1 (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) settled by the
 * attribute's Type in the object's IOD (E.1.1): Type 1 -> D (U for UID references), Type 2 -> Z,
 * Type 3 or not in the IOD -> X. Every combined-code row is checked in a CT Image and in a
 * Comprehensive SR; the expected action is written here from PS3.3, not computed by the engine.
 */
import { describe, it, expect } from '@jest/globals';
import dcmjs, { type DcmjsDataset, type DcmjsElement } from 'dcmjs';
import { PROFILE_TABLE } from '../src/index.js';
import { attributeType, statedType } from '../src/iod-types.js';
import { IOD_OF_SOP_CLASS, MODULES, REQUIRED_REMOVED_ROWS } from '../src/iod-types-data.js';
import { resolveCombined } from '../src/profile.js';
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

const CT = '1.2.840.10008.5.1.4.1.1.2';
const SR = '1.2.840.10008.5.1.4.1.1.88.33';
const dictionary = dcmjs.data.DicomMetaDictionary.dictionary;

type Code = 'X' | 'Z' | 'D' | 'U' | 'P';
/**
 * Expected action in a CT Image (A.3) and a Comprehensive SR (A.35.3), with the reason from PS3.3.
 * P: Patient ID, replaced by the subject's pseudonym at the top level whatever the row says.
 */
const EXPECTED: Record<string, [ct: Code, sr: Code, why: string]> = {
  '00080012': ['X', 'X', 'Instance Creation Date: SOP Common C.12.1 Type 3'],
  '00080013': ['X', 'X', 'Instance Creation Time: SOP Common C.12.1 Type 3'],
  '00080021': ['X', 'X', 'Series Date: General Series C.7.3.1 / SR Document Series C.17.1 Type 3'],
  '00080022': ['X', 'X', 'Acquisition Date: General Acquisition C.7.10.1 Type 3; not in the SR IOD'],
  '00080023': ['Z', 'D', 'Content Date: General Image C.7.6.1 Type 2C; SR Document General C.17.2 Type 1'],
  '0008002A': ['X', 'X', 'Acquisition DateTime: General Acquisition C.7.10.1 Type 3; not in the SR IOD'],
  '00080031': ['X', 'X', 'Series Time: General Series / SR Document Series Type 3'],
  '00080032': ['X', 'X', 'Acquisition Time: General Acquisition Type 3; not in the SR IOD'],
  '00080033': ['Z', 'D', 'Content Time: General Image Type 2C; SR Document General Type 1'],
  '00080080': ['X', 'X', 'Institution Name: General Equipment C.7.5.1 Type 3'],
  '00080082': ['X', 'X', 'Institution Code Sequence: in neither IOD at the top level'],
  '00081010': ['X', 'X', 'Station Name: General Equipment Type 3'],
  '00081070': ['X', 'X', "Operators' Name: General Series Type 3; not in the SR IOD"],
  '00081072': ['X', 'X', 'Operator Identification Sequence: General Series Type 3; not in the SR IOD'],
  '00081110': ['X', 'X', 'Referenced Study Sequence: General Study C.7.2.1 Type 3'],
  '00081111': ['X', 'Z', 'Referenced PPS Sequence: General Series Type 3; SR Document Series Type 2'],
  '00081140': ['X', 'X', 'Referenced Image Sequence: General Reference C.12.4 Type 3; not in the SR IOD'],
  '00082112': ['X', 'X', 'Source Image Sequence: General Reference Type 3; not in the SR IOD'],
  '00100020': ['P', 'P', 'Patient ID: Patient C.7.1.1 Type 2, replaced by the pseudonym'],
  '00102203': ['Z', 'Z', "Patient's Sex Neutered: Patient Study C.7.2.2 Type 2C"],
  '00180010': ['Z', 'Z', 'Contrast/Bolus Agent: Contrast/Bolus C.7.6.4 Type 2; Z/D never removes'],
  '00181000': ['X', 'X', 'Device Serial Number: General Equipment Type 3'],
  '00181030': ['X', 'X', 'Protocol Name: General Series / SR Document Series Type 3'],
  '00181400': ['X', 'X', 'Acquisition Device Processing Description: CR/DX/X-Ray only'],
  '0018700A': ['X', 'X', 'Detector ID: DX Detector only'],
  '0018700C': ['X', 'X', 'Date of Last Detector Calibration: DX Detector only'],
  '0018700E': ['X', 'X', 'Time of Last Detector Calibration: DX Detector only'],
  '00189516': ['X', 'X', 'Start Acquisition DateTime: not at the top level of either IOD'],
  '00189517': ['X', 'X', 'End Acquisition DateTime: not at the top level of either IOD'],
  '00189919': ['Z', 'Z', 'Instruction Performed DateTime: not in either IOD; Z/D never removes'],
  '00321060': ['X', 'X', 'Requested Procedure Description: not at the top level of either IOD'],
  '00400555': ['X', 'X', 'Acquisition Context Sequence: Acquisition Context module not in either IOD'],
  '0040A032': ['X', 'D', 'Observation DateTime: not in CT; SR Document Content C.17.3 Type 1C'],
  '00700084': ['Z', 'Z', "Content Creator's Name: not in either IOD; Z/D never removes"],
  '22000002': ['X', 'X', 'Label Text: Slide Label module only'],
  '22000005': ['X', 'X', 'Barcode Value: not in either IOD'],
  '30080054': ['X', 'X', 'First Treatment Date: RT Treatment Summary Record only'],
  '30080056': ['X', 'X', 'Most Recent Treatment Date: RT Treatment Summary Record only'],
  '30080105': ['X', 'X', 'Source Serial Number: RT only'],
  '30080250': ['X', 'X', 'Treatment Date: RT General Treatment Record only'],
  '30080251': ['X', 'X', 'Treatment Time: RT General Treatment Record only'],
  '300A0006': ['X', 'X', 'RT Plan Date: RT General Plan only'],
  '300A0007': ['X', 'X', 'RT Plan Time: RT General Plan only'],
  '300A00B2': ['X', 'X', 'Treatment Machine Name: RT beams only'],
  '300E0008': ['X', 'X', 'Reviewer Name: Approval module only'],
  '3010004C': ['X', 'X', 'Intended Phase Start Date: RT only'],
  '3010004D': ['X', 'X', 'Intended Phase End Date: RT only'],
  '30100056': ['X', 'X', 'RT Treatment Approach Label: RT only'],
  '30100077': ['X', 'X', 'Treatment Site: RT only'],
};

const combinedRows = PROFILE_TABLE.filter((r) => r.kind === 'tag' && r.basic.includes('/'));

function vrOf(key: string): string {
  const entry = dictionary[`(${key.slice(0, 4)},${key.slice(4)})`];
  return entry?.vr ?? 'UN';
}

/** A sample value for the VR, holding no identifier. */
function sample(key: string): DcmjsElement {
  const vr = vrOf(key);
  switch (vr) {
    case 'DA':
      return { vr, Value: ['20240316'] };
    case 'TM':
      return { vr, Value: ['101112'] };
    case 'DT':
      return { vr, Value: ['20240316101112'] };
    case 'PN':
      return { vr, Value: [{ Alphabetic: 'SMITH^ALEX' }] };
    case 'SQ':
      return {
        vr,
        Value: [
          {
            '00081150': { vr: 'UI', Value: [CT] },
            '00081155': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.901'] },
          },
        ],
      };
    default:
      return { vr, Value: ['VALUE1'] };
  }
}

function ctDataset(extra: DcmjsDataset): DcmjsDataset {
  return baseDataset(extra);
}

function srDataset(extra: DcmjsDataset): DcmjsDataset {
  const d = baseDataset({
    '00080016': { vr: 'UI', Value: [SR] },
    '00080060': { vr: 'CS', Value: ['SR'] },
    '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    ...extra,
  });
  for (const k of ['00280010', '00280011', '00280100', '7FE00010']) delete d[k];
  return d;
}

async function run(dataset: DcmjsDataset, opts = {}) {
  const ctx = context(policy(opts));
  const outcome = await deid(writeDicom(dataset), ctx);
  const findings = await handler.inspect(outcome.output.data, inspectContext(ctx, outcome.knownIdentifiers));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return readDicom(outcome.output.data).dict;
}

function isEmpty(element: DcmjsElement): boolean {
  const v = element.Value ?? [];
  return (
    v.length === 0 ||
    v.every(
      (x) =>
        x === '' ||
        x === null ||
        (typeof x === 'object' &&
          x !== null &&
          'Alphabetic' in x &&
          !(x as { Alphabetic?: string }).Alphabetic),
    )
  );
}

/** What happened to `key` in `out`: X removed, Z emptied, D dummy, U kept with remapped UIDs, K unchanged. */
function observed(out: DcmjsDataset, key: string): string {
  const el = out[key];
  if (!el) return 'X';
  if (isEmpty(el)) return 'Z';
  const vr = vrOf(key);
  if (vr === 'SQ') {
    const uid = text(el.Value![0] as DcmjsDataset, '00081155');
    return uid.startsWith('2.25.') ? (key === '00081140' || key === '00082112' ? 'U' : 'D') : 'K';
  }
  const now = text(out, key);
  const was = text({ [key]: sample(key) }, key);
  if (key === '00100020') return now !== was && now.length > 0 ? 'P' : 'K';
  if (vr === 'DA') return now === '19000101' ? 'D' : 'K';
  if (vr === 'TM') return now === '000000' ? 'D' : 'K';
  if (vr === 'DT') return now === '19000101000000' ? 'D' : 'K';
  return now !== was ? 'D' : 'K';
}

describe('the combined-code rows', () => {
  it('are the 49 rows of Table E.1-1 with a combined Basic code, each with an expectation here', () => {
    expect(combinedRows.length).toBe(49);
    expect(combinedRows.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe.each([
  ['CT Image', 0, ctDataset],
  ['Comprehensive SR', 1, srDataset],
] as const)('combined codes settled by Type in a %s', (_name, column, make) => {
  it.each(combinedRows.map((r) => [r.key, r.name, r.basic] as const))('(%s) %s [%s]', async (key) => {
    const [ct, sr, why] = EXPECTED[key]!;
    const want = column === 0 ? ct : sr;
    const out = await run(make({ [key]: sample(key) }));
    expect({ key, why, action: observed(out, key) }).toEqual({ key, why, action: want });
  });
});

describe('Type 2 attributes stay empty, Type 3 ones go', () => {
  it('StudyDate (Z) is emptied, not removed, in both IODs; AcquisitionDate is removed in the SR', async () => {
    const ct = await run(
      ctDataset({ '00080022': sample('00080022'), '00080030': { vr: 'TM', Value: ['101112'] } }),
    );
    expect(ct['00080020']).toBeDefined();
    expect(text(ct, '00080020')).toBe('');
    expect(ct['00080022']).toBeUndefined(); // Type 3 in General Acquisition
    const sr = await run(
      srDataset({
        '00080022': sample('00080022'),
        '00080023': sample('00080023'),
        '00080033': sample('00080033'),
      }),
    );
    expect(sr['00080020']).toBeDefined();
    expect(text(sr, '00080020')).toBe('');
    expect(sr['00080022']).toBeUndefined(); // not in the SR IOD
    expect(text(sr, '00080023')).toBe('19000101'); // Type 1 in SR Document General: a dummy
    expect(text(sr, '00080033')).toBe('000000');
  });

  it('keeps an empty Referenced Performed Procedure Step Sequence in an SR (Type 2) and removes it in a CT (Type 3)', async () => {
    const seq = sample('00081111');
    const sr = await run(srDataset({ '00081111': seq }));
    expect(sr['00081111']?.Value ?? []).toEqual([]);
    expect(sr['00081111']).toBeDefined();
    const ct = await run(ctDataset({ '00081111': seq }));
    expect(ct['00081111']).toBeUndefined();
  });

  it('options win over the Type: Modified Dates shifts an SR Content Date, Retain Device Identity keeps a serial number', async () => {
    const sr = await run(srDataset({ '00080023': sample('00080023'), '00181000': sample('00181000') }), {
      retainLongitudinalModifiedDates: true,
      retainDeviceIdentity: true,
    });
    expect(text(sr, '00080023')).toMatch(/^\d{8}$/);
    expect(text(sr, '00080023')).not.toBe('20240316');
    expect(text(sr, '00181000')).toBe('VALUE1');
  });
});

describe('other IODs', () => {
  const uid = (u: string) => ({ '00080016': { vr: 'UI', Value: [u] } });
  it('PET: Series Date/Time Type 1 (PET Series C.8.9.1) get dummies; Acquisition Date/Time Type 2 (PET Image C.8.9.4) are emptied', async () => {
    const out = await run(
      ctDataset({
        ...uid('1.2.840.10008.5.1.4.1.1.128'),
        '00080060': { vr: 'CS', Value: ['PT'] },
        '00080021': sample('00080021'),
        '00080031': sample('00080031'),
        '00080022': sample('00080022'),
        '00080032': sample('00080032'),
      }),
    );
    expect(text(out, '00080021')).toBe('19000101');
    expect(text(out, '00080031')).toBe('000000');
    expect(out['00080022']).toBeDefined();
    expect(text(out, '00080022')).toBe('');
    expect(out['00080032']).toBeDefined();
  });

  it("RT Plan: RT Plan Date Type 2 gets a dummy (X/D cannot empty); Operators' Name Type 2 in RT Series is emptied", async () => {
    const out = await run(
      srDataset({
        ...uid('1.2.840.10008.5.1.4.1.1.481.5'),
        '00080060': { vr: 'CS', Value: ['RTPLAN'] },
        '300A0006': sample('300A0006'),
        '00081070': sample('00081070'),
        '300A00B0': { vr: 'SQ', Value: [{ '300A00B2': { vr: 'SH', Value: ['LINAC1'] } }] },
      }),
    );
    expect(text(out, '300A0006')).toBe('19000101');
    expect(out['00081070']).toBeDefined();
    expect(text(out, '00081070')).toBe('');
    // Beam Sequence > Treatment Machine Name: Type 2 in RT Beams C.8.8.14
    const beam = out['300A00B0']!.Value![0] as DcmjsDataset;
    expect(beam['300A00B2']).toBeDefined();
    expect(text(beam, '300A00B2')).toBe('');
  });

  it('Enhanced CT: Device Serial Number (Enhanced General Equipment Type 1) and Content Date (functional groups Type 1) get dummies', async () => {
    const out = await run(
      ctDataset({
        ...uid('1.2.840.10008.5.1.4.1.1.2.1'),
        '00181000': sample('00181000'),
        '00080023': sample('00080023'),
        '0008002A': sample('0008002A'),
      }),
    );
    expect(text(out, '00181000')).toBe('ANONYMIZED');
    expect(text(out, '00080023')).toBe('19000101');
    expect(text(out, '0008002A')).toBe('19000101000000'); // Enhanced CT Image Type 1C, present
  });

  it('12-lead ECG: Acquisition DateTime Type 1 (Waveform Identification C.10.8); Encapsulated PDF: Type 2 (C.24.2)', async () => {
    const ecg = await run(
      srDataset({ ...uid('1.2.840.10008.5.1.4.1.1.9.1.1'), '0008002A': sample('0008002A') }),
    );
    expect(text(ecg, '0008002A')).toBe('19000101000000');
    const pdf = await run(
      srDataset({ ...uid('1.2.840.10008.5.1.4.1.1.104.1'), '0008002A': sample('0008002A') }),
    );
    expect(pdf['0008002A']).toBeDefined();
    expect(text(pdf, '0008002A')).toBe('');
  });

  it('an unknown SOP class: attributes of the General modules count as Type 2 (kept empty), sequences some IOD requires are kept', async () => {
    const out = await run(
      ctDataset({
        ...uid('1.2.840.10008.5.1.4.1.1.999.1'),
        '00080021': sample('00080021'),
        '00080080': sample('00080080'),
        '00081140': sample('00081140'),
        '00081110': sample('00081110'),
        '300A0006': sample('300A0006'),
      }),
    );
    expect(out['00080021']).toBeDefined();
    expect(text(out, '00080021')).toBe('19000101'); // X/D on Type 2: D
    expect(out['00080080']).toBeDefined();
    expect(text(out, '00080080')).toBe(''); // X/Z/D on Type 2: Z
    expect(observed(out, '00081140')).toBe('U');
    expect(out['00081110']).toBeUndefined(); // Type 3 sequence: an empty one would be invalid
    expect(out['300A0006']).toBeUndefined(); // in no General module: Type 3
  });

  it('inside sequences: by the macro of the sequence, else the choice valid whatever the Type', async () => {
    const out = await run(
      srDataset({
        // SR Document General C.17.2, Referenced Request Sequence: Requested Procedure Description Type 2
        '0040A370': {
          vr: 'SQ',
          Value: [{ '0020000D': { vr: 'UI', Value: ['1.2.3.4'] }, '00321060': sample('00321060') }],
        },
        // SOP Common C.12.1, Contributing Equipment Sequence: Institution Name Type 3, Manufacturer Type 1
        '0018A001': {
          vr: 'SQ',
          Value: [{ '00080070': { vr: 'LO', Value: ['ACME'] }, '00080080': sample('00080080') }],
        },
        // Content Sequence > Observation DateTime: Type 1C
        '0040A730': {
          vr: 'SQ',
          Value: [
            {
              '0040A010': { vr: 'CS', Value: ['CONTAINS'] },
              '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
              '0040A032': sample('0040A032'),
            },
          ],
        },
      }),
    );
    const request = out['0040A370']!.Value![0] as DcmjsDataset;
    expect(request['00321060']).toBeDefined();
    expect(text(request, '00321060')).toBe('');
    const equipment = out['0018A001']!.Value![0] as DcmjsDataset;
    expect(equipment['00080080']).toBeUndefined();
    expect(text(equipment, '00080070')).toBe('ACME');
    const item = out['0040A730']!.Value![0] as DcmjsDataset;
    expect(text(item, '0040A032')).toBe('19000101000000');
  });
});

describe('conformance beyond the combined codes', () => {
  it('Presentation Creation Date/Time (X) get dummies in a presentation state, where they are Type 1, and go elsewhere', async () => {
    const extra = { '00700082': sample('00700082'), '00700083': sample('00700083') };
    const gsps = await run(
      srDataset({
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.11.1'] },
        '00080060': { vr: 'CS', Value: ['PR'] },
        ...extra,
      }),
    );
    expect(text(gsps, '00700082')).toBe('19000101');
    expect(text(gsps, '00700083')).toBe('000000');
    const ct = await run(ctDataset(extra));
    expect(ct['00700082']).toBeUndefined();
    expect(ct['00700083']).toBeUndefined();
  });

  it('removes the Ethics Committee Name with its Approval Number (Clinical Trial Subject C.7.1.3: 1C)', async () => {
    const out = await run(
      ctDataset({
        '00120081': { vr: 'LO', Value: ['IRB OF EXAMPLE'] },
        '00120082': { vr: 'LO', Value: ['IRB-123'] },
      }),
      { retainInstitutionIdentity: true },
    );
    expect(out['00120082']).toBeUndefined();
    expect(out['00120081']).toBeUndefined();
  });

  it('keeps a Type 3 Source Image Sequence (UIDs remapped) when a Common Instance Reference Module lists it', async () => {
    const ref = sample('00082112');
    const listed = await run(
      ctDataset({
        '00082112': ref,
        '00081115': {
          vr: 'SQ',
          Value: [
            {
              '0020000E': { vr: 'UI', Value: ['1.2.826.0.1.3680043.8.498.902'] },
              '0008114A': { vr: 'SQ', Value: [(ref.Value as DcmjsDataset[])[0]!] },
            },
          ],
        },
      }),
    );
    expect(observed(listed, '00082112')).toBe('U');
    const series = listed['00081115']!.Value![0] as DcmjsDataset;
    const listedUid = text(series['0008114A']!.Value![0] as DcmjsDataset, '00081155');
    expect(text(listed['00082112']!.Value![0] as DcmjsDataset, '00081155')).toBe(listedUid);
    const alone = await run(ctDataset({ '00082112': ref }));
    expect(alone['00082112']).toBeUndefined();
  });
});

describe('the IOD type table', () => {
  it('gives every module entry a combined-code attribute (or a removed Type 1 one) and every listed SOP class known modules', () => {
    const keys = new Set([...combinedRows.map((r) => r.key), ...REQUIRED_REMOVED_ROWS]);
    for (const [name, module] of Object.entries(MODULES))
      for (const key of Object.keys(module.types))
        expect({ name, key, known: keys.has(key) }).toEqual({ name, key, known: true });
    for (const iod of Object.values(IOD_OF_SOP_CLASS))
      for (const m of iod.modules) expect(MODULES[m]).toBeDefined();
  });

  it('covers the IODs of the brief', () => {
    for (const uid of [
      '1.2.840.10008.5.1.4.1.1.2', // CT
      '1.2.840.10008.5.1.4.1.1.4', // MR
      '1.2.840.10008.5.1.4.1.1.1', // CR
      '1.2.840.10008.5.1.4.1.1.1.1', // DX
      '1.2.840.10008.5.1.4.1.1.1.2', // MG
      '1.2.840.10008.5.1.4.1.1.6.1', // US
      '1.2.840.10008.5.1.4.1.1.20', // NM
      '1.2.840.10008.5.1.4.1.1.128', // PET
      '1.2.840.10008.5.1.4.1.1.12.1', // XA
      '1.2.840.10008.5.1.4.1.1.12.2', // RF
      '1.2.840.10008.5.1.4.1.1.7', // SC
      '1.2.840.10008.5.1.4.1.1.481.3', // RT Structure Set
      '1.2.840.10008.5.1.4.1.1.481.5', // RT Plan
      '1.2.840.10008.5.1.4.1.1.481.2', // RT Dose
      '1.2.840.10008.5.1.4.1.1.481.1', // RT Image
      '1.2.840.10008.5.1.4.1.1.88.11', // Basic Text SR
      '1.2.840.10008.5.1.4.1.1.88.22', // Enhanced SR
      '1.2.840.10008.5.1.4.1.1.88.33', // Comprehensive SR
      '1.2.840.10008.5.1.4.1.1.88.67', // X-Ray Radiation Dose SR
      '1.2.840.10008.5.1.4.1.1.66.4', // SEG
      '1.2.840.10008.5.1.4.1.1.2.1', // Enhanced CT
      '1.2.840.10008.5.1.4.1.1.4.1', // Enhanced MR
      '1.2.840.10008.5.1.4.1.1.104.1', // Encapsulated PDF
      '1.2.840.10008.5.1.4.1.1.9.1.1', // 12-lead ECG
      '1.2.840.10008.5.1.4.1.1.11.1', // GSPS
      '1.2.840.10008.5.1.4.1.1.88.59', // KO
    ])
      expect({ uid, known: IOD_OF_SOP_CLASS[uid] !== undefined }).toEqual({ uid, known: true });
  });

  it('resolves the strongest Type when two modules hold an attribute, and settles conditions', () => {
    // Enhanced MR: Device Serial Number is 3 in General Equipment and 1 in Enhanced General Equipment.
    expect(statedType('1.2.840.10008.5.1.4.1.1.4.1', 0x00181000)).toBe('1');
    expect(statedType(CT, 0x00080023)).toBe('2C');
    expect(attributeType(0x00080023, { sopClassUid: CT }).type).toBe('2');
    expect(statedType(CT, 0x300a0006)).toBe('none');
    expect(statedType('9.9.9', 0x00080021)).toBeUndefined();
  });

  it('resolves each combined code by Type as E.1.1 says', () => {
    const table = (['1', '2', '3', 'unknown'] as const).map((t) => [
      t,
      resolveCombined('X/Z', t, 'LO'),
      resolveCombined('X/D', t, 'LO'),
      resolveCombined('Z/D', t, 'LO'),
      resolveCombined('X/Z/D', t, 'LO'),
      resolveCombined('X/Z/U*', t, 'SQ'),
    ]);
    expect(table).toEqual([
      ['1', 'Z', 'D', 'D', 'D', 'U'],
      ['2', 'Z', 'D', 'Z', 'Z', 'Z'],
      ['3', 'X', 'X', 'Z', 'X', 'X'],
      ['unknown', 'Z', 'D', 'D', 'D', 'U'],
    ]);
  });
});
