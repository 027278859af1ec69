/**
 * Byte-level assembly around dcmjs, the header-only fast path:
 *
 * - {@link buildDcmjsInput}: the stream dcmjs reads, made of the header bytes only (our minimal meta and
 *   the dataset without the elements we cut: pixel data, private and always-removed elements). Text in
 *   any Specific Character Set (ISO 2022 code extensions included) is transcoded to UTF-8 on the way and
 *   every (0008,0005) says `ISO_IR 192`, so dcmjs decodes one encoding only.
 * - {@link writeOutput}: the output, written by our own serializer from dcmjs's tag-keyed dataset (no
 *   dcmjs write: it costs more than everything else together on a header), with the original pixel data
 *   elements put back byte for byte (encapsulated fragments and offset table as they were). The output
 *   is one allocation: header bytes and pixel value are copied into it once, never decoded.
 */
import { isAnyArrayBuffer } from 'node:util/types';
import { CHARSET_VRS, isPlainAscii, parseCharacterSet, type CharacterSet } from './charset.js';
import type { DcmjsDataset, DcmjsElement } from './dcmjs-io.js';
import { transferSyntaxOf, type Part10File } from './part10.js';
import { tagKey } from './tags.js';
import { isKnownVr, type Encoding, type PathStep, type WalkedElement } from './walker.js';
import { personNameText } from './values.js';

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR. */
const LONG_VRS: ReadonlySet<string> = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
const UNDEFINED_LENGTH = 0xffffffff;
const SPECIFIC_CHARACTER_SET = 0x00080005;
const UTF8_TERM = 'ISO_IR 192';

/** A growable byte buffer for header bytes (a few kilobytes: never pixel data). */
export class ByteSink {
  bytes: Uint8Array;
  view: DataView;
  length = 0;
  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }
  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
  u8(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }
  u16(value: number, le: boolean): void {
    this.ensure(2);
    this.view.setUint16(this.length, value, le);
    this.length += 2;
  }
  u32(value: number, le: boolean): void {
    this.ensure(4);
    this.view.setUint32(this.length, value >>> 0, le);
    this.length += 4;
  }
  tag(tag: number, le: boolean): void {
    this.u16((tag >>> 16) & 0xffff, le);
    this.u16(tag & 0xffff, le);
  }
  append(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }
  zeros(count: number): void {
    this.ensure(count);
    this.bytes.fill(0, this.length, this.length + count);
    this.length += count;
  }
  /** Writes a string as UTF-8 (ASCII directly); returns the number of bytes written. */
  text(value: string): number {
    const start = this.length;
    let i = 0;
    this.ensure(value.length);
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      this.bytes[this.length++] = c;
    }
    if (i < value.length) {
      const rest = value.slice(i);
      this.ensure(rest.length * 3);
      this.length += textEncoder.encodeInto(rest, this.bytes.subarray(this.length)).written;
    }
    return this.length - start;
  }
  /** The bytes written, in an exactly sized buffer of their own. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * One sink reused by the synchronous writers below (no file's header outlives its call: the bytes are
 * copied out), so a file costs no scratch allocation. A sink grown past 1 MiB (a huge header) is let go.
 */
let scratch: ByteSink | undefined;
function scratchSink(): ByteSink {
  const sink = scratch && scratch.bytes.length <= 1 << 20 ? scratch : new ByteSink(16384);
  scratch = undefined; // taken: a nested use (none today) would get a sink of its own
  sink.length = 0;
  return sink;
}
function releaseSink(sink: ByteSink): void {
  scratch = sink;
}

const textEncoder = new TextEncoder();

/** Writes an element header (explicit VR in the given byte order, or implicit VR). */
function writeHeader(sink: ByteSink, tag: number, vr: string, length: number, enc: Encoding): void {
  const le = enc.littleEndian;
  sink.tag(tag, le);
  if (!enc.explicitVR) {
    sink.u32(length, le);
    return;
  }
  sink.u8(vr.charCodeAt(0));
  sink.u8(vr.charCodeAt(1));
  if (LONG_VRS.has(vr)) {
    sink.u16(0, le);
    sink.u32(length, le);
  } else {
    sink.u16(length, le);
  }
}

