/**
 * The one-call API on the repository's synthetic sample studies (invented patients; the answer key
 * lists every identifier injected into them).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MedImageCleanerError,
  deidentify,
  deidentifyBuffer,
  deidentifyFile,
  loadConfig,
  saveConfig,
} from '../src/index.js';

const SAMPLES = new URL('../../../samples/dicom/', import.meta.url).pathname;
const SLICE = join(SAMPLES, 'DOE_JANE_MRN0012345/CT_CHEST_20240315/AXIAL/MRN0012345_slice_001.dcm');
const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const KEY_HEX = Buffer.from(KEY).toString('hex');

async function answerKeyPhi(): Promise<string[]> {
  const answer = JSON.parse(await readFile(join(SAMPLES, '..', 'dicom-answer-key.json'), 'utf8')) as {
    phi: string[];
  };
  return answer.phi;
}

function expectNoPhi(bytes: Uint8Array, phi: string[]): void {
  const text = Buffer.from(bytes).toString('latin1').toLowerCase();
  for (const value of phi)
    expect({ value, found: text.includes(value.toLowerCase()) }).toEqual({ value, found: false });
}

async function expectCode(call: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  let thrown: unknown;
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MedImageCleanerError);
  expect((thrown as MedImageCleanerError).code).toBe(code);
}

let savedEnvKey: string | undefined;
beforeEach(() => {
  savedEnvKey = process.env['MEDIMAGECLEANER_KEY'];
  delete process.env['MEDIMAGECLEANER_KEY'];
});
afterEach(() => {
  if (savedEnvKey !== undefined) process.env['MEDIMAGECLEANER_KEY'] = savedEnvKey;
});

describe('deidentifyBuffer', () => {
  it('releases a DICOM slice with its confidence, no identifier left, the same bytes for the same key', async () => {
    const input = new Uint8Array(await readFile(SLICE));
    const before = createHash('sha256').update(input).digest('hex');
    const result = await deidentifyBuffer(input, { key: KEY });
    expect(result.status).toBe('released');
    expect(result.format).toBe('dicom');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.error).toBeUndefined();
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.relativePath).toMatch(/\.dcm$/);
    expect(result.subject?.subject).toMatch(/^[A-Z0-9]+$/);
    expectNoPhi(result.bytes ?? new Uint8Array(), await answerKeyPhi());
    expect(createHash('sha256').update(input).digest('hex')).toBe(before);
    const again = await deidentifyBuffer(input, { key: KEY_HEX });
    expect(Buffer.from(again.bytes ?? []).equals(Buffer.from(result.bytes ?? []))).toBe(true);
  });

  it('quarantines bytes no handler recognises, and empty input, with stable codes and confidence 0', async () => {
    const junk = await deidentifyBuffer(new Uint8Array([0x00, 0x01, 0xff, 0x10, 0x80]), { key: KEY });
    expect(junk).toMatchObject({
      status: 'quarantined',
      confidence: 0,
      error: { code: 'E_UNSUPPORTED_FORMAT' },
    });
    expect(junk.bytes).toBeUndefined();
    const empty = await deidentifyBuffer(new Uint8Array(0), { key: KEY });
    expect(empty).toMatchObject({ status: 'quarantined', error: { code: 'E_EMPTY_FILE' } });
  });

  it('throws typed errors for bad arguments, a missing key and an unknown profile', async () => {
    const bytes = new Uint8Array(await readFile(SLICE));
    await expectCode(deidentifyBuffer('not bytes' as unknown as Uint8Array, { key: KEY }), 'E_USAGE');
    await expectCode(deidentifyBuffer(bytes, { key: KEY, profile: 'basic', config: 'x.yaml' }), 'E_USAGE');
    await expectCode(deidentifyBuffer(bytes), 'E_KEY_INVALID');
    await expectCode(deidentifyBuffer(bytes, { key: new Uint8Array(8) }), 'E_KEY_INVALID');
    await expectCode(deidentifyBuffer(bytes, { key: KEY, profile: 'no-such-profile' }), 'E_POLICY_NOT_FOUND');
  });
});

describe('deidentifyFile', () => {
  it('writes a released file to the output path, leaves the input as it was, and refuses to write over it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-api-'));
    const keyFile = join(dir, 'project.key');
    await writeFile(keyFile, `${KEY_HEX}\n`, { mode: 0o600 });
    const before = await readFile(SLICE);
    const out = join(dir, 'nested', 'slice.dcm');
    const result = await deidentifyFile(SLICE, out, { keyFile, profile: 'longitudinal' });
    expect(result).toMatchObject({ status: 'released', format: 'dicom', outputPath: out });
    const written = await readFile(out);
    expect(written.equals(Buffer.from(result.bytes ?? []))).toBe(true);
    expectNoPhi(
      written,
      (await answerKeyPhi()).filter((v) => !/^\d{8}$/.test(v)),
    );
    expect((await readFile(SLICE)).equals(before)).toBe(true);

    await expectCode(deidentifyFile(SLICE, SLICE, { keyFile }), 'E_OUTPUT_INSIDE_INPUT');
    await expectCode(deidentifyFile(join(dir, 'missing.dcm'), undefined, { keyFile }), 'E_INPUT_NOT_FOUND');
    const inMemory = await deidentifyFile(SLICE, undefined, { keyFile });
    expect(inMemory.outputPath).toBeUndefined();
    expect(inMemory.status).toBe('released');
  });
});

describe('deidentify (batch)', () => {
  it('de-identifies the sample folder into an output folder and returns the run report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-api-batch-'));
    const out = join(dir, 'out');
    const report = await deidentify(SAMPLES, out, { key: KEY, concurrency: 1 });
    expect(report.counts).toMatchObject({ discovered: 8, released: 8, quarantined: 0 });
    expect(report.policy.name).toBe('basic');
    expect(report.key.source).toBe('option');
    const phi = await answerKeyPhi();
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile() && e.name.endsWith('.dcm'),
    );
    expect(files).toHaveLength(8);
    for (const f of files) {
      expect(phi.some((v) => join(f.parentPath, f.name).slice(out.length).includes(v))).toBe(false);
      expectNoPhi(await readFile(join(f.parentPath, f.name)), phi);
    }
    await expectCode(deidentify([], out, { key: KEY }), 'E_USAGE');
  });
});

describe('saveConfig / loadConfig', () => {
  it('saves a policy document or file as a named profile, loads it back resolved, and uses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-api-config-'));
    const profilesDir = join(dir, 'profiles');
    const path = saveConfig(
      'site-research',
      { name: 'site-research', extends: 'research', options: { retainDeviceIdentity: false } },
      { profilesDir },
    );
    expect(path).toBe(join(profilesDir, 'site-research.yaml'));
    const policy = loadConfig('site-research', { profilesDir });
    expect(policy.chain).toEqual(['basic', 'research', 'site-research']);
    expect(policy.options.retainDeviceIdentity).toBe(false);
    expect(policy.options.retainPatientCharacteristics).toBe(true);

    await writeFile(
      join(dir, 'trial.yaml'),
      'name: trial\nextends: longitudinal\nsubject:\n  key: [PatientID, IssuerOfPatientID]\n',
    );
    saveConfig('trial', join(dir, 'trial.yaml'), { profilesDir });
    expect(loadConfig('trial', { profilesDir }).subject.key).toEqual(['PatientID', 'IssuerOfPatientID']);
    expect(loadConfig(join(dir, 'trial.yaml')).name).toBe('trial');

    const bytes = new Uint8Array(await readFile(SLICE));
    const viaProfile = await deidentifyBuffer(bytes, { key: KEY, profile: 'site-research', profilesDir });
    const viaPolicy = await deidentifyBuffer(bytes, { key: KEY, policy });
    expect(viaProfile.status).toBe('released');
    expect(Buffer.from(viaProfile.bytes ?? []).equals(Buffer.from(viaPolicy.bytes ?? []))).toBe(true);

    await expectCode(() => saveConfig('basic', { name: 'basic' }, { profilesDir }), 'E_POLICY_INVALID');
    await expectCode(
      () => saveConfig('bad', { name: 'bad', options: { noSuchOption: true } } as never, { profilesDir }),
      'E_POLICY_INVALID',
    );
    await expectCode(() => saveConfig('again', policy as never, { profilesDir }), 'E_USAGE');
    await expectCode(() => loadConfig('never-saved', { profilesDir }), 'E_POLICY_NOT_FOUND');
  });
});
