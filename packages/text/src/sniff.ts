/**
 * Recognising plain text from the first bytes: valid UTF-8 or Latin-1, no NUL byte, almost only
 * printable characters, and none of the signatures of the formats other handlers own (DICOM `DICM` at
 * offset 128, PDF, images, archives, NRRD headers, HL7 v2 messages, JSON and XML documents). The
 * text handler is the last one asked, so a structured format whose handler lands later is never taken
 * for a note.
 */
import { controlRatio, decodeBytes, hasNul, MAX_CONTROL_RATIO } from './decode.js';

/** File name extensions of plain text. A `.txt` with NUL bytes is still not text. */
export const TEXT_EXTENSIONS: readonly string[] = ['.txt', '.text', '.note', '.notes', '.rpt', '.report'];

/** True when `name` has an extension (`scan.dcm`) that is not a text extension: another format's file. */
export function hasOtherExtension(name: string | undefined): boolean {
  if (name === undefined) return false;
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m !== null && !hasTextExtension(name);
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/**
 * Leading byte signatures of binary and structured formats that are never plain text (those whose
 * signature holds a NUL byte, such as TIFF or NIfTI, are refused for the NUL already).
 */
const SIGNATURES: ReadonlyArray<readonly number[]> = [
  ascii('%PDF-'),
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  ascii('GIF8'),
  ascii('PK\u0003\u0004'), // ZIP, DOCX, ...
  [0x1f, 0x8b], // gzip
  ascii('BZh'),
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
  ascii('{\\rtf'), // RTF is markup, not a note
  ascii('NRRD000'),
  ascii('MSH|'), // HL7 v2
  ascii('FHS|'),
  ascii('BHS|'),
  ascii('\u007fELF'),
];

/** Text that starts like a structured document (after a BOM and whitespace). */
const STRUCTURED_START = /^(?:<\?xml|<!DOCTYPE|<html|\{\s*"|\[\s*[{"\d])/i;

function startsWith(head: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (head.length < offset + signature.length) return false;
  return signature.every((b, i) => head[offset + i] === b);
}

/** True when `head` starts with a signature of a binary or structured format, or has `DICM` at 128. */
export function hasForeignSignature(head: Uint8Array): boolean {
  if (startsWith(head, ascii('DICM'), 128)) return true;
  return SIGNATURES.some((s) => startsWith(head, s));
}

/** True when `name` ends with one of {@link TEXT_EXTENSIONS} (any case). */
export function hasTextExtension(name: string | undefined): boolean {
  if (name === undefined) return false;
  const lower = name.toLowerCase();
  return TEXT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/**
 * True when `head` (the first bytes of a file) is plain text. A `name` with a text extension
 * (`.txt`, `.text`, `.note`, `.rpt` ...) also admits a text that starts like JSON or XML, or holds only
 * white space; a name with another extension (`.dcm`, `.json`) is never text; nothing makes binary
 * content (NUL bytes, control characters, signatures) text.
 */
export function sniffText(head: Uint8Array, name?: string): boolean {
  if (head.length === 0 || hasNul(head) || hasForeignSignature(head)) return false;
  // `junk.dcm` that happens to hold text is a broken DICOM file, not a note: it goes to quarantine.
  if (hasOtherExtension(name)) return false;
  const decoded = decodeBytes(head, true);
  if (!decoded || controlRatio(decoded.text) > MAX_CONTROL_RATIO) return false;
  if (hasTextExtension(name)) return true;
  const start = decoded.text.trimStart();
  return start.length > 0 && !STRUCTURED_START.test(start);
}
