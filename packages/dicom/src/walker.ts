/**
 * A small, strict DICOM element walker of our own (no dcmjs): explicit and implicit VR little endian,
 * explicit VR big endian, defined and undefined lengths, sequences and items at any depth (including UN
 * sequences of undefined length, CP-246), encapsulated pixel data (fragments are located, never read).
 *
 * It records where every element is, not what it means; callers decode the values they need. It throws
 * {@link WalkError} on anything that does not fit (a length past the end, a missing delimiter, a bad VR),
 * so a truncated or corrupt file is never half-read. Error messages carry offsets, never values.
 */
import { ITEM, ITEM_DELIMITATION, PIXEL_DATA, SEQUENCE_DELIMITATION } from './tags.js';

/** How a dataset is encoded. */
export interface Encoding {
  /** Explicit VR (the VR is written in each element header) or implicit VR. */
  readonly explicitVR: boolean;
  /** Little or big endian. */
  readonly littleEndian: boolean;
}

/** Explicit VR little endian. */
export const EXPLICIT_LE: Encoding = Object.freeze({ explicitVR: true, littleEndian: true });
/** Implicit VR little endian (the default transfer syntax). */
export const IMPLICIT_LE: Encoding = Object.freeze({ explicitVR: false, littleEndian: true });
/** Explicit VR big endian (retired). */
export const EXPLICIT_BE: Encoding = Object.freeze({ explicitVR: true, littleEndian: false });

/** The structure does not parse. The message names an offset and a reason, never a value. */
export class WalkError extends Error {
  /** Byte offset where the problem was found. */
  readonly offset: number;
  constructor(reason: string, offset: number) {
    super(`${reason} at offset ${offset}`);
    this.name = 'WalkError';
    this.offset = offset;
  }
}

/** One element found by the walker. */
export interface WalkedElement {
  /** `group << 16 | element`, unsigned. */
  readonly tag: number;
  /** The VR written in the header (explicit VR), or undefined (implicit VR). */
  readonly vr: string | undefined;
  /** Offset of the element header. */
  readonly start: number;
  /** Offset of the value. */
  readonly valueStart: number;
  /** Length of the value bytes (for undefined length: up to, not including, the sequence delimiter). */
  readonly valueLength: number;
  /** Offset just after the element (after the sequence delimiter for undefined length). */
  readonly end: number;
  /** The header said undefined length (0xFFFFFFFF). */
  readonly undefinedLength: boolean;
  /** Items, when the element is a sequence. */
  readonly items?: readonly WalkedItem[];
  /** How the items are encoded (implicit VR LE inside a UN sequence). */
  readonly itemEncoding?: Encoding;
  /** Fragments (offset and length of each fragment value, the basic offset table first) of encapsulated pixel data. */
  readonly fragments?: ReadonlyArray<{ readonly start: number; readonly length: number }>;
}

/** One sequence item. */
export interface WalkedItem {
  /** Offset of the item tag. */
  readonly start: number;
  /** Offset just after the item (after its delimiter when of undefined length). */
  readonly end: number;
  /** The item's elements. */
  readonly elements: readonly WalkedElement[];
}

/** Options of {@link walkDataset}. */
export interface WalkOptions {
  /**
   * Implicit VR only: whether a defined-length element is a sequence. Without it, a value that starts
   * with an item tag and parses as items is taken for a sequence.
   */
  readonly isSequence?: (tag: number) => boolean;
  /** Deepest sequence nesting accepted (default 48). */
  readonly maxDepth?: number;
}

const UNDEFINED_LENGTH = 0xffffffff;

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
/** VRs with a 2-byte length in explicit VR. */
const SHORT_VRS = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'SL',
  'SS',
  'ST',
  'TM',
  'UI',
  'UL',
  'US',
]);

/** True when `vr` is a VR of PS3.5. */
export function isKnownVr(vr: string): boolean {
  return LONG_VRS.has(vr) || SHORT_VRS.has(vr);
}

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(offset: number, le: boolean): number {
    return this.view.getUint16(offset, le);
  }
  u32(offset: number, le: boolean): number {
    return this.view.getUint32(offset, le);
  }
  tag(offset: number, le: boolean): number {
    return ((this.u16(offset, le) << 16) | this.u16(offset + 2, le)) >>> 0;
  }
}

