import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeidOutcome } from '@medimagecleaner/core';
import { context, deid, handler, inspectContext, policy, readDicom, text } from './helpers.js';

const SAMPLES = fileURLToPath(new URL('../../../samples/dicom/', import.meta.url));
const KEY = JSON.parse(readFileSync(join(SAMPLES, '..', 'dicom-answer-key.json'), 'utf8')) as {
  phi: string[];
  keep: { Modality: string[]; Rows: number; Columns: number };
  files: Record<
    string,
    { Modality: string; Rows: number; Columns: number; patient: number; referencesLocalizer?: string }
  >;
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : p.endsWith('.dcm') ? [p] : [];
  });
}

const files = listFiles(SAMPLES)
  .map((p) => relative(SAMPLES, p).split('\\').join('/'))
  .sort();

describe('synthetic samples under the Basic Profile', () => {
  const ctx = context(policy());
  const outcomes = new Map<string, DeidOutcome>();
  beforeAll(async () => {
    for (const f of files)
      outcomes.set(f, await deid(new Uint8Array(readFileSync(join(SAMPLES, f))), ctx, f));
  });

  it('has the answer key for every file', () => {
    expect(files.length).toBe(8);
    expect(Object.keys(KEY.files).sort()).toEqual(files);
  });

  it.each(files)('%s: no injected identifier survives anywhere in the bytes or the path', (f) => {
    const outcome = outcomes.get(f)!;
    const haystack = Buffer.from(outcome.output.data).toString('latin1').toLowerCase();
    for (const phi of KEY.phi) {
      expect({ phi, found: haystack.includes(phi.toLowerCase()) }).toEqual({ phi, found: false });
      expect(outcome.output.relativePath.toLowerCase()).not.toContain(phi.toLowerCase());
    }
  });

  it.each(files)('%s: passes independent verification', async (f) => {
    const outcome = outcomes.get(f)!;
    const findings = await handler.inspect(
      outcome.output.data,
      inspectContext(ctx, outcome.knownIdentifiers),
    );
    expect(findings).toEqual([]);
  });

  it.each(files)('%s: keeps modality, size and pixel data', (f) => {
    const before = readDicom(new Uint8Array(readFileSync(join(SAMPLES, f)))).dict;
    const after = readDicom(outcomes.get(f)!.output.data).dict;
    const expected = KEY.files[f]!;
    expect(text(after, '00080060')).toBe(expected.Modality);
    expect(after['00280010']?.Value?.[0]).toBe(expected.Rows);
    expect(after['00280011']?.Value?.[0]).toBe(expected.Columns);
    const px = (d: typeof after) => Buffer.from(d['7FE00010']!.Value![0] as ArrayBuffer);
    expect(px(after).equals(px(before))).toBe(true);
  });

  it('references to the localizer go under Basic (Referenced Image Sequence: X/Z/U*, Type 3 in the CT IOD)', () => {
    const axial = files.filter((f) => KEY.files[f]!.referencesLocalizer);
    expect(axial.length).toBe(4);
    for (const f of axial) {
      const loc = readDicom(outcomes.get(KEY.files[f]!.referencesLocalizer!)!.output.data).dict;
      const out = readDicom(outcomes.get(f)!.output.data).dict;
      expect(out['00081140']).toBeUndefined();
      expect(text(loc, '00080018')).toMatch(/^2\.25\.\d+$/);
    }
  });

  it('groups each patient under one pseudonymous subject, study and series path', () => {
    const subjects = new Map<number, Set<string>>();
    for (const f of files) {
      const patient = KEY.files[f]!.patient;
      const path = outcomes.get(f)!.output.relativePath;
      expect(path).toMatch(/^[A-Z0-9]{12}\/[A-Z0-9]{12}\/[A-Z0-9]{12}\/[A-Z0-9]{12}\.dcm$/);
      const set = subjects.get(patient) ?? new Set<string>();
      set.add(path.split('/')[0]!);
      subjects.set(patient, set);
    }
    expect([...subjects.values()].map((s) => s.size)).toEqual([1, 1]);
    expect(new Set(files.map((f) => outcomes.get(f)!.output.relativePath)).size).toBe(files.length);
  });
});
