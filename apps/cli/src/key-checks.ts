import { stat } from 'node:fs/promises';
import { ConfigurationError, ErrorCodes } from '@medimagecleaner/core';

/**
 * Fewest distinct byte values a project key must hold. A random 32-byte key has about 28; fewer than
 * this means a placeholder (all zeros, one repeated byte, a short repeated pattern), which would make
 * every pseudonym guessable.
 */
export const MIN_DISTINCT_KEY_BYTES = 8;

/** Refuses a key with too little entropy (all bytes equal, or nearly) with a typed key error. */
export function assertKeyEntropy(key: Uint8Array): void {
  if (new Set(key).size < MIN_DISTINCT_KEY_BYTES) {
    throw new ConfigurationError(
      ErrorCodes.KEY_INVALID,
      'the project key is not random (all or nearly all of its bytes are equal); make one with `medimagecleaner key generate -o <file>`',
    );
  }
}

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
