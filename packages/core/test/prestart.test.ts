import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  BUILTIN_PROFILES,
  keyFingerprint,
  resolvePolicyDocument,
  runDeidentification,
  type RunOptions,
} from '../src/index.js';
import {
  defaultWorkerEntry,
  discardPrestartedWorkers,
  prestartWorkers,
  takePrestartedWorkers,
} from '../src/pipeline/prestart.js';
import { TEST_KEY, tempDir, treeHashes, writeToy } from './helpers.js';

const TOY = new URL('./fixtures/toy-handler.mjs', import.meta.url).href;
const policy = resolvePolicyDocument(BUILTIN_PROFILES['basic']);
const key = { key: TEST_KEY, source: 'file', fingerprint: keyFingerprint(TEST_KEY) };

async function toyInputs(): Promise<{ root: string; input: string }> {
  const root = await tempDir();
  const input = join(root, 'in');
  for (let i = 0; i < 5; i++)
    await writeToy(join(input, `f${i}.toy`), { name: 'Ann Lee', id: 'MRN5', keep: 'CT', instance: `${i}` });
  return { root, input };
}

describe('workers started before the run', () => {
  it('are taken by a run with the same handler modules and worker count, with the same outputs', async () => {
    const { root, input } = await toyInputs();
    const options = (out: string): RunOptions => ({
      inputs: [input],
      outDir: join(root, out),
      policy,
      key,
      handlerModules: [TOY],
      concurrency: 2,
    });
    const plain = await runDeidentification(options('plain'));

    prestartWorkers({ handlerModules: [TOY], concurrency: 2 });
    const early = await runDeidentification(options('early'));

    expect(early.counts).toEqual(plain.counts);
    expect(early.counts.released).toBe(5);
    const outputs = async (out: string): Promise<Array<[string, string]>> =>
      [...(await treeHashes(join(root, out)))].filter(([path]) => !path.startsWith('.medimagecleaner'));
    expect(await outputs('early')).toEqual(await outputs('plain'));
    // The run took the prestarted workers: none is left over.
    expect(takePrestartedWorkers([TOY], 2, defaultWorkerEntry())).toBeUndefined();
  });

  it('are closed, not used, when the run asks for other settings', async () => {
    prestartWorkers({ handlerModules: [TOY], concurrency: 1 });
    expect(takePrestartedWorkers([TOY], 2, defaultWorkerEntry())).toBeUndefined();
    expect(takePrestartedWorkers([TOY], 1, defaultWorkerEntry())).toBeUndefined(); // already closed

    prestartWorkers({ handlerModules: [TOY], concurrency: 1 });
    const pool = takePrestartedWorkers([TOY], 1, defaultWorkerEntry());
    expect(pool?.size).toBe(1);
    await pool?.close();

    prestartWorkers({ handlerModules: [TOY], concurrency: 1 });
    await discardPrestartedWorkers(); // a command that failed before its run
    expect(takePrestartedWorkers([TOY], 1, defaultWorkerEntry())).toBeUndefined();
  });
});
