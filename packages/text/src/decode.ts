/**
 * Bytes to text and back. Input: UTF-8 with or without a byte order mark, else Latin-1 (read as
 * Windows-1252, as browsers do, so the curly quotes of word processors survive). Output: UTF-8 without
 * a byte order mark. Text with NUL bytes or too many control characters is not text.
 */
import { ErrorCodes, InputFormatError } from '@medimagecleaner/core';

/** The encoding a file was read with. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'latin-1';

/** A decoded text file. */
export interface DecodedText {
  /** The text, without a byte order mark. */
  text: string;
  /** How the bytes were read. */
  encoding: TextEncodingName;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** At most this share of the characters may be control characters (other than tab, CR, LF, FF). */
export const MAX_CONTROL_RATIO = 0.02;

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('windows-1252');
const encoder = new TextEncoder();

/** True when `bytes` start with the UTF-8 byte order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]
  );
}

/**
 * Decodes `bytes` as UTF-8 (`stream`: a truncated multi-byte sequence at the end is allowed, for
 * sniffing the first bytes of a file), else as Latin-1. Returns `undefined` when a byte order mark
 * says UTF-8 but the bytes are not.
 */
export function decodeBytes(bytes: Uint8Array, stream = false): DecodedText | undefined {
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  // A streaming decode keeps the state of a truncated sequence: use a fresh decoder for it.
  const utf8 = stream ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) : utf8Strict;
  try {
    return { text: utf8.decode(body, { stream }), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    if (bom) return undefined;
    return { text: latin1.decode(body), encoding: 'latin-1' };
  }
}

/** True when `bytes` hold a NUL byte (UTF-16, binary formats). */
export function hasNul(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) !== -1;
}

/** The share of characters of `text` that are control characters other than tab, CR, LF and FF. */
export function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0))
      control++;
  }
  return control / text.length;
}

/**
 * Decodes a whole text file. Throws an {@link InputFormatError}: `E_EMPTY_FILE` for no bytes,
 * `E_UNSUPPORTED_FORMAT` for binary content (NUL bytes, control characters), `E_PARSE_FAILED` for a
 * UTF-8 byte order mark followed by bytes that are not UTF-8. Messages never quote the content.
 */
export function decodeTextFile(bytes: Uint8Array, file?: string): DecodedText {
  const options = file === undefined ? {} : { file };
  if (bytes.length === 0) throw new InputFormatError(ErrorCodes.EMPTY_FILE, 'the file is empty', options);
  if (hasNul(bytes)) {
    throw new InputFormatError(
      ErrorCodes.UNSUPPORTED_FORMAT,
      'the file holds binary data (NUL bytes)',
      options,
    );
  }
  const decoded = decodeBytes(bytes);
  if (!decoded) {
    throw new InputFormatError(
      ErrorCodes.PARSE_FAILED,
      'the file starts with a UTF-8 byte order mark but is not valid UTF-8',
      options,
    );
  }
  if (controlRatio(decoded.text) > MAX_CONTROL_RATIO) {
    throw new InputFormatError(
      ErrorCodes.UNSUPPORTED_FORMAT,
      'the file holds binary data (control characters)',
      options,
    );
  }
  return decoded;
}

/** Encodes text as UTF-8 without a byte order mark. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
