import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ErrorCodes,
  InputFormatError,
  MedImageCleanerError,
  PolicyRejectedError,
  ItemDroppedError,
} from '@medimagecleaner/core';
import { DICOM_POLICY_SCHEMA, DICOM_PACKAGE_VERSION, createHandler, parsePart10 } from '../src/index.js';
import { baseDataset, context, deid, policy, writeDicom } from './helpers.js';

async function errorOf(promise: Promise<unknown>): Promise<MedImageCleanerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MedImageCleanerError) return error;
    throw new Error(`not a MedImageCleanerError: ${String(error)}`);
  }
  throw new Error('did not throw');
}

describe('burned-in text gate', () => {
  const cases: Array<[string, Record<string, { vr: string; Value: unknown[] }>]> = [
    ['BurnedInAnnotation YES', { '00280301': { vr: 'CS', Value: ['YES'] } }],
    ['ultrasound', { '00080060': { vr: 'CS', Value: ['US'] } }],
    ['X-ray angiography', { '00080060': { vr: 'CS', Value: ['XA'] } }],
    ['modality OT', { '00080060': { vr: 'CS', Value: ['OT'] } }],
    ['secondary capture SOP class', { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] } }],
    ['multi-frame secondary capture', { '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7.4'] } }],
  ];

  it.each(cases)('quarantines %s by default with E_POLICY_REJECTED', async (_name, extra) => {
    const error = await errorOf(deid(writeDicom(baseDataset(extra))));
    expect(error).toBeInstanceOf(PolicyRejectedError);
    expect(error.code).toBe(ErrorCodes.POLICY_REJECTED);
    expect(error.message).not.toMatch(/DOE|JANE|MRN/);
  });

  it.each(cases)(
    'releases %s with a warning when the policy accepts burned-in annotation',
    async (_name, extra) => {
      const outcome = await deid(
        writeDicom(baseDataset(extra)),
        context(policy({}, { burnedInAnnotation: 'accept' })),
      );
      expect(outcome.findings).toEqual([
        expect.objectContaining({ rule: 'dicom/burned-in-accepted', severity: 'warning' }),
        // The gate's reason as its own finding (burned-in.ts, through the modality rules).
        expect.objectContaining({ rule: 'dicom/burned-in-reason', severity: 'info' }),
      ]);
      expect(outcome.confidence).toBeLessThan(0.9);
    },
  );

  it('lets CT and MR without BurnedInAnnotation through, and objects without pixel data', async () => {
    await expect(
      deid(writeDicom(baseDataset({ '00280301': { vr: 'CS', Value: ['NO'] } }))),
    ).resolves.toBeDefined();
    const noPixels = baseDataset({ '00080060': { vr: 'CS', Value: ['US'] } });
    delete noPixels['7FE00010'];
    await expect(deid(writeDicom(noPixels))).resolves.toBeDefined();
  });

  it('exports the policy section schema (no unknown keys)', () => {
    expect(createHandler().policySchema).toEqual(DICOM_POLICY_SCHEMA);
    expect(DICOM_POLICY_SCHEMA).toMatchObject({ type: 'object', additionalProperties: false });
    expect(
      (DICOM_POLICY_SCHEMA['properties'] as Record<string, { enum: string[] }>)['burnedInAnnotation']!.enum,
    ).toEqual(['quarantine', 'accept']);
  });
});

