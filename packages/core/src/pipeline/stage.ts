import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ItemResult, ReleasedItem } from './process-item.js';

/** Options of {@link stageRelease}. */
export interface StageOptions {
  /** fsync the staging file before reporting it. */
  fsync?: boolean;
  /**
   * Write with blocking calls (one open, one write, one close, no promise per step). For worker
   * threads, which have nothing else to do meanwhile; the main thread must leave it off.
   */
  blocking?: boolean;
}

/**
 * Hashes a released item's bytes and, unless `stagingDir` is undefined (dry run), writes them to a
 * staging file there. Runs in the worker that made the bytes, so hashing and writing happen in parallel;
 * the main thread only renames the staging file into place (or deletes it on a collision). The hash is
 * taken from the bytes in memory as they are written (never by reading the file back): it is what
 * `--resume` later compares the output with. `options` may be a boolean (the `fsync` flag, as before).
 * A write failure turns the item into a quarantined result.
 */
export async function stageRelease(
  result: ItemResult,
  stagingDir: string | undefined,
  options: StageOptions | boolean = {},
): Promise<ItemResult> {
  const { fsync = false, blocking = false } = typeof options === 'boolean' ? { fsync: options } : options;
  if (result.status !== 'released' || !result.data) return result;
  const data = result.data;
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (stagingDir === undefined) return { ...withoutData(result), sha256 };
  const stagedPath = join(stagingDir, `${result.id}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (blocking) writeBlocking(stagedPath, data, fsync);
    else await writeAsync(stagedPath, data, fsync);
  } catch (error) {
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

/** Creates `path` (never replacing a file) with `data`; on failure nothing is left behind. */
function writeBlocking(path: string, data: Uint8Array, fsync: boolean): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    for (let at = 0; at < data.length;) at += writeSync(fd, data, at, data.length - at);
    if (fsync) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
    throw error;
  }
  closeSync(fd);
}

async function writeAsync(path: string, data: Uint8Array, fsync: boolean): Promise<void> {
  try {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      if (fsync) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  }
}

function withoutData(result: ReleasedItem): ReleasedItem {
  const { data: _data, ...rest } = result;
  return rest;
}