/** The length of an explicit VR element header. */
function explicitHeaderLength(vr: string): number {
  return LONG_VRS.has(vr) ? 12 : 8;
}

/** An explicit VR element header (tag, VR, length) in the given byte order. */
export function explicitHeader(tag: number, vr: string, length: number, littleEndian: boolean): Uint8Array {
  const sink = new ByteSink(12);
  writeHeader(sink, tag, vr, length, { explicitVR: true, littleEndian });
  return sink.toBytes();
}

/** The minimal meta group of the stream handed to dcmjs (declares the dataset's native encoding). */
function writeDcmjsMeta(sink: ByteSink, encoding: Encoding): void {
  sink.zeros(128);
  sink.text('DICM');
  const le = { explicitVR: true, littleEndian: true };
  let ts = transferSyntaxOf(encoding);
  if (ts.length % 2 === 1) ts += '\0';
  writeHeader(sink, 0x00020000, 'UL', 4, le);
  sink.u32(12 + 2 + 8 + ts.length, true);
  writeHeader(sink, 0x00020001, 'OB', 2, le);
  sink.u8(0);
  sink.u8(1);
  writeHeader(sink, 0x00020010, 'UI', ts.length, le);
  sink.text(ts);
}

/** Options of {@link buildDcmjsInput}. */
export interface DcmjsInputOptions {
  /** The VR of an element of an implicit VR dataset (the dictionary's), or undefined when unknown. */
  readonly vrOf: (tag: number) => string | undefined;
}

/**
 * The Part 10 stream handed to dcmjs: a preamble, `DICM`, a minimal meta group declaring the dataset's
 * native encoding, and the dataset's header: every top-level element but the `cut` ones (pixel data
 * never reaches dcmjs, nor the elements we remove anyway). Text values of the VRs the Specific Character
 * Set applies to are transcoded to UTF-8 (sequences that hold such values are rewritten with undefined
 * lengths), and every (0008,0005) says `ISO_IR 192`. Throws `CharsetError` for an undefined term.
 */
export function buildDcmjsInput(
  file: Part10File,
  cut: ReadonlySet<WalkedElement>,
  options: DcmjsInputOptions,
): DcmjsInput {
  const sink = scratchSink();
  try {
    writeDcmjsMeta(sink, file.encoding);
    const top = file.dataset.filter((e) => !cut.has(e));
    const input = new Transcoder(file.datasetBytes, options);
    input.level(sink, top, file.encoding, input.charsetOf(top, undefined), [], false);
    return { bytes: sink.toBytes(), insertedCharsets: input.inserted };
  } finally {
    releaseSink(sink);
  }
}

/** The stream handed to dcmjs, and where a (0008,0005) was added that the input did not have. */
export interface DcmjsInput {
  readonly bytes: Uint8Array;
  /**
   * Sequence items given a (0008,0005) of `ISO_IR 192`: dcmjs reads every item with a fresh Latin-1
   * decoder unless the item declares its own character set, so items holding non-ASCII text get one.
   * {@link removeInsertedCharsets} takes them out of dcmjs's dataset again.
   */
  readonly insertedCharsets: ReadonlyArray<readonly PathStep[]>;
}

/** Removes the (0008,0005) elements {@link buildDcmjsInput} added to sequence items. */
export function removeInsertedCharsets(dataset: DcmjsDataset, paths: DcmjsInput['insertedCharsets']): void {
  for (const path of paths) {
    let level: DcmjsDataset | undefined = dataset;
    for (const step of path) {
      const key = tagKey(step.tag);
      const items: unknown[] | undefined = level?.[key]?.Value;
      const item: unknown = items?.[step.item];
      level = item && typeof item === 'object' ? (item as DcmjsDataset) : undefined;
    }
    if (level) delete level[tagKey(SPECIFIC_CHARACTER_SET)];
  }
}

