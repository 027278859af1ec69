/**
 * Encapsulated Pixel Data (PS3.5 A.4): locating the Basic Offset Table and the fragments, assigning
 * fragments to frames (Extended Offset Table, Basic Offset Table, one fragment per frame, or frame
 * start markers), and writing an encapsulated value back from per-frame fragment lists.
 */
import { PixelDataError, PixelErrorKinds } from './errors.js';

/** Where one fragment's bytes are inside the Pixel Data value. */
export interface FragmentSpan {
  /** Offset of the fragment value (after its 8-byte item header). */
  readonly start: number;
  /** Length of the fragment value. */
  readonly length: number;
  /** Offset of the item header. */
  readonly itemStart: number;
}

/** The items of an encapsulated Pixel Data value. */
export interface EncapsulatedItems {
  /** Entries of the Basic Offset Table (empty when it is). */
  readonly basicOffsetTable: readonly number[];
  /** The fragments after the Basic Offset Table. */
  readonly fragments: readonly FragmentSpan[];
}

const ITEM = 0xe000;
const SEQ_DELIMITER = 0xe0dd;

function bad(reason: string, fragment?: number): PixelDataError {
  return new PixelDataError(
    PixelErrorKinds.BAD_ENCAPSULATION,
    reason,
    fragment === undefined ? {} : { fragment },
  );
}

/**
 * Reads the item structure of an encapsulated value: the bytes from the first item tag up to and
 * optionally including the sequence delimiter. Throws `BAD_ENCAPSULATION` naming the fragment on a
 * bad tag, a length past the end or an undefined-length item.
 */
export function readEncapsulatedItems(value: Uint8Array): EncapsulatedItems {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  let pos = 0;
  let bot: number[] | undefined;
  const fragments: FragmentSpan[] = [];
  while (pos < value.byteLength) {
    const fragment = bot === undefined ? undefined : fragments.length;
    if (pos + 8 > value.byteLength) throw bad('item header truncated', fragment);
    const group = view.getUint16(pos, true);
    const element = view.getUint16(pos + 2, true);
    const length = view.getUint32(pos + 4, true);
    if (group === 0xfffe && element === SEQ_DELIMITER) break;
    if (group !== 0xfffe || element !== ITEM) throw bad('expected an item tag', fragment);
    if (length === 0xffffffff) throw bad('item of undefined length', fragment);
    if (pos + 8 + length > value.byteLength) throw bad('item value past the end of Pixel Data', fragment);
    if (bot === undefined) {
      if (length % 4 !== 0) throw bad('Basic Offset Table length is not a multiple of 4');
      bot = [];
      for (let i = 0; i < length; i += 4) bot.push(view.getUint32(pos + 8 + i, true));
    } else {
      fragments.push({ start: pos + 8, length, itemStart: pos });
    }
    pos += 8 + length;
  }
  if (bot === undefined) throw bad('no Basic Offset Table item');
  return { basicOffsetTable: bot, fragments };
}

/** Optional Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002), as raw 64-bit LE values. */
export interface ExtendedOffsets {
  readonly offsets: Uint8Array;
  readonly lengths: Uint8Array;
}

function readUint64s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) out.push(Number(view.getBigUint64(i, true)));
  return out;
}

function countError(reason: string): PixelDataError {
  return new PixelDataError(PixelErrorKinds.FRAGMENT_COUNT, reason);
}

/** Fragment indices of each frame, from a table of frame offsets relative to the first fragment item. */
function byOffsets(items: EncapsulatedItems, offsets: readonly number[], frames: number): number[][] {
  if (offsets.length !== frames) throw countError('the offset table does not list one entry per frame');
  const first = items.fragments[0]?.itemStart ?? 0;
  const out: number[][] = offsets.map(() => []);
  let frame = -1;
  items.fragments.forEach((f, i) => {
    while (frame + 1 < frames && f.itemStart - first === offsets[frame + 1]) frame++;
    if (frame < 0) throw countError('the offset table does not start at the first fragment');
    out[frame]?.push(i);
  });
  out.forEach((list, i) => {
    if (list.length === 0)
      throw new PixelDataError(PixelErrorKinds.FRAGMENT_COUNT, 'no fragment starts at the offset', {
        frame: i,
      });
  });
  return out;
}

/** Whether a fragment starts a codestream (JPEG SOI, JPEG 2000 SOC); RLE has no such marker. */
function startsFrame(value: Uint8Array, f: FragmentSpan): boolean {
  const a = value[f.start];
  const b = value[f.start + 1];
  return a === 0xff && (b === 0xd8 || b === 0x4f);
}

