import { resolve } from 'node:path';
import { keyFingerprint, writeNewKeyFile, EXIT_CODES } from '@medimagecleaner/core';
import type { CliIo } from '../io.js';

/** `key generate -o <file>`: writes a new random key (mode 0600), never over an existing file. */
export async function keyGenerateCommand(opts: { output: string }, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, opts.output);
  const key = await writeNewKeyFile(path);
  io.stdout.write(`wrote a new project key to ${path} (mode 0600, fingerprint ${keyFingerprint(key)})\n`);
  return EXIT_CODES.OK;
}
