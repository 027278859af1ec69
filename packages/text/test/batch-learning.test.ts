/**
 * Notes of one patient in one batch teach each other: a name or a place that context shows in one
 * note is removed where it stands bare in another note of the same patient, and only there. Runs the
 * real pipeline, in process and in worker threads. Every value here is invented.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFingerprint, runDeidentification } from '@medimagecleaner/core';
import { KEY, handler, policy } from './helpers.js';

/** Two notes of patient MRN0044127 (only the first gives context) and one of another patient. */
const NOTES: Record<string, string> = {
  'a-admission.txt':
    'MRN: MRN0044127\nFindings discussed with Dr. Ostravik; transfer to Quenmoor 4 tonight.\n',
  'b-progress.txt': 'MRN: MRN0044127\nOstravik agrees with the plan. Stable small effusion.\n',
  'c-other.txt': 'MRN: MRN0099881\nOstravik agrees with the plan. Stable small effusion.\n',
};

async function allOutputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.txt'))
      out.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

describe.each([
  ['in process', { handlers: [handler] }],
  ['in worker threads', { handlerModules: ['@medimagecleaner/text'], concurrency: 2 }],
])('notes of one patient in one batch (%s)', (_label, runner) => {
  it('remove a name one note gives context for from the other notes of that patient, not of others', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mic-text-batch-'));
    try {
      await mkdir(join(root, 'in'));
      for (const [name, text] of Object.entries(NOTES)) await writeFile(join(root, 'in', name), text);
      const report = await runDeidentification({
        inputs: [join(root, 'in')],
        outDir: join(root, 'out'),
        policy: policy('research'),
        key: { key: KEY, source: 'generated', fingerprint: keyFingerprint(KEY) },
        ...runner,
      });
      expect(report.counts.released).toBe(3);
      const outputs = await allOutputs(join(root, 'out'));
      expect(outputs).toHaveLength(3);
      const same = outputs.filter((t) => !t.includes('Ostravik') && t.includes('agrees with the plan'));
      const other = outputs.filter((t) => t.includes('Ostravik agrees with the plan'));
      // The second note of the same patient loses the name; the other patient's note keeps its word.
      expect(same).toHaveLength(1);
      expect(other).toHaveLength(1);
      for (const t of outputs) {
        expect(t).not.toContain('MRN0044127');
        expect(t).not.toContain('Quenmoor');
      }
      expect(outputs.join('\n')).toContain('Stable small effusion.');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