/**
 * Assigns the fragments to `frames` frames. Extended Offset Table first when given, then the Basic
 * Offset Table, then one fragment per frame, then a single frame taking every fragment, then codestream
 * start markers. Throws `FRAGMENT_COUNT` when none of these fits.
 */
export function assignFragments(
  value: Uint8Array,
  items: EncapsulatedItems,
  frames: number,
  extended?: ExtendedOffsets,
): number[][] {
  const n = items.fragments.length;
  if (n < frames) throw countError(`${n} fragments for ${frames} frames`);
  if (extended) {
    const offsets = readUint64s(extended.offsets);
    // The Extended Offset Table points at item headers, like the Basic Offset Table.
    return byOffsets(items, offsets, frames);
  }
  if (items.basicOffsetTable.length > 0) return byOffsets(items, items.basicOffsetTable, frames);
  if (n === frames) return items.fragments.map((_, i) => [i]);
  if (frames === 1) return [items.fragments.map((_, i) => i)];
  const out: number[][] = [];
  items.fragments.forEach((f, i) => {
    if (startsFrame(value, f) || out.length === 0) out.push([i]);
    else out[out.length - 1]?.push(i);
  });
  if (out.length !== frames) throw countError(`fragments form ${out.length} frames, ${frames} expected`);
  return out;
}

/** The bytes of one frame: its fragment values, concatenated (no copy for a single fragment). */
export function frameBytes(
  value: Uint8Array,
  items: EncapsulatedItems,
  fragmentIndices: readonly number[],
): Uint8Array {
  const spans = fragmentIndices
    .map((i) => items.fragments[i])
    .filter((f): f is FragmentSpan => f !== undefined);
  if (spans.length === 1 && spans[0]) return value.subarray(spans[0].start, spans[0].start + spans[0].length);
  const out = new Uint8Array(spans.reduce((s, f) => s + f.length, 0));
  let pos = 0;
  for (const f of spans) {
    out.set(value.subarray(f.start, f.start + f.length), pos);
    pos += f.length;
  }
  return out;
}

function itemHeader(element: number, length: number): Uint8Array {
  const h = new Uint8Array(8);
  const v = new DataView(h.buffer);
  v.setUint16(0, 0xfffe, true);
  v.setUint16(2, element, true);
  v.setUint32(4, length, true);
  return h;
}

/**
 * Writes an encapsulated value from per-frame item chunks: each frame is a list of complete items
 * (header included; untouched frames pass their original item bytes as views). A Basic Offset Table
 * is written when the original had one (`withOffsetTable`), else an empty one; the sequence delimiter
 * ends the value. Returns the chunks (no copy of untouched data) and the total length.
 */
export function writeEncapsulated(
  frames: ReadonlyArray<readonly Uint8Array[]>,
  withOffsetTable: boolean,
): { chunks: Uint8Array[]; byteLength: number } {
  const chunks: Uint8Array[] = [];
  let table: Uint8Array | undefined;
  if (withOffsetTable) {
    table = new Uint8Array(8 + 4 * frames.length);
    table.set(itemHeader(ITEM, 4 * frames.length));
    chunks.push(table);
  } else {
    chunks.push(itemHeader(ITEM, 0));
  }
  let offset = 0;
  const tableView = table ? new DataView(table.buffer) : undefined;
  frames.forEach((items, i) => {
    tableView?.setUint32(8 + 4 * i, offset, true);
    for (const item of items) {
      chunks.push(item);
      offset += item.byteLength;
    }
  });
  chunks.push(itemHeader(SEQ_DELIMITER, 0));
  return { chunks, byteLength: chunks.reduce((s, c) => s + c.byteLength, 0) };
}

/** One fragment item (header and value, padded to even length) around `bytes`. */
export function fragmentItem(bytes: Uint8Array): Uint8Array {
  const padded = bytes.byteLength + (bytes.byteLength % 2);
  const out = new Uint8Array(8 + padded);
  out.set(itemHeader(ITEM, padded));
  out.set(bytes, 8);
  return out;
}

/** The original item bytes (header and value) of the given fragments, as views of `value`. */
export function originalItems(
  value: Uint8Array,
  items: EncapsulatedItems,
  fragmentIndices: readonly number[],
): Uint8Array[] {
  return fragmentIndices
    .map((i) => items.fragments[i])
    .filter((f): f is FragmentSpan => f !== undefined)
    .map((f) => value.subarray(f.itemStart, f.start + f.length));
}
