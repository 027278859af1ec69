/**
 * Issue 11, "a first run that just works": each rough edge a new user met, run through the real CLI.
 */
import { describe, expect, it } from '@jest/globals';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/index.js';
import { capture, files } from './helpers.js';

const SAMPLES = new URL('../../../samples/dicom/', import.meta.url).pathname;
const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function workspace(): Promise<{ dir: string; keyFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mic-first-'));
  const keyFile = join(dir, 'project.key');
  await writeFile(keyFile, `${KEY_HEX}\n`, { mode: 0o600 });
  return { dir, keyFile };
}

async function dicomCount(): Promise<number> {
  return (await files(SAMPLES)).filter((f) => f.endsWith('.dcm')).length;
}

describe('verify uses the policy the run recorded', () => {
  it('checks a research run against research (no false FAILs), lets -p override, and says when it falls back to basic', async () => {
    const { dir, keyFile } = await workspace();
    const out = join(dir, 'out');
    const run = capture(dir);
    expect(
      await main(['deidentify', SAMPLES, '-o', out, '-p', 'research', '--key-file', keyFile, '-q'], run.io),
    ).toBe(0);

    // the resolved policy is recorded beside the journal, and the key is not
    const state = join(out, '.medimagecleaner');
    const recorded = JSON.parse(await readFile(join(state, 'policy.json'), 'utf8'));
    expect(recorded.chain).toEqual(['basic', 'research']);
    expect(recorded.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const name of await readdir(state))
      expect(await readFile(join(state, name), 'utf8')).not.toContain(KEY_HEX);

    const v = capture(dir);
    expect(await main(['verify', out], v.io)).toBe(0);
    expect(v.out()).not.toContain('FAIL');
    expect(v.out()).toContain(`verified ${await dicomCount()} file(s): ${await dicomCount()} clean`);
    expect(v.err()).toBe('');

    // an explicit profile overrides the record: research keeps what basic forbids
    const basic = capture(dir);
    expect(await main(['verify', out, '-p', 'basic'], basic.io)).toBe(1);
    expect(basic.out()).toContain('FAIL');

    // no record and no option: basic, said on stderr
    const bare = join(dir, 'bare');
    await mkdir(bare);
    for (const f of (await files(out)).filter((p) => p.endsWith('.dcm')).slice(0, 1))
      await cp(f, join(bare, 'one.dcm'));
    const fallback = capture(dir);
    await main(['verify', bare], fallback.io);
    expect(fallback.err()).toContain("checking against the 'basic' profile");

    // a record edited by hand is refused, not trusted
    recorded.options.retainUIDs = !recorded.options.retainUIDs;
    await writeFile(join(state, 'policy.json'), JSON.stringify(recorded));
    const tampered = capture(dir);
    expect(await main(['verify', out], tampered.io)).toBe(2);
    expect(tampered.err()).toContain('does not match its hash');
  });
});

