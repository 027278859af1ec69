/**
 * The validation toolkit itself: synthetic cases are deterministic, valid Explicit VR Little Endian
 * files holding what their answer key says; verifyCase finds leaks wherever they are and any change
 * of a must-keep value.
 */
import { describe, expect, it } from '@jest/globals';
import dcmjs from 'dcmjs';
import { resolvePolicyDocument } from '@medimagecleaner/core';
import {
  SYNTHETIC_PLACES,
  makeSyntheticCase,
  parsePart10,
  verifyCase,
  type SyntheticPlace,
} from '../src/index.js';
import { context, deid, readDicom, text, writeDicom } from './helpers.js';

describe('makeSyntheticCase', () => {
  it('writes Explicit VR Little Endian Part 10 files, deterministically, with a JSON answer key', () => {
    const a = makeSyntheticCase();
    const b = makeSyntheticCase();
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const part10 = parsePart10(a.bytes);
    expect(part10.transferSyntax).toBe('1.2.840.10008.1.2.1');
    expect(a.answerKey.places).toEqual(SYNTHETIC_PLACES);
    expect(JSON.parse(JSON.stringify(a.answerKey))).toEqual(a.answerKey);
    expect(a.answerKey.mustKeep.map((m) => m.keyword)).toEqual(
      expect.arrayContaining([
        'Modality',
        'Rows',
        'Columns',
        'BitsAllocated',
        'PixelSpacing',
        'SliceThickness',
        'KVP',
        'ImageType',
        'SOPClassUID',
      ]),
    );
    expect(a.answerKey.pixelDataSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts identifiers only in the places asked for (plus the base patient name, ID and UIDs)', () => {
    const base = makeSyntheticCase({ places: [] });
    expect(new Set(base.answerKey.identifiers.map((i) => i.place))).toEqual(new Set(['base']));
    for (const place of SYNTHETIC_PLACES) {
      const c = makeSyntheticCase({ places: [place] });
      const places = new Set(c.answerKey.identifiers.map((i) => i.place));
      expect(places.has(place)).toBe(true);
      expect([...places].every((p) => p === 'base' || p === place)).toBe(true);
    }
  });

  it('a seed makes another person; bad options are refused', () => {
    const a = makeSyntheticCase({ seed: 0 }).answerKey.identifiers.map((i) => i.value);
    const b = makeSyntheticCase({ seed: 1 }).answerKey.identifiers.map((i) => i.value);
    expect(a.filter((v) => b.includes(v) && /\d/.test(v))).toEqual([]);
    expect(() => makeSyntheticCase({ seed: -1 })).toThrow(RangeError);
    expect(() => makeSyntheticCase({ places: ['pixels' as SyntheticPlace] })).toThrow(
      "unknown synthetic place 'pixels'",
    );
  });

  it('the places hold what they claim (UN elements, private blocks, overlays, file meta)', () => {
    const { bytes } = makeSyntheticCase({ places: ['un-vr', 'private-tags', 'overlays', 'file-meta'] });
    const { meta, dict } = readDicom(bytes);
    expect(dict['00321032']!.vr).not.toBe('UN'); // dcmjs reads a known tag stored as UN by its dictionary VR
    expect(parsePart10(bytes).dataset.find((e) => e.tag === 0x00321032)!.vr).toBe('UN');
    expect(text(dict, '00090010')).toBe('ACME IMAGING 1.0');
    expect(dict['60003000']).toBeDefined();
    expect(text(meta, '00020016')).toBe('ZAWADZKI_WS');
  });
});

describe('verifyCase', () => {
  it('reports an identifier wherever it is left, in any case, Latin-1 or UTF-8', () => {
    const { answerKey } = makeSyntheticCase({ places: [] });
    const family = answerKey.identifiers.find(
      (i) => i.where.includes('PatientName') && /^[A-Z]+$/.test(i.value),
    )!.value;
    const out = writeDicom({
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
      '00204000': { vr: 'LT', Value: [`note about ${family.toLowerCase()}`] },
    });
    expect(verifyCase(out, answerKey).leaked).toContain(family);
  });

  it('reports every must-keep value that changed or went, and the pixels', () => {
    const { bytes, answerKey } = makeSyntheticCase({ places: [] });
    const { meta, dict } = readDicom(bytes);
    dict['00280010'] = { vr: 'US', Value: [8] };
    delete dict['00180060'];
    dict['00280030'] = { vr: 'DS', Value: ['0.5', '0.6'] };
    dict['7FE00010'] = { vr: 'OW', Value: [new Uint16Array(16).buffer] };
    const out = new dcmjs.data.DicomDict(meta);
    out.dict = dict;
    const tampered = new Uint8Array(out.write());
    expect(verifyCase(tampered, answerKey).changed).toEqual(['KVP', 'Rows', 'PixelSpacing', 'PixelData']);
    expect(verifyCase(new Uint8Array([1, 2, 3]), answerKey)).toEqual({ leaked: [], changed: ['unreadable'] });
  });

  it('numbers compare by value (DS written differently is unchanged)', () => {
    const { bytes, answerKey } = makeSyntheticCase({ places: [] });
    const { meta, dict } = readDicom(bytes);
    dict['00180050'] = { vr: 'DS', Value: ['1.250'] };
    const out = new dcmjs.data.DicomDict(meta);
    out.dict = dict;
    expect(verifyCase(new Uint8Array(out.write()), answerKey).changed).toEqual([]);
  });
});

describe('utility under a research-like policy', () => {
  it('keeps cleaned descriptions and shifted dates, not just an empty file', async () => {
    const policy = resolvePolicyDocument({ name: 'research', extends: 'research' });
    const { bytes } = makeSyntheticCase({ places: ['free-text', 'dates', 'sr'] });
    const outcome = await deid(bytes, context(policy));
    const dict = readDicom(outcome.output.data).dict;
    expect(text(dict, '00081030')).toMatch(/^CT CHEST FOR /);
    expect(text(dict, '00204000')).toContain('tolerated contrast well.');
    expect(text(dict, '00080020')).toMatch(/^\d{8}$/);
    const textItem = (dict['0040A730']!.Value![0] as Record<string, { Value?: unknown[] }>)['0040A160']!;
    expect(String(textItem.Value![0])).toMatch(/^Findings discussed with /);
  });
});
