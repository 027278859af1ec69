import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, symlink, writeFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILTIN_PROFILES,
  ErrorCodes,
  MedImageCleanerError,
  keyFingerprint,
  readJournal,
  resolvePolicyDocument,
  runDeidentification,
  type RunOptions,
} from '../src/index.js';
import { TEST_KEY, tempDir, treeHashes, treeText, writeToy } from './helpers.js';

const TOY = new URL('./fixtures/toy-handler.mjs', import.meta.url).href;
const policy = resolvePolicyDocument(BUILTIN_PROFILES['basic']);
const key = { key: TEST_KEY, source: 'file', fingerprint: keyFingerprint(TEST_KEY) };

function options(inputs: string[], outDir: string, extra: Partial<RunOptions> = {}): RunOptions {
  return { inputs, outDir, policy, key, handlerModules: [TOY], concurrency: 2, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<MedImageCleanerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MedImageCleanerError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('runDeidentification', () => {
  it('releases valid files under pseudonymous names, never touching inputs', async () => {
    const root = await tempDir();
    const input = join(root, 'in', 'SMITH_JOHN_MRN777');
    await writeToy(join(input, 'a.toy'), { name: 'John Smith', id: 'MRN777', keep: 'CT', instance: '1' });
    await writeToy(join(input, 'b.toy'), { name: 'John Smith', id: 'MRN777', keep: 'MR', instance: '2' });
    const before = await treeHashes(join(root, 'in'));

    const out = join(root, 'out');
    const report = await runDeidentification(options([join(root, 'in')], out));

    expect(report.counts).toMatchObject({ discovered: 2, released: 2, quarantined: 0 });
    expect(await treeHashes(join(root, 'in'))).toEqual(before);
    const text = await treeText(out);
    for (const phi of ['John Smith', 'MRN777', 'SMITH_JOHN', 'a.toy', 'b.toy'])
      expect(text).not.toContain(phi);
    expect(text).toContain('keep=CT');
    expect(text).toContain('keep=MR');
    expect(JSON.stringify(report)).not.toContain('MRN777');
    expect(report.policy.hash).toBe(policy.hash);
    expect(existsSync(join(out, '.medimagecleaner', 'report.json'))).toBe(true);
    // one subject, both files grouped under it
    expect(Object.keys(report.subjects)).toHaveLength(1);
  });

  it('quarantines every kind of bad input with a typed error and finishes the rest', async () => {
    const root = await tempDir();
    const input = join(root, 'in');
    await writeToy(join(input, 'good.toy'), { name: 'Ann Lee', id: 'ID1', instance: '1' });
    await writeFile(join(input, 'zq-junk.bin'), Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]));
    await writeFile(join(input, 'zq-empty.toy'), '');
    await writeFile(join(input, 'zq-truncated.toy'), 'TOY1\nname=Bob Stone\nid=ID2\nins');
    await writeToy(join(input, 'leaky.toy'), {
      name: 'Cy Twombly',
      id: 'ID3',
      leak: 'Cy Twombly',
      instance: '3',
    });
    execFileSync('mkfifo', [join(input, 'pipe.toy')]);
    await symlink(join(input, 'missing-target'), join(input, 'dangling.toy'));
    await mkdir(join(input, 'sub'));
    await symlink(input, join(input, 'sub', 'loop'));

    const out = join(root, 'out');
    // files no handler recognises are skipped by default: this policy quarantines them
    const strict = resolvePolicyDocument({
      name: 'strict',
      extends: 'basic',
      pipeline: { unrecognized: 'quarantine' },
    });
    const report = await runDeidentification(options([input], out, { policy: strict }));

    expect(report.counts.released).toBe(1);
    expect(report.counts.skipped).toBe(0);
    const codes = report.quarantine.map((q) => q.code).sort();
    expect(codes).toEqual(
      [
        ErrorCodes.UNSUPPORTED_FORMAT,
        ErrorCodes.EMPTY_FILE,
        ErrorCodes.PARSE_FAILED,
        ErrorCodes.VERIFICATION_FAILED,
        ErrorCodes.READ_FAILED,
      ].sort(),
    );
    const inputCodes = report.inputErrors.map((e) => e.code).sort();
    expect(inputCodes).toEqual([ErrorCodes.READ_FAILED, ErrorCodes.SYMLINK_LOOP].sort());
    // every quarantined item has a reason file, and a copy of the original when it is a regular file
    const quarantine = `${out}-quarantine`;
    for (const q of report.quarantine) {
      const reason = JSON.parse(await readFile(join(quarantine, q.item, 'reason.json'), 'utf8'));
      expect(reason.code).toBe(q.code);
      expect(typeof reason.sourcePath).toBe('string');
    }
    const leaky = report.quarantine.find((q) => q.code === ErrorCodes.VERIFICATION_FAILED)!;
    expect(await readFile(join(quarantine, leaky.item, 'original'), 'utf8')).toContain('Cy Twombly');
    // nothing identifying in the released output or the report
    const text = await treeText(out);
    for (const phi of ['Cy Twombly', 'Bob Stone', 'Ann Lee', 'ID1', 'zq-']) expect(text).not.toContain(phi);
    expect(JSON.stringify(report)).not.toContain('Twombly');
    expect(JSON.stringify(report)).not.toContain(input);
  });

  it('skips files in input folders that no handler recognises (by default), but not files named on their own', async () => {
    const root = await tempDir();
    const input = join(root, 'in');
    await writeToy(join(input, 'good.toy'), { name: 'Ann Lee', id: 'ID1', instance: '1' });
    await writeFile(join(input, 'zq-junk.bin'), Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3]));
    await writeFile(join(input, 'zq-empty.toy'), '');
    execFileSync('mkfifo', [join(input, 'pipe.toy')]);
    const loose = join(root, 'loose.bin');
    await writeFile(loose, Buffer.from([0xde, 0xad]));

    const report = await runDeidentification(options([input, loose], join(root, 'out')));
    expect(report.counts).toMatchObject({ discovered: 5, released: 1, skipped: 2, quarantined: 2 });
    // the file named on its own and the FIFO (never read blindly) are still reported
    expect(report.quarantine.map((q) => q.code).sort()).toEqual(
      [ErrorCodes.UNSUPPORTED_FORMAT, ErrorCodes.READ_FAILED].sort(),
    );
    expect(JSON.stringify(report)).not.toContain('zq-');
  });

  it('refuses an output folder inside an input folder', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1' });
    const error = await rejection(runDeidentification(options([join(root, 'in')], join(root, 'in', 'out'))));
    expect(error.code).toBe(ErrorCodes.OUTPUT_INSIDE_INPUT);
    expect(existsSync(join(root, 'in', 'out'))).toBe(false);
  });

  it('refuses a non-empty output folder unless resuming or overwriting its own run', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1' });
    const foreign = join(root, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'keep-me.txt'), 'user data');
    expect((await rejection(runDeidentification(options([join(root, 'in')], foreign)))).code).toBe(
      ErrorCodes.OUTPUT_NOT_EMPTY,
    );
    expect(
      (await rejection(runDeidentification(options([join(root, 'in')], foreign, { overwrite: true })))).code,
    ).toBe(ErrorCodes.OUTPUT_NOT_EMPTY);
    expect(await readFile(join(foreign, 'keep-me.txt'), 'utf8')).toBe('user data');

    const out = join(root, 'out');
    await runDeidentification(options([join(root, 'in')], out));
    expect((await rejection(runDeidentification(options([join(root, 'in')], out)))).code).toBe(
      ErrorCodes.OUTPUT_NOT_EMPTY,
    );
    const again = await runDeidentification(options([join(root, 'in')], out, { overwrite: true }));
    expect(again.counts.released).toBe(1);
    const resumed = await runDeidentification(options([join(root, 'in')], out, { resume: true }));
    expect(resumed.counts).toMatchObject({ resumed: 1, released: 0 });
    const otherKey = new Uint8Array(32).fill(7);
    const mismatch = await rejection(
      runDeidentification(
        options([join(root, 'in')], out, {
          resume: true,
          key: { key: otherKey, source: 'file', fingerprint: keyFingerprint(otherKey) },
        }),
      ),
    );
    expect(mismatch.code).toBe(ErrorCodes.JOURNAL_INVALID);
  });

  it('detects two inputs that map to one output name: identical bytes are a duplicate, different bytes are quarantined', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1', instance: 'same', keep: '1' });
    await writeToy(join(root, 'in', 'b.toy'), { name: 'A B', id: 'X1', instance: 'same', keep: '1' });
    await writeToy(join(root, 'in', 'c.toy'), { name: 'A B', id: 'X1', instance: 'same', keep: '2' });
    const report = await runDeidentification(
      options([join(root, 'in')], join(root, 'out'), { concurrency: 1 }),
    );
    expect(report.counts).toMatchObject({ released: 1, duplicate: 1, quarantined: 1 });
    expect(report.quarantine[0]!.code).toBe(ErrorCodes.OUTPUT_COLLISION);
  });

  it('records an item the policy drops as dropped: not written, not quarantined, not a failure', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1', instance: '1' });
    await writeToy(join(root, 'in', 'dir.toy'), { name: 'A B', id: 'X1', drop: 'yes' });
    const out = join(root, 'out');
    const report = await runDeidentification(options([join(root, 'in')], out));
    expect(report.counts).toMatchObject({ released: 1, dropped: 1, quarantined: 0 });
    expect(report.quarantine).toEqual([]);
    expect(existsSync(`${out}-quarantine`)).toBe(false);
    const journal = await readJournal(join(out, '.medimagecleaner', 'journal.jsonl'));
    expect([...journal!.entries.values()].map((e) => e.status).sort()).toEqual(['dropped', 'released']);
  });

  it('writes nothing in a dry run', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1' });
    const report = await runDeidentification(
      options([join(root, 'in')], join(root, 'out'), { dryRun: true }),
    );
    expect(report.counts.released).toBe(1);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });

  it('expands glob patterns and @list files, and reports a pattern that matches nothing', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1', instance: '1' });
    await writeToy(join(root, 'in', 'deep', 'b.toy'), { name: 'A B', id: 'X1', instance: '2' });
    await writeToy(join(root, 'other', 'c.toy'), { name: 'A B', id: 'X1', instance: '3' });
    await writeFile(join(root, 'list.txt'), `# inputs\n${join(root, 'other', 'c.toy')}\n`);
    const report = await runDeidentification(
      options(['in/**/*.toy', '@list.txt', 'nothing/*.toy'], join(root, 'out'), { cwd: root }),
    );
    expect(report.counts.released).toBe(3);
    expect(report.inputErrors.map((e) => e.code)).toEqual([ErrorCodes.INPUT_NOT_FOUND]);
  });

  it('resumes after kill -9 mid-batch: every file exactly once, byte-identical to an uninterrupted run', async () => {
    const root = await tempDir();
    const input = join(root, 'in');
    for (let i = 0; i < 40; i++) {
      await writeToy(join(input, `p${i % 4}`, `f${i}.toy`), {
        name: `Person ${i % 4}`,
        id: `PID${i % 4}`,
        instance: `${i}`,
        keep: `v${i}`,
      });
    }
    const runner = new URL('./fixtures/run-batch.mjs', import.meta.url).pathname;
    const args = (outDir: string, resume = false): string =>
      JSON.stringify({
        inputs: [input],
        outDir,
        keyHex: Buffer.from(TEST_KEY).toString('hex'),
        resume,
        concurrency: 2,
      });

    const reference = join(root, 'reference');
    const referenceRun = spawnSync(process.execPath, [runner, args(reference)], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(referenceRun.status).toBe(0);
    // the handler prints names to the console; none of it may reach the process's output
    const logs = `${referenceRun.stdout.toString()}${referenceRun.stderr.toString()}`;
    expect(logs).toContain('released');
    expect(logs).not.toContain('Person');

    const out = join(root, 'out');
    const child = spawn(process.execPath, [runner, args(out)], {
      env: { ...process.env, NODE_OPTIONS: '', TOY_DELAY_MS: '40' },
      stdio: 'ignore',
    });
    const journalPath = join(out, '.medimagecleaner', 'journal.jsonl');
    const deadline = Date.now() + 30000;
    for (;;) {
      const lines = existsSync(journalPath) ? (await readFile(journalPath, 'utf8')).split('\n').length : 0;
      if (lines > 8) break;
      if (Date.now() > deadline) throw new Error('the batch did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = await readJournal(journalPath);
    expect(partial!.entries.size).toBeGreaterThan(0);
    expect(partial!.entries.size).toBeLessThan(40);

    const resumed = JSON.parse(
      execFileSync(process.execPath, [runner, args(out, true)], {
        env: { ...process.env, NODE_OPTIONS: '' },
      }).toString(),
    );
    expect(resumed.resumed + resumed.released).toBe(40);
    expect(resumed.resumed).toBe(partial!.entries.size);

    const finalJournal = await readJournal(journalPath);
    expect(finalJournal!.entries.size).toBe(40);
    const lines = (await readFile(journalPath, 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l).id);
    expect(new Set(lines).size).toBe(lines.length); // no item journaled twice

    const skipState = '.medimagecleaner';
    const got = await treeHashes(out, skipState);
    const want = await treeHashes(reference, skipState);
    expect([...got.keys()].filter((k) => k.endsWith('.tmp'))).toEqual([]);
    expect(got).toEqual(want);
    expect(got.size).toBe(40);
  });

  it('keeps going when a worker cannot load a handler module, quarantining with a typed error', async () => {
    const root = await tempDir();
    await writeToy(join(root, 'in', 'a.toy'), { name: 'A B', id: 'X1' });
    const report = await runDeidentification(
      options([join(root, 'in')], join(root, 'out'), {
        handlerModules: ['@medimagecleaner/no-such-package'],
      }),
    );
    expect(report.counts.quarantined).toBe(1);
    expect(report.quarantine[0]!.code).toBe(ErrorCodes.USAGE);
    expect((await stat(join(root, 'in', 'a.toy'))).isFile()).toBe(true);
    expect(await readdir(join(root, 'out'))).toEqual(['.medimagecleaner']);
  });
});
