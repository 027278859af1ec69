/**
 * `medimagecleaner wizard` as a user meets it: the built CLI under a pseudo-terminal (python3's `pty`
 * module drives it), answering prompts and checking the files it writes with the real policy loader.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadPolicy } from '@medimagecleaner/core';
import { createHandler as createDicomHandler } from '@medimagecleaner/dicom';
import { createHandler as createTextHandler } from '@medimagecleaner/text';

const CLI = new URL('../dist/bin.js', import.meta.url).pathname;
const DRIVER = new URL('./pty-driver.py', import.meta.url).pathname;
const SAMPLE = new URL(
  '../../../samples/dicom/ROE_RICHARD_MRN0098765/MR_BRAIN_20240402/ROE_RICHARD_MRN0098765_1.dcm',
  import.meta.url,
).pathname;
const KEY_HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

interface Step {
  expect: string;
  send: string;
}

interface PtyRun {
  code: number;
  output: string;
  timedOut: number | null;
}

/** Runs `medimagecleaner <args>` in `cwd` under a pseudo-terminal, answering `steps`. */
async function runUnderPty(cwd: string, args: string[], steps: Step[]): Promise<PtyRun> {
  const stepsFile = join(await mkdtemp(join(tmpdir(), 'mic-wizard-steps-')), 'steps.json');
  await writeFile(stepsFile, JSON.stringify(steps));
  const run = spawnSync('python3', [DRIVER, stepsFile, process.execPath, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      TERM: 'dumb',
      MEDIMAGECLEANER_PROFILES_DIR: join(cwd, '.profiles'),
    },
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as PtyRun;
}

async function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mic-wizard-'));
}

const handlers = [createDicomHandler(), createTextHandler()];