class Transcoder {
  /** Paths of the items that were given a (0008,0005). */
  readonly inserted: PathStep[][] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: DcmjsInputOptions,
  ) {}

  /** The character set of a dataset level: its own (0008,0005), else the enclosing one's. */
  charsetOf(elements: readonly WalkedElement[], inherited: CharacterSet | undefined): CharacterSet {
    const element = elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET);
    if (!element) return inherited ?? parseCharacterSet('');
    let value = '';
    for (let i = element.valueStart; i < element.valueStart + element.valueLength; i++)
      value += String.fromCharCode(this.bytes[i]!);
    return parseCharacterSet(value.replace(/\0+$/, ''));
  }

  private vrOf(element: WalkedElement): string | undefined {
    return element.vr ?? this.options.vrOf(element.tag);
  }

  /** True when a text value must be transcoded (not ASCII, in a character set other than UTF-8). */
  private needsTranscoding(element: WalkedElement, charset: CharacterSet): boolean {
    if (charset.utf8 || element.items || element.valueLength === 0) return false;
    const vr = this.vrOf(element);
    if (vr === undefined || !CHARSET_VRS.has(vr)) return false;
    return !isPlainAscii(this.bytes, element.valueStart, element.valueStart + element.valueLength);
  }

  /**
   * True when an item must be given a (0008,0005): it has none of its own and holds non-ASCII text
   * (dcmjs would read it as Latin-1).
   */
  private needsCharset(elements: readonly WalkedElement[]): boolean {
    let text = false;
    for (const e of elements) {
      if (e.tag === SPECIFIC_CHARACTER_SET) return false;
      if (text || e.items || e.valueLength === 0) continue;
      const vr = this.vrOf(e);
      text =
        vr !== undefined &&
        CHARSET_VRS.has(vr) &&
        !isPlainAscii(this.bytes, e.valueStart, e.valueStart + e.valueLength);
    }
    return text;
  }

  /** True when a sequence holds anything to rewrite (a text value to transcode, a (0008,0005) to set or add). */
  private dirty(element: WalkedElement, charset: CharacterSet): boolean {
    for (const item of element.items ?? []) {
      if (this.needsCharset(item.elements)) return true;
      const inner = this.charsetOf(item.elements, charset);
      for (const e of item.elements) {
        if (e.tag === SPECIFIC_CHARACTER_SET) return true;
        if (e.items ? this.dirty(e, inner) : this.needsTranscoding(e, inner)) return true;
      }
    }
    return false;
  }

  level(
    sink: ByteSink,
    elements: readonly WalkedElement[],
    enc: Encoding,
    charset: CharacterSet,
    path: readonly PathStep[],
    nested: boolean,
  ): void {
    const bytes = this.bytes;
    if (nested && this.needsCharset(elements)) {
      writeHeader(sink, SPECIFIC_CHARACTER_SET, 'CS', UTF8_TERM.length, enc);
      sink.text(UTF8_TERM);
      this.inserted.push([...path]);
    }
    for (const e of elements) {
      if (e.tag === SPECIFIC_CHARACTER_SET) {
        writeHeader(sink, e.tag, e.vr ?? 'CS', UTF8_TERM.length, enc);
        sink.text(UTF8_TERM);
      } else if (e.items && enc.explicitVR && e.itemEncoding && !e.itemEncoding.explicitVR) {
        // A sequence stored as UN in an explicit VR dataset (PS3.5 6.2.2): its items are implicit VR,
        // which dcmjs misreads. Hand it over as an SQ with its items in the dataset's explicit VR.
        this.explicitSequence(sink, e, enc);
      } else if (e.items && this.dirty(e, charset)) {
        this.sequence(sink, e, enc, charset, path);
      } else if (this.needsTranscoding(e, charset)) {
        const vr = this.vrOf(e)!;
        // Trailing spaces (and NULs) are padding in every one of these VRs: re-padded below.
        const text = charset
          .decode(bytes.subarray(e.valueStart, e.valueStart + e.valueLength), vr)
          .replace(/[ \0]+$/, '');
        const at = sink.length;
        writeHeader(sink, e.tag, e.vr ?? vr, 0, enc);
        const headerEnd = sink.length;
        let length = sink.text(text);
        if (length % 2 === 1) {
          sink.u8(0x20);
          length++;
        }
        if (enc.explicitVR && !LONG_VRS.has(e.vr!) && length > 0xffff)
          throw new Error('a text value is too long once transcoded to UTF-8');
        patchLength(sink, at, headerEnd, length, enc);
      } else {
        sink.append(bytes.subarray(e.start, e.end));
      }
    }
  }

  /**
   * Writes a sequence whose items were read in implicit VR as an SQ of undefined length with every item
   * element in `enc` (explicit VR): VRs from the dictionary (UN when unknown, or when a value is too
   * long for a VR with a 16-bit length), value bytes as they are (both encodings are little endian).
   */
  private explicitSequence(sink: ByteSink, e: WalkedElement, enc: Encoding): void {
    const le = enc.littleEndian;
    writeHeader(sink, e.tag, 'SQ', UNDEFINED_LENGTH, enc);
    for (const item of e.items ?? []) {
      sink.tag(0xfffee000, le);
      sink.u32(UNDEFINED_LENGTH, le);
      for (const inner of item.elements) {
        if (inner.items) {
          this.explicitSequence(sink, inner, enc);
          continue;
        }
        let vr = this.vrOf(inner) ?? 'UN';
        if (vr.length !== 2 || vr === 'SQ' || vr === 'ox' || vr === 'xs') vr = 'UN';
        if (!LONG_VRS.has(vr) && inner.valueLength > 0xffff) vr = 'UN';
        writeHeader(sink, inner.tag, vr, inner.valueLength, enc);
        sink.append(this.bytes.subarray(inner.valueStart, inner.valueStart + inner.valueLength));
      }
      sink.tag(0xfffee00d, le);
      sink.u32(0, le);
    }
    sink.tag(0xfffee0dd, le);
    sink.u32(0, le);
  }

  /** Rewrites a sequence with undefined lengths, its items transcoded. */
  private sequence(
    sink: ByteSink,
    e: WalkedElement,
    enc: Encoding,
    charset: CharacterSet,
    path: readonly PathStep[],
  ): void {
    writeHeader(sink, e.tag, e.vr ?? 'SQ', UNDEFINED_LENGTH, enc);
    const itemEnc = e.itemEncoding ?? enc;
    const le = itemEnc.littleEndian;
    for (const [index, item] of (e.items ?? []).entries()) {
      sink.tag(0xfffee000, le);
      sink.u32(UNDEFINED_LENGTH, le);
      const inner = this.charsetOf(item.elements, charset);
      this.level(sink, item.elements, itemEnc, inner, [...path, { tag: e.tag, item: index }], true);
      sink.tag(0xfffee00d, le);
      sink.u32(0, le);
    }
    sink.tag(0xfffee0dd, le);
    sink.u32(0, le);
  }
}

