/**
 * Finds the parts of a DICOM file (preamble, file meta information, dataset), works out its encoding
 * (declared or, for files without meta information, detected), inflates deflated datasets, and walks the
 * dataset with our own walker so that truncated or corrupt files are refused before anything else runs.
 */
import { inflateRawSync } from 'node:zlib';
import { ErrorCodes, InputFormatError } from '@medimagecleaner/core';
import {
  EXPLICIT_BE,
  EXPLICIT_LE,
  IMPLICIT_LE,
  WalkError,
  isKnownVr,
  walkDataset,
  type Encoding,
  type WalkOptions,
  type WalkedElement,
} from './walker.js';

/** Transfer syntax UIDs the engine treats specially. */
export const TS = {
  IMPLICIT_LE: '1.2.840.10008.1.2',
  EXPLICIT_LE: '1.2.840.10008.1.2.1',
  DEFLATED_LE: '1.2.840.10008.1.2.1.99',
  EXPLICIT_BE: '1.2.840.10008.1.2.2',
} as const;

/** A parsed file: where its parts are and how its dataset is encoded. */
export interface Part10File {
  /** The file had the 128-byte preamble and `DICM`. */
  readonly hasPreamble: boolean;
  /** File meta information elements (group 0002), walked in explicit VR little endian; empty when absent. */
  readonly meta: readonly WalkedElement[];
  /** The bytes the meta elements point into (the original file). */
  readonly metaBytes: Uint8Array;
  /** Transfer syntax UID declared in the meta information, if any. */
  readonly declaredTransferSyntax: string | undefined;
  /** The transfer syntax of the dataset as it will be read (deflated data is inflated: explicit VR LE). */
  readonly transferSyntax: string;
  /** The dataset bytes (inflated when the file was deflated). */
  readonly datasetBytes: Uint8Array;
  /** How the dataset is encoded. */
  readonly encoding: Encoding;
  /** The dataset's top-level elements, with nested items. */
  readonly dataset: readonly WalkedElement[];
  /** The file was deflated. */
  readonly deflated: boolean;
}

/** Largest inflated dataset accepted (a deflate bomb guard). */
const MAX_INFLATED_BYTES = 2 ** 31 - 1;

/** Reads `DICM` at offset 128. */
export function hasDicmPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/**
 * Guesses the encoding of a dataset that starts at `pos` with no meta information to say: explicit VR
 * when the header holds a known VR (big endian when the group reads smaller that way), else implicit VR
 * little endian. Returns undefined when the start is not plausibly a dataset.
 */
