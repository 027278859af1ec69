import { createHash, randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ItemResult, ReleasedItem } from './process-item.js';

/**
 * Hashes a released item's bytes and, unless `stagingDir` is undefined (dry run), writes them to a
 * staging file there (fsynced when `fsync`). Runs in the worker that made the bytes, so hashing and writing happen in
 * parallel; the main thread only renames the staging file into place (or deletes it on a collision).
 * A write failure turns the item into a quarantined result.
 */
export async function stageRelease(
  result: ItemResult,
  stagingDir: string | undefined,
  fsync = false,
): Promise<ItemResult> {
  if (result.status !== 'released' || !result.data) return result;
  const data = result.data;
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (stagingDir === undefined) return { ...withoutData(result), sha256 };
  const stagedPath = join(stagingDir, `${result.id}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(stagedPath, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      if (fsync) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(stagedPath).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException)?.code ?? 'unknown';
    return {
      status: 'quarantined',
      id: result.id,
      format: result.format,
      error: { code: 'E_WRITE_FAILED', reason: `cannot write the output (${code})`, file: result.id },
      findings: result.findings,
    };
  }
  return { ...withoutData(result), sha256, stagedPath };
}

function withoutData(result: ReleasedItem): ReleasedItem {
  const { data: _data, ...rest } = result;
  return rest;
}