/** Sets the length field of the element header written at `at` (ending at `headerEnd`). */
function patchLength(sink: ByteSink, at: number, headerEnd: number, length: number, enc: Encoding): void {
  const le = enc.littleEndian;
  if (headerEnd - at === 8 && enc.explicitVR) sink.view.setUint16(at + 6, length, le);
  else sink.view.setUint32(headerEnd - 4, length, le);
}

/** A top-level element to put back into the output as it was. */
export interface SplicedElement {
  readonly tag: number;
  /** VR to write in the explicit header. */
  readonly vr: string;
  /** The value bytes exactly as in the input (for undefined length: items and sequence delimiter). */
  readonly value: Uint8Array;
  readonly undefinedLength: boolean;
}

/** The element as it will be spliced back: its original value bytes and an explicit VR. */
export function toSpliced(element: WalkedElement, source: Uint8Array): SplicedElement {
  const implicitVr = element.tag === 0x7fe00008 ? 'OF' : element.tag === 0x7fe00009 ? 'OD' : 'OW';
  return {
    tag: element.tag,
    vr: element.vr ?? (element.undefinedLength ? 'OB' : implicitVr),
    value: source.subarray(element.valueStart, element.end),
    undefinedLength: element.undefinedLength,
  };
}

/** The written output and where its dataset starts. */
export interface WrittenOutput {
  readonly data: Uint8Array;
  readonly datasetStart: number;
}

/**
 * Scratch space the output may be built in: the `ArrayBuffer` the spliced values are views of, and the
 * lowest byte offset in it that may be overwritten (everything from there up to the values' own bytes).
 */
