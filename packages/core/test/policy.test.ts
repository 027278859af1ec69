import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BUILTIN_PROFILES,
  CORE_VERSION,
  ErrorCodes,
  listProfiles,
  loadPolicy,
  resolvePolicyDocument,
  saveProfile,
  PolicyError,
  type FormatHandler,
} from '../src/index.js';
import { tempDir } from './helpers.js';

const fakeSchemaHandler = {
  format: 'dicom',
  policySchema: {
    type: 'object',
    additionalProperties: false,
    properties: { burnedInAnnotation: { enum: ['quarantine', 'accept'] } },
  },
} as unknown as FormatHandler;

describe('policy', () => {
  it('resolves built-in profiles with defaults and a stable hash', () => {
    const basic = resolvePolicyDocument(BUILTIN_PROFILES['basic']);
    expect(basic.options.retainLongitudinalModifiedDates).toBe(false);
    expect(basic.chain).toEqual(['basic']);
    expect(basic.hash).toMatch(/^[0-9a-f]{64}$/);
    const research = resolvePolicyDocument(BUILTIN_PROFILES['research']);
    expect(research.chain).toEqual(['basic', 'research']);
    expect(research.options.cleanDescriptors).toBe(true);
    expect(research.hash).not.toBe(basic.hash);
  });

  it('hashes by content, not key order', () => {
    const a = resolvePolicyDocument({ name: 'p', options: { cleanDescriptors: true, retainUIDs: true } });
    const b = resolvePolicyDocument({ options: { retainUIDs: true, cleanDescriptors: true }, name: 'p' });
    expect(a.hash).toBe(b.hash);
  });

  it.each([
    [{ name: 'x', unknownKey: 1 }, "unknown key 'unknownKey'"],
    [{ name: 'x', options: { retainEverything: true } }, "unknown key 'retainEverything'"],
    [{ name: 'x', options: { retainUIDs: 'yes' } }, 'must be boolean'],
    [{ name: 'x', extends: 'no-such-profile' }, 'no built-in profile'],
    [{ name: 'x', pseudonyms: { dateShiftDays: { min: 5, max: 1 } } }, 'min <= max'],
    [
      { name: 'x', options: { retainLongitudinalFullDates: true, retainLongitudinalModifiedDates: true } },
      'exclude each other',
    ],
    [{ description: 'no name' }, "must have required property 'name'"],
  ])('rejects an invalid document %j', (doc, message) => {
    expect(() => resolvePolicyDocument(doc)).toThrow(
      expect.objectContaining({ message: expect.stringContaining(message) }),
    );
  });

  it('validates format sections with the handler schema, and refuses formats nobody handles', () => {
    const handlers = [fakeSchemaHandler];
    expect(
      resolvePolicyDocument({ name: 'x', formats: { dicom: { burnedInAnnotation: 'accept' } } }, { handlers })
        .formats,
    ).toEqual({
      dicom: { burnedInAnnotation: 'accept' },
    });
    expect(() =>
      resolvePolicyDocument(
        { name: 'x', formats: { dicom: { burnedInAnnotation: 'sometimes' } } },
        { handlers },
      ),
    ).toThrow(
      expect.objectContaining({
        code: ErrorCodes.POLICY_INVALID,
        message: expect.stringContaining('must be one of'),
      }),
    );
    expect(() => resolvePolicyDocument({ name: 'x', formats: { dicom: { typo: 1 } } }, { handlers })).toThrow(
      /unknown key 'typo'/,
    );
    expect(() => resolvePolicyDocument({ name: 'x', formats: { tiff: {} } }, { handlers })).toThrow(
      /no handler for format 'tiff'/,
    );
  });

  it('loads YAML and JSON files, layers extends (later wins) and detects cycles', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'base.yaml'),
      'name: base\nextends: longitudinal\noptions:\n  retainDeviceIdentity: true\n',
    );
    await writeFile(
      join(dir, 'site.json'),
      JSON.stringify({
        name: 'site',
        extends: './base.yaml',
        options: { retainDeviceIdentity: false, cleanDescriptors: true },
      }),
    );
    const policy = loadPolicy(join(dir, 'site.json'));
    expect(policy.chain).toEqual(['basic', 'longitudinal', 'base', 'site']);
    expect(policy.options).toMatchObject({
      retainLongitudinalModifiedDates: true,
      retainDeviceIdentity: false,
      cleanDescriptors: true,
    });

    await writeFile(join(dir, 'a.yaml'), 'name: a\nextends: ./b.yaml\n');
    await writeFile(join(dir, 'b.yaml'), 'name: b\nextends: ./a.yaml\n');
    expect(() => loadPolicy(join(dir, 'a.yaml'))).toThrow(
      expect.objectContaining({ code: ErrorCodes.POLICY_CYCLE }),
    );

    await writeFile(join(dir, 'bad.yaml'), 'name: x\nname: y\n');
    expect(() => loadPolicy(join(dir, 'bad.yaml'))).toThrow(
      expect.objectContaining({ code: ErrorCodes.POLICY_INVALID }),
    );
    expect(() => loadPolicy(join(dir, 'missing.yaml'))).toThrow(
      expect.objectContaining({ code: ErrorCodes.POLICY_NOT_FOUND }),
    );
  });

  it('saves, lists and loads named profiles, refusing built-in names', async () => {
    const dir = await tempDir();
    const path = saveProfile(dir, 'hospital', {
      name: 'hospital',
      extends: 'research',
      options: { retainUIDs: true },
    });
    expect(readFileSync(path, 'utf8')).toContain('retainUIDs: true');
    expect(listProfiles(dir).map((p) => `${p.kind}:${p.name}`)).toEqual([
      'builtin:basic',
      'builtin:longitudinal',
      'builtin:research',
      'saved:hospital',
    ]);
    const policy = loadPolicy('hospital', { profilesDir: dir });
    expect(policy.chain).toEqual(['basic', 'research', 'hospital']);
    expect(() => saveProfile(dir, 'basic', { name: 'basic' })).toThrow(/built-in/);
    expect(() => saveProfile(dir, '../escape', { name: 'x' })).toThrow(/profile names/);
    expect(() => saveProfile(dir, 'ok', { name: 'x', bogus: true })).toThrow(/unknown key 'bogus'/);
  });

  it('keeps CORE_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(CORE_VERSION).toBe(pkg.version);
  });
});

describe('handler policy checks', () => {
  it('runs each handler validatePolicy on the resolved policy, so semantic errors are load errors', () => {
    const seen: string[] = [];
    const strict = {
      ...fakeSchemaHandler,
      validatePolicy(p: { name: string; formats: Record<string, Record<string, unknown>> }) {
        seen.push(p.name);
        if (p.formats['dicom']?.['burnedInAnnotation'] === 'accept') {
          throw new PolicyError(ErrorCodes.POLICY_INVALID, 'accept is not allowed here');
        }
      },
    } as unknown as FormatHandler;
    expect(resolvePolicyDocument({ name: 'ok' }, { handlers: [strict] }).name).toBe('ok');
    expect(seen).toEqual(['ok']);
    expect(() =>
      resolvePolicyDocument(
        { name: 'no', formats: { dicom: { burnedInAnnotation: 'accept' } } },
        { handlers: [strict] },
      ),
    ).toThrow(/accept is not allowed here/);
  });
});