describe('medimagecleaner wizard under a pseudo-terminal', () => {
  it('asks each question with its default, writes the chosen policy and a 0600 key, and runs a sample', async () => {
    const dir = await workspace();
    await mkdir(join(dir, 'scans'));
    await copyFile(SAMPLE, join(dir, 'scans', 'one.dcm'));
    const run = await runUnderPty(
      dir,
      ['wizard'],
      [
        { expect: 'Formats (numbers or names, comma-separated) [dicom]: ', send: '1,text\r' },
        { expect: 'Purpose [research]: ', send: 'trial\r' },
        { expect: 'Dates (shift/remove) [shift]: ', send: '\r' },
        { expect: 'Keep device identity (yes/no) [no]: ', send: 'perhaps\r' },
        { expect: 'answer yes or no', send: 'y\r' },
        { expect: 'Keep safe private attributes (yes/no) [no]: ', send: 'yes\r' },
        { expect: 'Descriptions (clean/remove) [remove]: ', send: 'clean\r' },
        { expect: 'Subject key [patient-id]: ', send: '2\r' },
        { expect: 'Policy file [medimagecleaner-policy.yaml]: ', send: 'site.yaml\r' },
        { expect: 'Key file [medimagecleaner.key]: ', send: '\r' },
        { expect: 'Run on a sample (yes/no) [no]: ', send: 'yes\r' },
        { expect: 'Folder to de-identify [samples/dicom]: ', send: 'scans\r' },
        { expect: 'Output folder [deidentified-sample]: ', send: '\r' },
      ],
    );
    expect(run.timedOut).toBeNull();
    expect(run.code).toBe(0);
    expect(run.output).toContain("a clinical trial: the 'longitudinal' profile");
    expect(run.output).toContain('-> subject key: PatientID + IssuerOfPatientID');
    expect(run.output).toContain(
      'medimagecleaner deidentify scans -o deidentified-sample -c site.yaml -k medimagecleaner.key',
    );

    const text = await readFile(join(dir, 'site.yaml'), 'utf8');
    expect(text).toMatch(
      /# Dates: shifted by one keyed offset per subject.*\n\s+retainLongitudinalModifiedDates: true/,
    );
    expect(text).toMatch(/# Device identity kept.*\n\s+retainDeviceIdentity: true/);
    const doc = parseYaml(text) as Record<string, unknown>;
    expect(doc['extends']).toBe('longitudinal');
    const policy = loadPolicy(join(dir, 'site.yaml'), { handlers, cwd: dir });
    expect(policy.chain).toEqual(['basic', 'longitudinal', 'wizard-trial']);
    expect(policy.options).toMatchObject({
      retainLongitudinalModifiedDates: true,
      retainDeviceIdentity: true,
      retainSafePrivate: true,
      cleanDescriptors: true,
    });
    expect(policy.subject.key).toEqual(['PatientID', 'IssuerOfPatientID']);
    expect(policy.dateShiftDays).toEqual({ min: -1095, max: -1 });
    expect(policy.formats['dicom']).toMatchObject({ burnedInAnnotation: 'quarantine' });
    expect(policy.text.replacement).toBe('placeholder');

    expect((await stat(join(dir, 'medimagecleaner.key'))).mode & 0o777).toBe(0o600);
    const released = await readdir(join(dir, 'deidentified-sample'), { recursive: true });
    expect(released.some((f) => f.endsWith('.dcm'))).toBe(true);
  });

  it('writes nothing when the input ends mid-way (exit 2) or on Ctrl-C (exit 130)', async () => {
    for (const [stop, code] of [
      ['\u0004', 2],
      ['\u0003', 130],
    ] as const) {
      const dir = await workspace();
      const run = await runUnderPty(
        dir,
        ['wizard'],
        [
          { expect: 'Formats (numbers or names, comma-separated) [dicom]: ', send: '\r' },
          { expect: 'Purpose [research]: ', send: 'basic\r' },
          { expect: 'Dates (shift/remove) [remove]: ', send: stop },
        ],
      );
      expect(run.timedOut).toBeNull();
      expect(run.code).toBe(code);
      expect(run.output).toContain('nothing was written');
      expect(await readdir(dir)).toEqual([]);
    }
  });
});

describe('medimagecleaner wizard --yes', () => {
  it('takes every default, reuses an existing key untouched, and refuses to replace a policy without --force', async () => {
    const dir = await workspace();
    await writeFile(join(dir, 'project.key'), `${KEY_HEX}\n`, { mode: 0o600 });
    const args = ['wizard', '--yes', '--out', 'policy.yaml', '--key-file', 'project.key'];
    const first = await runUnderPty(dir, args, []);
    expect(first.code).toBe(0);
    expect(first.output).toContain('reusing the project key in project.key');
    expect(await readFile(join(dir, 'project.key'), 'utf8')).toBe(`${KEY_HEX}\n`);
    const policy = loadPolicy(join(dir, 'policy.yaml'), { handlers, cwd: dir });
    expect(policy.chain).toEqual(['basic', 'research', 'wizard-research']);
    expect(policy.options).toMatchObject({
      retainLongitudinalModifiedDates: true,
      retainDeviceIdentity: true,
      retainSafePrivate: false,
      cleanDescriptors: true,
    });
    expect(policy.subject.key).toEqual(['PatientID']);
    expect(first.output).toContain(
      'medimagecleaner deidentify <folder> -o <output folder> -c policy.yaml -k project.key',
    );

    await writeFile(join(dir, 'policy.yaml'), 'name: mine\n');
    const refused = await runUnderPty(dir, args, []);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('pass --force to replace it');
    expect(await readFile(join(dir, 'policy.yaml'), 'utf8')).toBe('name: mine\n');

    const forced = await runUnderPty(dir, [...args, '--force'], []);
    expect(forced.code).toBe(0);
    expect(loadPolicy(join(dir, 'policy.yaml'), { handlers, cwd: dir }).name).toBe('wizard-research');
    expect((await readdir(dir)).sort()).toEqual(['policy.yaml', 'project.key']);
  });

  it('creates a new key file with mode 0600 when none exists', async () => {
    const dir = await workspace();
    const run = await runUnderPty(dir, ['wizard', '--yes', '--out', 'p.yaml', '--key-file', 'new.key'], []);
    expect(run.code).toBe(0);
    expect((await stat(join(dir, 'new.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, 'new.key'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});