describe('typed errors', () => {
  const valid = writeDicom(baseDataset({ '00081030': { vr: 'LO', Value: ['study of DOE^JANE'] } }));

  it('E_EMPTY_FILE for an empty file', async () => {
    const error = await errorOf(deid(new Uint8Array(0)));
    expect(error).toBeInstanceOf(InputFormatError);
    expect(error.code).toBe(ErrorCodes.EMPTY_FILE);
  });

  it.each([
    ['text', new TextEncoder().encode('hello, this is not DICOM at all\n'.repeat(10))],
    ['PNG header', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['random bytes', new Uint8Array(300).map((_, i) => (i * 7919 + 13) & 0xff)],
    ['a few bytes', new Uint8Array([1, 2, 3])],
  ])('E_UNSUPPORTED_FORMAT for %s', async (_name, bytes) => {
    const error = await errorOf(deid(bytes));
    expect(error.code).toBe(ErrorCodes.UNSUPPORTED_FORMAT);
  });

  it('E_PARSE_FAILED for every truncation inside an element, never another kind of error', async () => {
    // A cut exactly between two top-level elements leaves a shorter, valid dataset (DICOM has no end
    // marker): only cuts inside an element are truncations anyone can detect.
    const file = parsePart10(valid);
    const offset = valid.length - file.datasetBytes.length;
    const boundaries = new Set(file.dataset.map((e) => e.start + offset));
    const cuts = new Set<number>([133, 140, 200, 300]);
    for (let at = 400; at < valid.length; at += 37) cuts.add(at);
    cuts.add(valid.length - 1);
    for (const at of cuts) {
      if (boundaries.has(at)) continue;
      const error = await errorOf(deid(valid.subarray(0, at)));
      expect({ at, code: error.code }).toEqual({ at, code: ErrorCodes.PARSE_FAILED });
      expect(error.message).not.toMatch(/DOE|JANE|MRN/);
    }
  });

  it('E_PARSE_FAILED for corrupt lengths, with no dcmjs message', async () => {
    const corrupt = new Uint8Array(valid);
    const view = new DataView(corrupt.buffer);
    // Find PatientName (0010,0010) PN and give it a length past the end.
    for (let i = 132; i < corrupt.length - 8; i++) {
      if (
        view.getUint16(i, true) === 0x0010 &&
        view.getUint16(i + 2, true) === 0x0010 &&
        corrupt[i + 4] === 0x50
      ) {
        view.setUint16(i + 6, 0xfff0, true);
        break;
      }
    }
    const error = await errorOf(deid(corrupt));
    expect(error.code).toBe(ErrorCodes.PARSE_FAILED);
    expect(JSON.stringify(error.toJSON())).not.toMatch(/DOE|JANE|MRN/);
  });

  it('never releases DICOMDIR files: dropped by default, quarantined when the policy says so', async () => {
    const dicomdir = new Uint8Array(
      readFileSync(fileURLToPath(new URL('./corpus/pydicom/dicomdir/DICOMDIR', import.meta.url))),
    );
    const dropped = await errorOf(deid(dicomdir));
    expect(dropped).toBeInstanceOf(ItemDroppedError);
    expect(dropped.code).toBe('E_DROPPED');
    const refused = await errorOf(deid(dicomdir, context(policy({}, { dicomdir: 'quarantine' }))));
    expect(refused).toBeInstanceOf(PolicyRejectedError);
  });

  it('reads datasets without preamble or meta information', async () => {
    const withMeta = valid;
    const noPreamble = withMeta.subarray(128 + 4);
    await expect(deid(noPreamble)).resolves.toBeDefined();
    // Strip the meta group: the dataset alone (explicit VR little endian) still sniffs and reads.
    const view = new DataView(withMeta.buffer, withMeta.byteOffset);
    const metaLength = view.getUint32(140, true);
    const datasetOnly = withMeta.subarray(144 + metaLength);
    expect(createHandler().sniff(datasetOnly.subarray(0, 4096))).toBe(true);
    await expect(deid(datasetOnly)).resolves.toBeDefined();
  });
});

describe('sniff', () => {
  const handler = createHandler();
  it('recognises DICM, meta or group 0008 starts, and DICOMDIR by name', () => {
    const valid = writeDicom(baseDataset());
    expect(handler.sniff(valid.subarray(0, 4096))).toBe(true);
    expect(handler.sniff(valid.subarray(132, 4096))).toBe(true);
    expect(handler.sniff(new Uint8Array(10), 'some/dir/DICOMDIR')).toBe(true);
    expect(handler.sniff(new TextEncoder().encode('{"resourceType":"Patient"}'))).toBe(false);
    expect(handler.sniff(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).toBe(false);
    expect(handler.sniff(new Uint8Array(0))).toBe(false);
  });
});

describe('package', () => {
  it('is named as the pipeline expects and its version matches package.json', () => {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as { version: string; name: string };
    expect(pkg.name).toBe('@medimagecleaner/dicom');
    expect(DICOM_PACKAGE_VERSION).toBe(pkg.version);
    expect(createHandler().format).toBe('dicom');
  });

  it('has generated rule tables that match the standards data (run `npm run generate` if this fails)', () => {
    const script = fileURLToPath(new URL('../../../tools/generate-dicom-rules.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
