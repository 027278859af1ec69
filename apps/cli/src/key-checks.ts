import { stat } from 'node:fs/promises';
export { assertKeyEntropy, MIN_DISTINCT_KEY_BYTES } from '@medimagecleaner/core';

/**
 * A warning when the key file at `path` may be read by its group or by others (mode & 0o077), or
 * `undefined` when it is private. Not an error: the file may sit in a folder only its owner can open.
 */
export async function keyFilePermissionWarning(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info || (info.mode & 0o077) === 0) return undefined;
  const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
  return `warning: the key file ${path} is open to its group or other users (mode ${mode}); restrict it with: chmod 600 ${path}`;
}
