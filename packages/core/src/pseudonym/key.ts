import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { ConfigurationError, ErrorCodes, MedImageCleanerError } from '../errors.js';
import { MIN_KEY_BYTES } from './pseudonymizer.js';

/** Environment variable that may hold the project key (hex or base64). */
export const KEY_ENV_VAR = 'MEDIMAGECLEANER_KEY';

/** Where a key came from, for the run report (never the key itself). */
export type KeySource = 'file' | 'env' | 'generated';

/** A loaded project key. */
export interface LoadedKey {
  key: Uint8Array;
  source: KeySource;
  /** The key file, when the key came from or went to one. */
  path?: string;
  /** A short public fingerprint (first 16 hex of SHA-256 of the key) for reports. */
  fingerprint: string;
}

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
 * Parses a key written as hex (64+ hex digits) or base64 (32+ bytes). Refuses a key that is not
 * random ({@link assertKeyEntropy}).
 */
export function parseKey(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0 && trimmed.length >= MIN_KEY_BYTES * 2) {
    const bytes = Buffer.from(trimmed, 'hex');
    assertKeyEntropy(bytes);
    return bytes;
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length >= MIN_KEY_BYTES) {
      assertKeyEntropy(bytes);
      return bytes;
    }
  }
  throw new ConfigurationError(
    ErrorCodes.KEY_INVALID,
    `a project key must be at least ${MIN_KEY_BYTES} random bytes, written as hex or base64`,
  );
}

/** Formats a key for a key file (hex, one line). */
export function formatKey(key: Uint8Array): string {
  return `${Buffer.from(key).toString('hex')}\n`;
}

/** Generates a new random key (32 bytes). */
export function generateKey(): Uint8Array {
  return randomBytes(MIN_KEY_BYTES);
}

/**
 * Writes a new key to `path` with mode 0600. Refuses to overwrite an existing file (a lost key means
 * pseudonyms can never be reproduced).
 */
export async function writeNewKeyFile(path: string, key: Uint8Array = generateKey()): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EEXIST'
        ? 'the key file already exists; refusing to overwrite it'
        : 'cannot create the key file';
    throw new ConfigurationError(ErrorCodes.KEY_INVALID, reason, { file: path, cause: error });
  }
  try {
    await handle.writeFile(formatKey(key));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return key;
}

/** Options of {@link loadKey}. */
export interface LoadKeyOptions {
  /** An explicit key file (wins over the environment). */
  keyFile?: string;
  /** The environment to read {@link KEY_ENV_VAR} from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** When no key is given: the file to reuse, or to generate a key into. Omit to fail instead. */
  defaultKeyFile?: string;
}

/** A short public fingerprint of a key: the first 16 hex digits of its SHA-256. */
export function keyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Loads the project key from a file, the environment, or a default file (generating it if absent). */
export async function loadKey(options: LoadKeyOptions): Promise<LoadedKey> {
  const loaded = await findKey(options);
  return { ...loaded, fingerprint: keyFingerprint(loaded.key) };
}

async function findKey(options: LoadKeyOptions): Promise<Omit<LoadedKey, 'fingerprint'>> {
  const env = options.env ?? process.env;
  if (options.keyFile) {
    return { key: await readKeyFile(options.keyFile), source: 'file', path: options.keyFile };
  }
  const fromEnv = env[KEY_ENV_VAR];
  if (fromEnv) return { key: parseKey(fromEnv), source: 'env' };
  if (!options.defaultKeyFile) {
    throw new ConfigurationError(
      ErrorCodes.KEY_INVALID,
      `no key given: pass --key-file or set ${KEY_ENV_VAR}`,
    );
  }
  const exists = await stat(options.defaultKeyFile).then(
    () => true,
    () => false,
  );
  if (exists)
    return { key: await readKeyFile(options.defaultKeyFile), source: 'file', path: options.defaultKeyFile };
  const key = await writeNewKeyFile(options.defaultKeyFile);
  return { key, source: 'generated', path: options.defaultKeyFile };
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(ErrorCodes.KEY_INVALID, 'cannot read the key file', {
      file: path,
      cause: error,
    });
  }
  try {
    return parseKey(text);
  } catch (error) {
    // The parser's reason (too short, not hex or base64, not random) says what to fix.
    const reason = error instanceof MedImageCleanerError ? error.reason : 'not a valid key';
    throw new ConfigurationError(
      ErrorCodes.KEY_INVALID,
      `the key file does not hold a valid key: ${reason}`,
      {
        file: path,
        cause: error,
      },
    );
  }
}
