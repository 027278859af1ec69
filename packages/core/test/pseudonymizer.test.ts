import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createPseudonymizer,
  ErrorCodes,
  loadKey,
  parseKey,
  writeNewKeyFile,
  KEY_ENV_VAR,
  MedImageCleanerError,
} from '../src/index.js';
import { TEST_KEY, tempDir } from './helpers.js';

const UID_PATTERN = /^2\.25\.(0|[1-9][0-9]*)$/;

describe('createPseudonymizer', () => {
  const p = createPseudonymizer(TEST_KEY);

  it('gives valid 2.25 UIDs of at most 64 characters, stable per input', () => {
    const uid = p.uid('1.2.840.113619.2.55.3.604688119.969.1268071029.320');
    expect(uid).toMatch(UID_PATTERN);
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(p.uid('1.2.840.113619.2.55.3.604688119.969.1268071029.320')).toBe(uid);
    expect(p.uid('1.2.3')).not.toBe(uid);
  });

  it('has no collisions over 10^6 inputs for uid() and id()', () => {
    const uids = new Set<string>();
    const ids = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) {
      uids.add(p.uid(`1.2.826.0.1.3680043.${i}`));
      ids.add(p.id('patient-id', `MRN${i}`));
    }
    expect(uids.size).toBe(1_000_000);
    expect(ids.size).toBe(1_000_000);
  });

  it('separates namespaces and keys', () => {
    expect(p.id('patient-id', 'A')).not.toBe(p.id('accession', 'A'));
    const other = createPseudonymizer(new Uint8Array(32).fill(1));
    expect(other.id('patient-id', 'A')).not.toBe(p.id('patient-id', 'A'));
    expect(other.uid('1.2.3')).not.toBe(p.uid('1.2.3'));
  });

  it('gives non-zero date offsets inside the configured range, the same for one subject', () => {
    const q = createPseudonymizer(TEST_KEY, { dateShiftDays: { min: -10, max: 10 } });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const d = q.dateOffsetDays(`subject-${i}`);
      expect(d).not.toBe(0);
      expect(d).toBeGreaterThanOrEqual(-10);
      expect(d).toBeLessThanOrEqual(10);
      seen.add(d);
    }
    expect(seen.size).toBe(20);
    expect(q.dateOffsetDays('subject-1')).toBe(q.dateOffsetDays('subject-1'));
  });

  it('gives DICOM PN style fake names', () => {
    const name = p.name('MRN0012345');
    expect(name).toMatch(/^[A-Z]+[A-Z0-9]{6}\^[A-Z]+$/);
    expect(p.name('MRN0012345')).toBe(name);
  });

  it('gives the same pseudonyms in two separate processes', () => {
    const script = `
      import { createPseudonymizer } from '@medimagecleaner/core';
      const p = createPseudonymizer(Buffer.from(process.argv[1], 'hex'));
      console.log(JSON.stringify([p.uid('1.2.3.4'), p.id('patient-id', 'MRN1'), p.name('MRN1'), p.dateOffsetDays('MRN1'), p.hash('x', 'y')]));`;
    const run = (): string =>
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', script, Buffer.from(TEST_KEY).toString('hex')],
        {
          env: { ...process.env, NODE_OPTIONS: '' },
        },
      ).toString();
    const first = run();
    expect(run()).toBe(first);
    expect(JSON.parse(first)).toEqual([
      p.uid('1.2.3.4'),
      p.id('patient-id', 'MRN1'),
      p.name('MRN1'),
      p.dateOffsetDays('MRN1'),
      p.hash('x', 'y'),
    ]);
  });

  it('refuses short keys', () => {
    expect(() => createPseudonymizer(new Uint8Array(16))).toThrow(MedImageCleanerError);
  });
});

describe('project keys', () => {
  it('parses hex and base64, refuses short or malformed keys', () => {
    expect(parseKey(Buffer.from(TEST_KEY).toString('hex'))).toEqual(Buffer.from(TEST_KEY));
    expect(parseKey(Buffer.from(TEST_KEY).toString('base64'))).toEqual(Buffer.from(TEST_KEY));
    expect(() => parseKey('abcd')).toThrow(expect.objectContaining({ code: ErrorCodes.KEY_INVALID }));
    expect(() => parseKey('not a key at all!')).toThrow(
      expect.objectContaining({ code: ErrorCodes.KEY_INVALID }),
    );
  });

  it('refuses keys that are not random: all zeros, one repeated byte, a short repeated pattern', () => {
    for (const text of [
      '00'.repeat(32),
      'ab'.repeat(32),
      '0102'.repeat(16),
      Buffer.alloc(32, 7).toString('base64'),
    ])
      expect(() => parseKey(text)).toThrow(expect.objectContaining({ code: ErrorCodes.KEY_INVALID }));
  });

  it('generates a 0600 key file when none is given, reuses it, and never overwrites it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'project.key');
    const first = await loadKey({ env: {}, defaultKeyFile: path });
    expect(first.source).toBe('generated');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await loadKey({ env: {}, defaultKeyFile: path });
    expect(second.source).toBe('file');
    expect(second.key).toEqual(first.key);
    expect(second.fingerprint).toBe(first.fingerprint);
    await expect(writeNewKeyFile(path)).rejects.toMatchObject({ code: ErrorCodes.KEY_INVALID });
    expect((await readFile(path, 'utf8')).trim()).toBe(Buffer.from(first.key).toString('hex'));
  });

  it('prefers --key-file, then the environment, and fails without either when no default is allowed', async () => {
    const hex = Buffer.from(TEST_KEY).toString('hex');
    const fromEnv = await loadKey({ env: { [KEY_ENV_VAR]: hex } });
    expect(fromEnv.source).toBe('env');
    await expect(loadKey({ env: {} })).rejects.toMatchObject({ code: ErrorCodes.KEY_INVALID });
    const dir = await tempDir();
    await expect(loadKey({ keyFile: join(dir, 'missing.key'), env: {} })).rejects.toMatchObject({
      code: ErrorCodes.KEY_INVALID,
    });
  });
});
