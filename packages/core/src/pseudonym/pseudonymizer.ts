import { createHash, type Hash } from 'node:crypto';
import type { Pseudonymizer } from '../types.js';
import type { DateShiftRange } from '../policy/types.js';
import { ConfigurationError, ErrorCodes } from '../errors.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './fake-names.js';

/** The default date shift: up to three years back, never zero. */
export const DEFAULT_DATE_SHIFT_DAYS: DateShiftRange = { min: -1095, max: -1 };

/** Minimum key length in bytes. */
export const MIN_KEY_BYTES = 32;

const BASE32 = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'; // 32 symbols, no I, L, O, U

/** Options of {@link createPseudonymizer}. */
export interface PseudonymizerOptions {
  /** Range of the per-subject date shift in days. Default {@link DEFAULT_DATE_SHIFT_DAYS}. */
  dateShiftDays?: DateShiftRange;
}

/**
 * Creates the keyed pseudonymizer: every value is HMAC-SHA-256(key, namespace NUL value), so the same key
 * and input give the same pseudonym in any process on any machine, and nobody without the key can
 * enumerate originals.
 */
export function createPseudonymizer(key: Uint8Array, options: PseudonymizerOptions = {}): Pseudonymizer {
  if (key.length < MIN_KEY_BYTES) {
    throw new ConfigurationError(
      ErrorCodes.KEY_INVALID,
      `the project key must be at least ${MIN_KEY_BYTES} bytes`,
    );
  }
  const range = options.dateShiftDays ?? DEFAULT_DATE_SHIFT_DAYS;
  validateRange(range);
  const mac = keyedMac(key);

  return {
    id(namespace, value, length = 12) {
      if (length < 6 || length > 51) throw new RangeError('id length must be 6..51');
      return toBase32(mac(`id:${namespace}`, value)).slice(0, length);
    },
    uid(uid) {
      // 2.25 + a 128-bit integer: at most 5 + 39 characters, always a valid UID (no leading zero).
      const digest = mac('uid', uid.trim().replace(/\0+$/, ''));
      const n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
      return `2.25.${n.toString(10)}`;
    },
    dateOffsetDays(subject) {
      const span = range.max - range.min + 1;
      const zeroInRange = range.min <= 0 && range.max >= 0;
      const choices = zeroInRange ? span - 1 : span;
      const pick = mac('date-offset', subject).readUInt32BE(0) % choices;
      const offset = range.min + pick;
      return zeroInRange && offset >= 0 ? offset + 1 : offset;
    },
    name(value) {
      const digest = mac('name', value);
      const family = FAMILY_NAMES[digest.readUInt16BE(0) % FAMILY_NAMES.length];
      const given = GIVEN_NAMES[digest.readUInt16BE(2) % GIVEN_NAMES.length];
      // The token keeps names distinct across millions of subjects.
      return `${family}${toBase32(digest.subarray(4)).slice(0, 6)}^${given}`;
    },
    hash(namespace, value, hexLength = 64) {
      return mac(`hash:${namespace}`, value).toString('hex').slice(0, hexLength);
    },
  };
}

/**
 * HMAC-SHA-256(key, namespace NUL value), computed from precomputed inner and outer hash states (the
 * standard HMAC construction, about twice as fast as a new `createHmac` per value).
 */
function keyedMac(key: Uint8Array): (namespace: string, value: string) => Buffer {
  const block = Buffer.alloc(64);
  Buffer.from(key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  const inner: Hash = createHash('sha256').update(block.map((b) => b ^ 0x36));
  const outer: Hash = createHash('sha256').update(block.map((b) => b ^ 0x5c));
  return (namespace, value) => {
    const digest = inner.copy().update(namespace).update('\0').update(value, 'utf8').digest();
    return outer.copy().update(digest).digest();
  };
}

function validateRange(range: DateShiftRange): void {
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min > range.max) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'dateShiftDays needs integers with min <= max');
  }
  if (range.min === 0 && range.max === 0) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'dateShiftDays must allow a non-zero offset');
  }
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