export function guessEncoding(bytes: Uint8Array, pos: number): Encoding | undefined {
  if (bytes.length - pos < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const groupLE = view.getUint16(pos, true);
  const groupBE = view.getUint16(pos, false);
  const vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
  if (isKnownVr(vr)) {
    if (groupLE <= groupBE && groupLE <= 0x0010) return EXPLICIT_LE;
    if (groupBE < groupLE && groupBE <= 0x0010) return EXPLICIT_BE;
    return undefined;
  }
  if (groupLE > 0x0010) return undefined;
  const length = view.getUint32(pos + 4, true);
  if (length !== 0xffffffff && length > bytes.length - pos - 8) return undefined;
  return IMPLICIT_LE;
}

/** The encoding of a transfer syntax UID (every compressed syntax is explicit VR little endian). */
export function encodingOf(transferSyntax: string): Encoding {
  if (transferSyntax === TS.IMPLICIT_LE) return IMPLICIT_LE;
  if (transferSyntax === TS.EXPLICIT_BE) return EXPLICIT_BE;
  return EXPLICIT_LE;
}

/** The transfer syntax UID of a native encoding. */
export function transferSyntaxOf(encoding: Encoding): string {
  if (!encoding.explicitVR) return TS.IMPLICIT_LE;
  return encoding.littleEndian ? TS.EXPLICIT_LE : TS.EXPLICIT_BE;
}

/** Decodes a short ASCII value (UI, CS, AE...): trailing NUL and spaces dropped. */
export function asciiValue(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length; i++) text += String.fromCharCode(bytes[i]!);
  return text.replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

/**
 * Parses a file into its parts and walks its dataset. Throws {@link InputFormatError}: `E_EMPTY_FILE`,
 * `E_UNSUPPORTED_FORMAT` (not DICOM) or `E_PARSE_FAILED` (truncated, corrupt, undecodable).
 */
export function parsePart10(bytes: Uint8Array, walkOptions: WalkOptions = {}, file?: string): Part10File {
  const opts = file ? { file } : {};
  if (bytes.length === 0) throw new InputFormatError(ErrorCodes.EMPTY_FILE, 'the file is empty', opts);

  let hasPreamble = false;
  let metaStart: number | undefined;
  if (hasDicmPrefix(bytes)) {
    hasPreamble = true;
    metaStart = 132;
  } else if (
    bytes.length >= 8 &&
    bytes[0] === 0x02 &&
    bytes[1] === 0x00 &&
    isKnownVr(String.fromCharCode(bytes[4]!, bytes[5]!))
  ) {
    metaStart = 0; // meta information without a preamble
  }

  let meta: WalkedElement[] = [];
  let datasetStart = 0;
  let declared: string | undefined;
  if (metaStart !== undefined) {
    try {
      ({ meta, end: datasetStart } = walkMetaGroup(bytes, metaStart));
    } catch (error) {
      throw parseFailed('the file meta information is corrupt', error, opts);
    }
    const ts = meta.find((e) => e.tag === 0x00020010);
    if (ts) declared = asciiValue(bytes, ts.valueStart, ts.valueLength) || undefined;
  }

  let datasetBytes = bytes.subarray(datasetStart);
  let deflated = false;
  if (declared === TS.DEFLATED_LE) {
    try {
      datasetBytes = new Uint8Array(inflateRawSync(datasetBytes, { maxOutputLength: MAX_INFLATED_BYTES }));
    } catch (error) {
      throw parseFailed('the deflated dataset cannot be inflated', error, opts);
    }
    deflated = true;
  }
  if (datasetBytes.length === 0) {
    if (metaStart === undefined)
      throw new InputFormatError(ErrorCodes.UNSUPPORTED_FORMAT, 'not a DICOM file', opts);
    throw new InputFormatError(ErrorCodes.PARSE_FAILED, 'the file has no dataset', opts);
  }

  // Candidate encodings: the declared one first; when none is declared (or a native one fails), others.
  const candidates: Array<{ encoding: Encoding; ts: string }> = [];
  const guessed = guessEncoding(datasetBytes, 0);
  if (deflated) {
    candidates.push({ encoding: EXPLICIT_LE, ts: TS.EXPLICIT_LE });
  } else if (declared && isNativeSyntax(declared)) {
    candidates.push({ encoding: encodingOf(declared), ts: declared });
    if (guessed && !sameEncoding(guessed, encodingOf(declared)))
      candidates.push({ encoding: guessed, ts: transferSyntaxOf(guessed) });
  } else if (declared) {
    candidates.push({ encoding: EXPLICIT_LE, ts: declared }); // compressed syntaxes are explicit VR LE
  } else if (guessed) {
    candidates.push({ encoding: guessed, ts: transferSyntaxOf(guessed) });
  }
  if (candidates.length === 0) {
    if (metaStart === undefined)
      throw new InputFormatError(ErrorCodes.UNSUPPORTED_FORMAT, 'not a DICOM file', opts);
    throw new InputFormatError(ErrorCodes.PARSE_FAILED, 'the dataset encoding cannot be determined', opts);
  }

  let firstError: unknown;
  for (const candidate of candidates) {
    try {
      const dataset = walkDataset(datasetBytes, 0, datasetBytes.length, candidate.encoding, walkOptions);
      return {
        hasPreamble,
        meta,
        metaBytes: bytes,
        declaredTransferSyntax: declared,
        transferSyntax: candidate.ts,
        datasetBytes,
        encoding: candidate.encoding,
        dataset,
        deflated,
      };
    } catch (error) {
      if (!(error instanceof WalkError)) throw error;
      firstError ??= error;
    }
  }
  if (metaStart === undefined && !(firstError instanceof WalkError && firstError.offset > 0)) {
    throw new InputFormatError(ErrorCodes.UNSUPPORTED_FORMAT, 'not a DICOM file', opts);
  }
  throw parseFailed('the dataset is truncated or corrupt', firstError, opts);
}

function isNativeSyntax(ts: string): boolean {
  return ts === TS.IMPLICIT_LE || ts === TS.EXPLICIT_LE || ts === TS.EXPLICIT_BE;
}

function sameEncoding(a: Encoding, b: Encoding): boolean {
  return a.explicitVR === b.explicitVR && a.littleEndian === b.littleEndian;
}

function parseFailed(reason: string, cause: unknown, opts: { file?: string }): InputFormatError {
  // The cause is kept for debugging; walker messages hold offsets only.
  return new InputFormatError(ErrorCodes.PARSE_FAILED, reason, { ...opts, cause });
}

/**
 * Walks the group 0002 elements from `start` (explicit VR little endian, whatever the dataset uses) and
 * returns them with the offset where the dataset begins. The group length is not trusted: the group ends
 * at the first element of another group.
 */
export function walkMetaGroup(bytes: Uint8Array, start: number): { meta: WalkedElement[]; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta: WalkedElement[] = [];
  let pos = start;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    // Walk one element at a time: the group's end is not known in advance.
    const vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
    if (!isKnownVr(vr) || vr === 'SQ')
      throw new WalkError('unexpected value representation in the meta information', pos);
    const long = ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'].includes(vr);
    const headerLength = long ? 12 : 8;
    if (pos + headerLength > bytes.length) throw new WalkError('truncated element header', pos);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const valueStart = pos + headerLength;
    if (length === 0xffffffff || valueStart + length > bytes.length) {
      throw new WalkError('meta element value runs past the end of the file', pos);
    }
    meta.push({
      tag: ((view.getUint16(pos, true) << 16) | view.getUint16(pos + 2, true)) >>> 0,
      vr,
      start: pos,
      valueStart,
      valueLength: length,
      end: valueStart + length,
      undefinedLength: false,
    });
    pos = valueStart + length;
  }
  if (meta.length === 0) throw new WalkError('no meta information elements', start);
  return { meta, end: pos };
}