export interface InPlaceSpace {
  readonly buffer: ArrayBufferLike;
  readonly floor: number;
}

/**
 * Writes the output Part 10 stream: preamble, `DICM`, `meta` (explicit VR little endian, with its group
 * length), `dataset` in explicit VR of `encoding`'s byte order, and the `spliced` elements at their
 * place in tag order, each value copied once into the single output allocation.
 *
 * With `inPlace`, when one element is spliced and it comes last (pixel data, the common case) and the
 * header fits in front of its value in that space, the header is written there instead and the output
 * is a view that ends with the value where it already is: the same bytes, with no copy of the value.
 */
export function writeOutput(
  meta: DcmjsDataset,
  dataset: DcmjsDataset,
  encoding: Encoding,
  spliced: readonly SplicedElement[],
  inPlace?: InPlaceSpace,
): WrittenOutput {
  const sink = scratchSink();
  try {
    return writeOutputWith(sink, meta, dataset, encoding, spliced, inPlace);
  } finally {
    releaseSink(sink);
  }
}

function writeOutputWith(
  sink: ByteSink,
  meta: DcmjsDataset,
  dataset: DcmjsDataset,
  encoding: Encoding,
  spliced: readonly SplicedElement[],
  inPlace: InPlaceSpace | undefined,
): WrittenOutput {
  sink.zeros(128);
  sink.text('DICM');
  const groupLengthAt = sink.length;
  writeHeader(sink, 0x00020000, 'UL', 4, EXPLICIT_LE_ENC);
  sink.u32(0, true);
  const metaStart = sink.length;
  writeDataset(sink, meta, true);
  sink.view.setUint32(groupLengthAt + 8, sink.length - metaStart, true);
  const datasetStart = sink.length;

  const le = encoding.littleEndian;
  const pending = [...spliced].sort((a, b) => a.tag - b.tag);
  const points: Array<{ at: number; element: SplicedElement }> = [];
  let next = 0;
  for (const [tag, key] of sortedTags(dataset)) {
    while (next < pending.length && pending[next]!.tag < tag)
      points.push({ at: sink.length, element: pending[next++]! });
    if (next < pending.length && pending[next]!.tag === tag)
      throw new Error('element to splice is already present');
    writeElement(sink, tag, dataset[key]!, le);
  }
  while (next < pending.length) points.push({ at: sink.length, element: pending[next++]! });

  const last = points.length === 1 ? points[0]! : undefined;
  if (inPlace && last && last.at === sink.length && last.element.value.buffer === inPlace.buffer) {
    const value = last.element.value;
    const header = explicitHeader(
      last.element.tag,
      last.element.vr,
      last.element.undefinedLength ? UNDEFINED_LENGTH : value.length,
      le,
    );
    const start = value.byteOffset - header.length - sink.length;
    if (start >= inPlace.floor) {
      // Nothing of the input before the value is read again: the header overwrites it.
      const out = new Uint8Array(inPlace.buffer, start, sink.length + header.length + value.length);
      out.set(sink.bytes.subarray(0, sink.length), 0);
      out.set(header, sink.length);
      return { data: out, datasetStart };
    }
  }

  let total = sink.length;
  for (const { element } of points) total += explicitHeaderLength(element.vr) + element.value.length;
  const slow = Buffer.allocUnsafeSlow(total);
  const out = new Uint8Array(slow.buffer, slow.byteOffset, total);
  let src = 0;
  let dst = 0;
  for (const { at, element } of points) {
    out.set(sink.bytes.subarray(src, at), dst);
    dst += at - src;
    src = at;
    const header = explicitHeader(
      element.tag,
      element.vr,
      element.undefinedLength ? UNDEFINED_LENGTH : element.value.length,
      le,
    );
    out.set(header, dst);
    dst += header.length;
    out.set(element.value, dst);
    dst += element.value.length;
  }
  out.set(sink.bytes.subarray(src, sink.length), dst);
  return { data: out, datasetStart };
}

const EXPLICIT_LE_ENC: Encoding = { explicitVR: true, littleEndian: true };

