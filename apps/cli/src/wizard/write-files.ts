/**
 * The wizard's two outputs: the policy file (validated before it is written, written whole or not at
 * all, loaded back with the real loader) and the project key (created 0600 unless it exists).
 */
import { copyFile, constants, link, rename, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ConfigurationError,
  ErrorCodes,
  MedImageCleanerError,
  keyFingerprint,
  loadKey,
  loadPolicy,
  loadPolicyDocument,
  writeNewKeyFile,
  type LoadPolicyOptions,
  type PolicyDocument,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import { assertKeyEntropy, keyFilePermissionWarning } from '../key-checks.js';

/**
 * Validates `doc`, writes `text` to `path` (never over an existing file unless `force`), then loads
 * the file back with the policy loader and checks it resolves to the same policy. Returns it.
 */
export async function writePolicyFile(
  path: string,
  text: string,
  doc: PolicyDocument,
  load: LoadPolicyOptions,
  force: boolean,
): Promise<ResolvedPolicy> {
  const expected = loadPolicyDocument(doc, load, path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temp, text, { flag: 'wx', mode: 0o644 });
  try {
    await placeFile(temp, path, force);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const written = loadPolicy(path, load);
  if (written.hash !== expected.hash) {
    throw new MedImageCleanerError(
      ErrorCodes.POLICY_INVALID,
      'the written policy file does not load back as written',
      {
        file: path,
      },
    );
  }
  return written;
}

/** Moves the complete temp file into place: a hard link refuses an existing name atomically. */
async function placeFile(temp: string, path: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temp, path);
    return;
  }
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ConfigurationError(ErrorCodes.USAGE, 'the policy file exists; pass --force to replace it', {
        file: path,
      });
    }
    // File systems without hard links: an exclusive copy still never replaces a file.
    await copyFile(temp, path, constants.COPYFILE_EXCL);
  }
}

/** What {@link ensureKeyFile} did. */
export interface KeyFileResult {
  created: boolean;
  fingerprint: string;
  /** A warning about the file's permissions, when it is open to others. */
  warning?: string;
}

/** Creates a new random key at `path` (mode 0600), or checks the one already there and reuses it. */
export async function ensureKeyFile(path: string): Promise<KeyFileResult> {
  if (!existsSync(path)) {
    const key = await writeNewKeyFile(path);
    return { created: true, fingerprint: keyFingerprint(key) };
  }
  const loaded = await loadKey({ keyFile: path });
  assertKeyEntropy(loaded.key);
  const warning = await keyFilePermissionWarning(path);
  return { created: false, fingerprint: loaded.fingerprint, ...(warning ? { warning } : {}) };
}
