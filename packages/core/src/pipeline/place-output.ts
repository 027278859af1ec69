import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Moves staged files into place, creating each output folder once per run. */
export interface OutputPlacer {
  /** Renames `stagedPath` to `target` (an absolute path inside the output folder). */
  place(stagedPath: string, target: string): Promise<void>;
}

/**
 * An {@link OutputPlacer} that remembers the folders it made: a run writes many files per series folder,
 * and a `mkdir` per file cost more than the rename. A folder removed behind its back is made again.
 * Memory grows with the number of output folders (series), not files.
 */
export function createOutputPlacer(): OutputPlacer {
  const made = new Set<string>();
  const ensure = async (dir: string): Promise<void> => {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  };
  return {
    async place(stagedPath, target) {
      const dir = dirname(target);
      if (!made.has(dir)) await ensure(dir);
      try {
        await rename(stagedPath, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
        made.delete(dir);
        await ensure(dir);
        await rename(stagedPath, target);
      }
    },
  };
}