/** The keys of a dcmjs dataset with their tag numbers, in tag order. Malformed keys are refused. */
function sortedTags(dataset: DcmjsDataset): Array<[number, string]> {
  const entries: Array<[number, string]> = [];
  for (const key of Object.keys(dataset)) {
    const tag = /^[0-9A-Fa-f]{8}$/.test(key) ? Number.parseInt(key, 16) >>> 0 : Number.NaN;
    if (Number.isNaN(tag)) throw new Error('malformed tag key');
    entries.push([tag, key]);
  }
  return entries.sort((a, b) => a[0] - b[0]);
}

/** Writes every element of a dcmjs dataset (or sequence item) in tag order, explicit VR. */
function writeDataset(sink: ByteSink, dataset: DcmjsDataset, le: boolean): void {
  for (const [tag, key] of sortedTags(dataset)) writeElement(sink, tag, dataset[key]!, le);
}

/** The VR to write: dcmjs's dictionary choices (`ox`, `xs`) as OW and US. */
function writtenVr(vr: string): string {
  if (vr === 'ox') return 'OW';
  if (vr === 'xs') return 'US';
  return vr;
}

function writeElement(sink: ByteSink, tag: number, element: DcmjsElement, le: boolean): void {
  const vr = writtenVr(element.vr);
  if (!isKnownVr(vr)) throw new Error('an element has no valid value representation');
  const enc = le ? EXPLICIT_LE_ENC : EXPLICIT_BE_ENC;
  if (vr === 'SQ') {
    // Undefined lengths, as dcmjs writes them: no back-patching of nested lengths.
    writeHeader(sink, tag, 'SQ', UNDEFINED_LENGTH, enc);
    for (const item of Array.isArray(element.Value) ? element.Value : []) {
      if (item === null || typeof item !== 'object') continue;
      sink.tag(0xfffee000, le);
      sink.u32(UNDEFINED_LENGTH, le);
      writeDataset(sink, item as DcmjsDataset, le);
      sink.tag(0xfffee00d, le);
      sink.u32(0, le);
    }
    sink.tag(0xfffee0dd, le);
    sink.u32(0, le);
    return;
  }
  const at = sink.length;
  writeHeader(sink, tag, vr, 0, enc);
  const headerEnd = sink.length;
  let length = writeValue(sink, vr, element, le);
  if (length % 2 === 1) {
    sink.u8(vr === 'UI' || BINARY_PAD_NUL.has(vr) ? 0x00 : 0x20);
    length++;
  }
  if (!LONG_VRS.has(vr) && length > 0xffff) {
    // Too long for a 16-bit length: written as UN with a 32-bit length, as dcmjs does.
    sink.ensure(4);
    sink.bytes.copyWithin(headerEnd + 4, headerEnd, sink.length);
    sink.length += 4;
    sink.bytes[at + 4] = 0x55; // U
    sink.bytes[at + 5] = 0x4e; // N
    sink.view.setUint16(at + 6, 0, le);
    sink.view.setUint32(at + 8, length, le);
    return;
  }
  patchLength(sink, at, headerEnd, length, enc);
}

const EXPLICIT_BE_ENC: Encoding = { explicitVR: true, littleEndian: false };
const BINARY_PAD_NUL: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const STRING_VRS: ReadonlySet<string> = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);

