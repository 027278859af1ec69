/**
 * Byte-level assembly around dcmjs: the stream dcmjs is given (our minimal meta and the dataset without
 * the elements we cut: pixel data, private and always-removed elements), and the output with the
 * original pixel data elements put back byte for byte (encapsulated fragments and offset table as they
 * were; dcmjs would re-fragment them).
 */
import { transferSyntaxOf, walkMetaGroup, type Part10File } from './part10.js';
import { walkDataset, type Encoding, type WalkedElement } from './walker.js';

/** Writes a UI value padded to even length with NUL. */
function uiValue(uid: string): Uint8Array {
  const padded = uid.length % 2 === 1 ? `${uid}\0` : uid;
  return Uint8Array.from(padded, (c) => c.charCodeAt(0));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** An explicit VR element header (tag, VR, length) in the given byte order. */
export function explicitHeader(tag: number, vr: string, length: number, littleEndian: boolean): Uint8Array {
  const long = ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'].includes(vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, (tag >>> 16) & 0xffff, littleEndian);
  view.setUint16(2, tag & 0xffff, littleEndian);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length >>> 0, littleEndian);
  else view.setUint16(6, length, littleEndian);
  return header;
}

/**
 * The Part 10 stream handed to dcmjs: a preamble, `DICM`, a minimal meta group declaring the dataset's
 * native encoding, and the dataset without the `cut` top-level elements. dcmjs never sees pixel data
 * nor the elements we remove anyway, so it cannot misread them.
 */
export function buildDcmjsInput(file: Part10File, cut: ReadonlySet<WalkedElement>): Uint8Array {
  const ts = uiValue(transferSyntaxOf(file.encoding));
  const version = new Uint8Array([0x00, 0x01]);
  const metaBody = concat([
    explicitHeader(0x00020001, 'OB', version.length, true),
    version,
    explicitHeader(0x00020010, 'UI', ts.length, true),
    ts,
  ]);
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, metaBody.length, true);
  const parts: Uint8Array[] = [
    new Uint8Array(128),
    Uint8Array.from('DICM', (c) => c.charCodeAt(0)),
    explicitHeader(0x00020000, 'UL', 4, true),
    groupLength,
    metaBody,
  ];
  let pos = 0;
  for (const element of file.dataset) {
    if (!cut.has(element)) continue;
    if (element.start > pos) parts.push(file.datasetBytes.subarray(pos, element.start));
    pos = element.end;
  }
  if (pos < file.datasetBytes.length) parts.push(file.datasetBytes.subarray(pos));
  return concat(parts);
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

/**
 * Inserts `elements` into a Part 10 stream written by dcmjs (explicit VR, `encoding`'s byte order) at
 * their place in tag order. Returns the new stream.
 */
export function insertElements(
  output: Uint8Array,
  encoding: Encoding,
  elements: readonly SplicedElement[],
): Uint8Array {
  if (elements.length === 0) return output;
  const { end: datasetStart } = walkMetaGroup(output, 132);
  const top = walkDataset(output, datasetStart, output.length, encoding);
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  const parts: Uint8Array[] = [];
  let pos = 0;
  let i = 0;
  for (const element of sorted) {
    while (i < top.length && top[i]!.tag < element.tag) i++;
    if (i < top.length && top[i]!.tag === element.tag)
      throw new Error('element to splice is already present');
    const at = i < top.length ? top[i]!.start : output.length;
    parts.push(output.subarray(pos, at));
    const length = element.undefinedLength ? 0xffffffff : element.value.length;
    parts.push(explicitHeader(element.tag, element.vr, length, encoding.littleEndian), element.value);
    pos = at;
  }
  parts.push(output.subarray(pos));
  return concat(parts);
}
