/**
 * Everything that touches dcmjs: reading a dataset into its tag-keyed dictionary (not naturalized),
 * writing one back, dictionary look-ups, and keeping its logger silent (dcmjs prints element values in
 * warnings). dcmjs exceptions are never passed on: their messages may quote values.
 */
import dcmjs from 'dcmjs';

/** One element of a dcmjs tag-keyed dataset (not naturalized): VR, values, and dcmjs's raw copy. */
export interface DcmjsElement {
  vr: string;
  Value?: unknown[];
  _rawValue?: unknown;
  [key: string]: unknown;
}

/** A dcmjs dataset keyed by `GGGGEEEE`. */
export type DcmjsDataset = Record<string, DcmjsElement>;

/** Sets every dcmjs logger (the root and the named ones it creates) to silent. Idempotent and cheap. */
export function silenceDcmjs(): void {
  const log = dcmjs.log;
  log.setLevel('silent', false);
  const loggers = log.getLoggers?.() ?? {};
  for (const logger of Object.values(loggers)) logger.setLevel('silent', false);
  for (const name of ['validation.dcmjs', 'AsyncDicomReader'])
    log.getLogger?.(name).setLevel('silent', false);
}

/** Thrown when dcmjs cannot read or write; carries no dcmjs message (it may hold values). */
export class DcmjsFailure extends Error {
  constructor(operation: 'read' | 'write', cause: unknown) {
    super(`dcmjs could not ${operation} the dataset`, { cause: redactedCause(cause) });
    this.name = 'DcmjsFailure';
  }
}

function redactedCause(cause: unknown): string {
  return cause instanceof Error ? cause.name : typeof cause;
}

/**
 * Reads a Part 10 byte stream (preamble, `DICM`, meta, dataset) with dcmjs. A view over a whole buffer of
 * its own (what `buildDcmjsInput` returns) is read without a copy; dcmjs does not write to its input.
 */
export function readPart10(bytes: Uint8Array): { meta: DcmjsDataset; dict: DcmjsDataset } {
  silenceDcmjs();
  try {
    const whole =
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength &&
      bytes.buffer instanceof ArrayBuffer;
    const copy = whole
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const parsed = dcmjs.data.DicomMessage.readFile(copy, {
      ignoreErrors: false,
      untilTag: null,
      includeUntilTagValue: false,
      noCopy: false,
      forceStoreRaw: false,
    });
    return { meta: parsed.meta, dict: parsed.dict };
  } catch (error) {
    throw new DcmjsFailure('read', error);
  }
}

/**
 * Writes meta and dataset as a Part 10 byte stream with dcmjs (in the meta's transfer syntax). The
 * handler writes with its own serializer (`writeOutput` in `assemble.ts`); this stays as the reference the
 * serializer is tested against.
 */
export function writePart10(meta: DcmjsDataset, dict: DcmjsDataset): Uint8Array {
  silenceDcmjs();
  try {
    const out = new dcmjs.data.DicomDict(meta);
    out.dict = dict;
    return new Uint8Array(out.write({ allowInvalidVRLength: true, fragmentMultiframe: false }));
  } catch (error) {
    throw new DcmjsFailure('write', error);
  }
}

/** The dictionary entry of a tag (`GGGGEEEE`), or undefined for unknown and private tags. */
function entryOf(key: string): { vr: string; name: string } | undefined {
  const punctuated = `(${key.slice(0, 4).toUpperCase()},${key.slice(4).toUpperCase()})`;
  const entry = dcmjs.data.DicomMetaDictionary.dictionary[punctuated];
  return entry ? { vr: entry.vr, name: entry.name } : undefined;
}

/**
 * The dictionary VR of a tag: a PS3.5 VR, or `ox` (OB or OW) and `xs` (US or SS) where the standard
 * leaves the choice to the object. Undefined for tags the dictionary does not know.
 */
export function dictionaryVr(key: string): string | undefined {
  return entryOf(key)?.vr;
}

/** The keyword of a tag (e.g. `PatientName`), without dcmjs's `RETIRED_` prefix; undefined if unknown. */
export function keywordOf(key: string): string | undefined {
  const name = entryOf(key)?.name;
  return name ? name.replace(/^RETIRED_/, '') : undefined;
}