/**
 * Walks the dataset in `bytes[start, end)` and returns its top-level elements (with nested items).
 * Throws {@link WalkError} when the bytes do not parse completely.
 */
export function walkDataset(
  bytes: Uint8Array,
  start: number,
  end: number,
  encoding: Encoding,
  options: WalkOptions = {},
): WalkedElement[] {
  const walker = new Walker(new Reader(bytes), options);
  const { elements, next } = walker.dataset(start, end, encoding, false, 0);
  if (next !== end) throw new WalkError('dataset does not end at the end of the data', next);
  return elements;
}

class Walker {
  private readonly maxDepth: number;
  constructor(
    private readonly r: Reader,
    private readonly options: WalkOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 48;
  }

  /** Parses elements from `pos` until `end`, or until an item delimiter when `untilDelimiter`. */
  dataset(
    pos: number,
    end: number,
    enc: Encoding,
    untilDelimiter: boolean,
    depth: number,
  ): { elements: WalkedElement[]; next: number } {
    const elements: WalkedElement[] = [];
    while (pos < end) {
      if (end - pos < 8) throw new WalkError('truncated element header', pos);
      const tag = this.r.tag(pos, enc.littleEndian);
      if (tag === ITEM_DELIMITATION) {
        if (!untilDelimiter) throw new WalkError('item delimiter outside an item', pos);
        return { elements, next: pos + 8 };
      }
      if (tag === ITEM || tag === SEQUENCE_DELIMITATION)
        throw new WalkError('item tag inside a dataset', pos);
      const element = this.element(pos, end, enc, depth);
      elements.push(element);
      pos = element.end;
    }
    if (untilDelimiter) throw new WalkError('item of undefined length has no delimiter', pos);
    return { elements, next: pos };
  }

  private element(pos: number, end: number, enc: Encoding, depth: number): WalkedElement {
    const le = enc.littleEndian;
    const tag = this.r.tag(pos, le);
    let vr: string | undefined;
    let length: number;
    let valueStart: number;
    if (enc.explicitVR) {
      const b0 = this.r.bytes[pos + 4]!;
      const b1 = this.r.bytes[pos + 5]!;
      vr = String.fromCharCode(b0, b1);
      if (!isKnownVr(vr)) throw new WalkError('unknown value representation', pos + 4);
      if (LONG_VRS.has(vr)) {
        if (end - pos < 12) throw new WalkError('truncated element header', pos);
        length = this.r.u32(pos + 8, le);
        valueStart = pos + 12;
      } else {
        length = this.r.u16(pos + 6, le);
        valueStart = pos + 8;
      }
    } else {
      length = this.r.u32(pos + 4, le);
      valueStart = pos + 8;
    }

    if (length === UNDEFINED_LENGTH) {
      if (tag === PIXEL_DATA && (vr === undefined || vr === 'OB' || vr === 'OW')) {
        return this.encapsulated(tag, vr, pos, valueStart, end, enc);
      }
      if (vr === undefined || vr === 'SQ' || vr === 'UN') {
        // UN of undefined length is a sequence encoded in implicit VR little endian (CP-246).
        const itemEnc = vr === 'UN' ? { explicitVR: false, littleEndian: true } : enc;
        return this.sequence(tag, vr, pos, valueStart, end, true, itemEnc, depth);
      }
      throw new WalkError('undefined length on a value representation that cannot have it', pos);
    }

    const valueEnd = valueStart + length;
    if (valueEnd > end) throw new WalkError('element value runs past the end of its container', pos);
    if (vr === 'SQ') return this.sequence(tag, vr, pos, valueStart, valueEnd, false, enc, depth);
    if (
      vr === 'UN' &&
      length >= 8 &&
      this.options.isSequence?.(tag) === true &&
      this.r.tag(valueStart, enc.littleEndian) === ITEM
    ) {
      // A sequence stored as UN with a defined length: its items are implicit VR little endian (PS3.5
      // 6.2.2). A value that does not parse as such stays an opaque UN value.
      try {
        return this.sequence(
          tag,
          vr,
          pos,
          valueStart,
          valueEnd,
          false,
          { explicitVR: false, littleEndian: true },
          depth,
        );
      } catch (error) {
        if (!(error instanceof WalkError)) throw error;
      }
    }
    if (vr === undefined && length >= 8) {
      const declared = this.options.isSequence?.(tag);
      if (declared === true) return this.sequence(tag, vr, pos, valueStart, valueEnd, false, enc, depth);
      if (declared === undefined && this.r.tag(valueStart, enc.littleEndian) === ITEM) {
        try {
          return this.sequence(tag, vr, pos, valueStart, valueEnd, false, enc, depth);
        } catch (error) {
          if (!(error instanceof WalkError)) throw error;
          // Not a sequence after all: a value that happens to start like an item.
        }
      }
    }
    return { tag, vr, start: pos, valueStart, valueLength: length, end: valueEnd, undefinedLength: false };
  }