describe('mistyped inputs and folders', () => {
  it('names a missing input, exits 2 and creates nothing, so the corrected command just works', async () => {
    const { dir, keyFile } = await workspace();
    const out = join(dir, 'out');
    const c = capture(dir);
    expect(await main(['deidentify', 'scnas', '-o', out, '--key-file', keyFile], c.io)).toBe(2);
    expect(c.err()).toContain('E_INPUT_NOT_FOUND');
    expect(c.err()).toContain('scnas');
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(`${out}-quarantine`)).rejects.toMatchObject({ code: 'ENOENT' });

    const missingList = capture(dir);
    expect(await main(['deidentify', '@nolist.txt', '-o', out, '--key-file', keyFile], missingList.io)).toBe(
      2,
    );
    expect(missingList.err()).toContain('nolist.txt');

    // no key was given either: none is generated for a command that cannot run
    const noKey = capture(dir);
    expect(await main(['deidentify', 'scnas', '-o', out], noKey.io)).toBe(2);
    await expect(stat(join(dir, 'medimagecleaner.key'))).rejects.toMatchObject({ code: 'ENOENT' });

    const fixed = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', out, '--key-file', keyFile, '-q'], fixed.io)).toBe(0);
  });

  it('verify on a missing folder exits 2 and names it', async () => {
    const { dir } = await workspace();
    const c = capture(dir);
    expect(await main(['verify', 'relased'], c.io)).toBe(2);
    expect(c.err()).toContain('relased');
    expect(c.err()).toContain('E_INPUT_NOT_FOUND');
  });

  it('an output path under a regular file is a typed error (E_OUTPUT_UNWRITABLE, exit 2), not an internal one', async () => {
    const { dir, keyFile } = await workspace();
    await writeFile(join(dir, 'notes.txt'), 'a file, not a folder\n');
    for (const output of ['notes.txt/out', 'notes.txt']) {
      const c = capture(dir);
      expect(await main(['deidentify', SAMPLES, '-o', output, '--key-file', keyFile], c.io)).toBe(2);
      expect(c.err()).toContain('E_OUTPUT_UNWRITABLE');
      expect(c.err()).toContain(output);
      expect(c.err()).not.toContain('internal error');
    }
    const q = capture(dir);
    expect(
      await main(
        ['deidentify', SAMPLES, '-o', 'out', '--quarantine', 'notes.txt/q', '--key-file', keyFile],
        q.io,
      ),
    ).toBe(2);
    expect(q.err()).toContain('E_OUTPUT_UNWRITABLE');
    await expect(stat(join(dir, 'out'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // root may write anywhere: the permission case can only be shown as another user
  if (!isRoot)
    it('a folder without write permission is E_OUTPUT_UNWRITABLE too (not as root)', async () => {
      const { dir, keyFile } = await workspace();
      const locked = join(dir, 'locked');
      await mkdir(locked, { mode: 0o500 });
      await chmod(locked, 0o500);
      const c = capture(dir);
      expect(
        await main(['deidentify', SAMPLES, '-o', join(locked, 'out'), '--key-file', keyFile], c.io),
      ).toBe(2);
      expect(c.err()).toContain('E_OUTPUT_UNWRITABLE');
      await chmod(locked, 0o700);
    });
});

describe('project keys', () => {
  it('refuses an all-zero or one-byte key (exit 2), from a file or the environment', async () => {
    const { dir } = await workspace();
    await writeFile(join(dir, 'zero.key'), `${'00'.repeat(32)}\n`, { mode: 0o600 });
    const c = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', 'out', '--key-file', 'zero.key'], c.io)).toBe(2);
    expect(c.err()).toContain('E_KEY_INVALID');
    expect(c.err()).toContain('not random');
    const e = capture(dir, { MEDIMAGECLEANER_KEY: 'ab'.repeat(32) });
    expect(await main(['deidentify', SAMPLES, '-o', 'out'], e.io)).toBe(2);
    expect(e.err()).toContain('E_KEY_INVALID');
    await expect(stat(join(dir, 'out'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('warns (without failing) about a key file others can read, and writes new key files 0600', async () => {
    const { dir, keyFile } = await workspace();
    await chmod(keyFile, 0o644);
    const c = capture(dir);
    expect(
      await main(['deidentify', SAMPLES, '-o', 'out', '--key-file', keyFile, '--no-progress'], c.io),
    ).toBe(0);
    expect(c.err()).toContain('warning: the key file');
    expect(c.err()).toContain('chmod 600');

    await chmod(keyFile, 0o600);
    const quiet = capture(dir);
    expect(
      await main(['deidentify', SAMPLES, '-o', 'out2', '--key-file', keyFile, '--no-progress'], quiet.io),
    ).toBe(0);
    expect(quiet.err()).not.toContain('warning');

    const g = capture(dir);
    expect(await main(['key', 'generate', '-o', 'new.key'], g.io)).toBe(0);
    expect((await stat(join(dir, 'new.key'))).mode & 0o777).toBe(0o600);
  });
});

describe('--quiet and --verbose', () => {
  it('-q prints nothing on success; -v prints one line per item by id, never a path', async () => {
    const { dir, keyFile } = await workspace();
    const q = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', 'q', '--key-file', keyFile, '-q'], q.io)).toBe(0);
    expect(q.out()).toBe('');
    expect(q.err()).toBe('');

    const v = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', 'v', '--key-file', keyFile, '-v'], v.io)).toBe(0);
    const lines = v.err().trim().split('\n');
    expect(lines).toHaveLength(await dicomCount());
    for (const line of lines) expect(line).toMatch(/^item i[0-9a-f]+ released \(dicom\)$/);
    expect(v.err()).not.toContain(SAMPLES);
    expect(v.err()).not.toMatch(/DOE|ROE|MRN/);
    expect(v.out()).toContain('released');

    const both = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', 'b', '--key-file', keyFile, '-q', '-v'], both.io)).toBe(
      2,
    );
  });

  it('-q still prints errors; the quarantine folder takes the long option --quarantine', async () => {
    const { dir, keyFile } = await workspace();
    const input = join(dir, 'in');
    await cp(SAMPLES, input, { recursive: true });
    const sample = (await files(input)).find((f) => f.endsWith('.dcm'))!;
    await writeFile(join(input, 'cut-short.dcm'), (await readFile(sample)).subarray(0, 400));
    const c = capture(dir);
    expect(
      await main(
        ['deidentify', input, '-o', 'out', '--quarantine', 'held', '--key-file', keyFile, '-q'],
        c.io,
      ),
    ).toBe(1);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/quarantined i[0-9a-f]+: E_PARSE_FAILED/);
    expect(c.err()).not.toContain('cut-short');
    expect(await readdir(join(dir, 'held'))).toHaveLength(1);
  });
});

describe('unrecognised files inside input folders', () => {
  async function mixedFolder(dir: string): Promise<string> {
    const input = join(dir, 'in');
    await cp(SAMPLES, input, { recursive: true });
    await writeFile(join(input, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0]));
    await writeFile(join(input, 'thumb.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    await writeFile(join(input, 'empty.dcm'), Buffer.alloc(0));
    return input;
  }

  it('are skipped by default: counted (no paths) in the report and summary, exit code unchanged', async () => {
    const { dir, keyFile } = await workspace();
    const input = await mixedFolder(dir);
    const c = capture(dir);
    expect(
      await main(['deidentify', input, '-o', 'out', '--key-file', keyFile, '--report', 'r.json', '-q'], c.io),
    ).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(report.counts.skipped).toBe(3);
    expect(report.counts.released).toBe(await dicomCount());
    expect(report.counts.quarantined).toBe(0);
    expect(report.counts.discovered).toBe((await dicomCount()) + 3);
    expect(JSON.stringify(report)).not.toMatch(/DS_Store|thumb|empty\.dcm/);
    await expect(stat(join(dir, 'out-quarantine'))).rejects.toMatchObject({ code: 'ENOENT' });

    const s = capture(dir);
    expect(
      await main(['deidentify', input, '-o', 'out2', '--key-file', keyFile, '--no-progress'], s.io),
    ).toBe(0);
    expect(s.out()).toContain('3 skipped (not recognised)');
  });

  it('are quarantined (exit 1) when the policy says pipeline.unrecognized: quarantine; a typo there is refused', async () => {
    const { dir, keyFile } = await workspace();
    const input = await mixedFolder(dir);
    await writeFile(
      join(dir, 'strict.yaml'),
      'name: strict\nextends: basic\npipeline:\n  unrecognized: quarantine\n',
    );
    const c = capture(dir);
    expect(
      await main(
        ['deidentify', input, '-o', 'out', '-c', 'strict.yaml', '--key-file', keyFile, '--json'],
        c.io,
      ),
    ).toBe(1);
    const report = JSON.parse(c.out());
    expect(report.counts.skipped).toBe(0);
    expect(report.quarantine.map((q: { code: string }) => q.code).sort()).toEqual([
      'E_EMPTY_FILE',
      'E_UNSUPPORTED_FORMAT',
      'E_UNSUPPORTED_FORMAT',
    ]);

    await writeFile(join(dir, 'typo.yaml'), 'name: typo\npipeline:\n  unrecognised: skip\n');
    const t = capture(dir);
    expect(
      await main(['deidentify', input, '-o', 'o2', '-c', 'typo.yaml', '--key-file', keyFile], t.io),
    ).toBe(2);
    expect(t.err()).toContain('E_POLICY_INVALID');
  });

  it('a file named on the command line that nothing recognises is still reported (quarantined, exit 1)', async () => {
    const { dir, keyFile } = await workspace();
    await writeFile(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    const c = capture(dir);
    expect(await main(['deidentify', 'photo.jpg', '-o', 'out', '--key-file', keyFile, '--json'], c.io)).toBe(
      1,
    );
    const report = JSON.parse(c.out());
    expect(report.counts.skipped).toBe(0);
    expect(report.quarantine.map((q: { code: string }) => q.code)).toEqual(['E_UNSUPPORTED_FORMAT']);
  });
});