/** Writes the value bytes (unpadded); returns their length. */
function writeValue(sink: ByteSink, vr: string, element: DcmjsElement, le: boolean): number {
  const values = Array.isArray(element.Value) ? element.Value : [];
  if (STRING_VRS.has(vr)) return sink.text(stringValue(vr, values, element._rawValue));
  const start = sink.length;
  switch (vr) {
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD': {
      const size = vr === 'US' || vr === 'SS' ? 2 : vr === 'FD' ? 8 : 4;
      sink.ensure(values.length * size);
      for (const v of values) {
        const n = Number(v ?? 0);
        const at = sink.length;
        if (vr === 'US') sink.view.setUint16(at, n || 0, le);
        else if (vr === 'SS') sink.view.setInt16(at, n || 0, le);
        else if (vr === 'UL') sink.view.setUint32(at, n || 0, le);
        else if (vr === 'SL') sink.view.setInt32(at, n || 0, le);
        else if (vr === 'FL') sink.view.setFloat32(at, n, le);
        else sink.view.setFloat64(at, n, le);
        sink.length += size;
      }
      return sink.length - start;
    }
    case 'SV':
    case 'UV':
      sink.ensure(values.length * 8);
      for (const v of values) {
        const n = toBigInt(v);
        if (vr === 'SV') sink.view.setBigInt64(sink.length, BigInt.asIntN(64, n), le);
        else sink.view.setBigUint64(sink.length, BigInt.asUintN(64, n), le);
        sink.length += 8;
      }
      return sink.length - start;
    case 'AT':
      for (const v of values) {
        const tag = typeof v === 'string' ? Number.parseInt(v, 16) >>> 0 : Number(v ?? 0) >>> 0;
        sink.tag(tag, le);
      }
      return sink.length - start;
    default:
      // OB, OD, OF, OL, OV, OW, UN: the buffers as they are (in the dataset's byte order already).
      for (const v of values) {
        // Checked by internal slot, not `instanceof`: buffers may come from another realm (vm, jest).
        if (isAnyArrayBuffer(v)) sink.append(new Uint8Array(v));
        else if (ArrayBuffer.isView(v)) sink.append(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      }
      return sink.length - start;
  }
}

function toBigInt(value: unknown): bigint {
  try {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : 0n;
    if (typeof value === 'string' && value.trim()) return BigInt(value.trim());
  } catch {
    // not an integer: 0 below
  }
  return 0n;
}

/**
 * The text of a string element. dcmjs keeps the bytes it read (`_rawValue`) next to the parsed values;
 * a raw value is written back (keeping its exact form, e.g. `1.50` for DS) only when it still means the
 * value it was read as, so an edited value is never replaced by its original.
 */
function stringValue(vr: string, values: readonly unknown[], rawValue: unknown): string {
  const raw = Array.isArray(rawValue) && rawValue.length === values.length ? rawValue : undefined;
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '\\';
    out += valueText(vr, values[i], raw?.[i]);
  }
  return out;
}

function valueText(vr: string, value: unknown, raw: unknown): string {
  const rawText = typeof raw === 'string' ? raw : undefined;
  if (vr === 'DS' || vr === 'IS') {
    if (rawText !== undefined && sameNumber(vr, rawText, value)) return rawText;
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    return vr === 'DS' ? decimalString(Number(value)) : String(value);
  }
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (vr === 'PN') text = personNameText(value instanceof String ? String(value) : value);
  else text = String(value);
  if (rawText !== undefined && rawText !== text) {
    const a = vr === 'PN' ? rawText.replace(/[ \0]+$/, '').replace(/=+$/, '') : rawText.trim();
    if (a === text.trim()) return rawText;
  }
  return text;
}

/** True when a raw DS/IS string reads as `value` (dcmjs's parsing: a number, or null when empty or invalid). */
function sameNumber(vr: string, raw: string, value: unknown): boolean {
  const trimmed = raw.trim();
  let parsed: number | null = null;
  if (vr === 'DS') {
    const cleaned = trimmed.replace(/[^0-9.\\\-+e]/gi, '');
    if (cleaned !== '') parsed = Number(cleaned);
  } else if (/^[+-]?\d+$/.test(trimmed)) {
    parsed = Number(trimmed);
  }
  if (parsed !== null && !Number.isFinite(parsed)) parsed = null;
  if (parsed === null) return value === null || value === undefined || value === '';
  return typeof value === 'number' ? value === parsed : typeof value === 'string' && Number(value) === parsed;
}

/** A DS value of at most 16 characters (dcmjs's rule: fixed or scientific notation, whichever keeps precision). */
function decimalString(value: number): string {
  if (!Number.isFinite(value)) return '';
  const str = String(value);
  if (str.length <= 16) return str;
  const sign = value < 0 ? 1 : 0;
  const log = Math.log10(Math.abs(value));
  if (log < -4 || log >= 14 - sign) {
    const s = value.toExponential(16 - sign);
    return s.length <= 16 ? s : value.toExponential(Math.max(0, 16 - (s.length - 16) - sign));
  }
  const s = value.toFixed(16 - sign);
  return s.length <= 16 ? s : value.toFixed(Math.max(0, 16 - sign - (s.length - 16)));
}