  private sequence(
    tag: number,
    vr: string | undefined,
    start: number,
    valueStart: number,
    limit: number,
    undefinedLength: boolean,
    enc: Encoding,
    depth: number,
  ): WalkedElement {
    if (depth >= this.maxDepth) throw new WalkError('sequences nested too deeply', start);
    const le = enc.littleEndian;
    const items: WalkedItem[] = [];
    let pos = valueStart;
    for (;;) {
      if (!undefinedLength && pos === limit) {
        return {
          tag,
          vr,
          start,
          valueStart,
          valueLength: limit - valueStart,
          end: limit,
          undefinedLength,
          items,
          itemEncoding: enc,
        };
      }
      if (limit - pos < 8) throw new WalkError('truncated sequence', pos);
      const itemTag = this.r.tag(pos, le);
      const itemLength = this.r.u32(pos + 4, le);
      if (itemTag === SEQUENCE_DELIMITATION) {
        if (!undefinedLength) throw new WalkError('sequence delimiter in a sequence of defined length', pos);
        return {
          tag,
          vr,
          start,
          valueStart,
          valueLength: pos - valueStart,
          end: pos + 8,
          undefinedLength,
          items,
          itemEncoding: enc,
        };
      }
      if (itemTag !== ITEM) throw new WalkError('expected an item in a sequence', pos);
      const itemValueStart = pos + 8;
      if (itemLength === UNDEFINED_LENGTH) {
        const { elements, next } = this.dataset(itemValueStart, limit, enc, true, depth + 1);
        items.push({ start: pos, end: next, elements });
        pos = next;
      } else {
        const itemEnd = itemValueStart + itemLength;
        if (itemEnd > limit) throw new WalkError('item runs past the end of its sequence', pos);
        const { elements } = this.dataset(itemValueStart, itemEnd, enc, false, depth + 1);
        items.push({ start: pos, end: itemEnd, elements });
        pos = itemEnd;
      }
    }
  }

  private encapsulated(
    tag: number,
    vr: string | undefined,
    start: number,
    valueStart: number,
    limit: number,
    enc: Encoding,
  ): WalkedElement {
    const le = enc.littleEndian;
    const fragments: Array<{ start: number; length: number }> = [];
    let pos = valueStart;
    for (;;) {
      if (limit - pos < 8) throw new WalkError('truncated encapsulated pixel data', pos);
      const itemTag = this.r.tag(pos, le);
      const itemLength = this.r.u32(pos + 4, le);
      if (itemTag === SEQUENCE_DELIMITATION) {
        return {
          tag,
          vr,
          start,
          valueStart,
          valueLength: pos - valueStart,
          end: pos + 8,
          undefinedLength: true,
          fragments,
        };
      }
      if (itemTag !== ITEM || itemLength === UNDEFINED_LENGTH) {
        throw new WalkError('expected a fragment in encapsulated pixel data', pos);
      }
      const fragmentEnd = pos + 8 + itemLength;
      if (fragmentEnd > limit) throw new WalkError('fragment runs past the end of the data', pos);
      fragments.push({ start: pos + 8, length: itemLength });
      pos = fragmentEnd;
    }
  }
}

/** Calls `visit` for every element at any depth, depth first, with the path of enclosing elements. */
export function forEachElement(
  elements: readonly WalkedElement[],
  visit: (element: WalkedElement, path: readonly PathStep[]) => void,
  path: readonly PathStep[] = [],
): void {
  for (const element of elements) {
    visit(element, path);
    if (element.items) {
      element.items.forEach((item, index) => {
        forEachElement(item.elements, visit, [...path, { tag: element.tag, item: index }]);
      });
    }
  }
}

/** One step of a path into nested sequences. */
export interface PathStep {
  /** The sequence's tag. */
  readonly tag: number;
  /** The item index. */
  readonly item: number;
}
