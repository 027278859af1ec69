/**
 * Writing Pixel Data back after some frames changed (redaction). The rule, per source transfer syntax:
 *
 * - native (implicit/explicit LE, explicit BE, deflated), RLE, JPEG-LS lossless, JPEG 2000 lossless and
 *   HTJ2K lossless: the syntax is kept. Untouched frames keep their original bytes (native) or their
 *   original fragment items (encapsulated), byte for byte; only changed frames are encoded, losslessly,
 *   and each encoded frame is decoded again and compared with the input (fail closed on any difference).
 * - lossy sources (JPEG baseline/extended, JPEG-LS near-lossless, JPEG 2000 lossy, HTJ2K 4.203) and JPEG
 *   lossless (no encoder here): nothing is encoded lossily again. The whole object becomes native Explicit
 *   VR Little Endian: untouched frames decoded once (as any viewer would), changed frames as given. For a
 *   lossy source `lossyHistory` is true: the caller must keep Lossy Image Compression = 01 with its ratio
 *   and method, and write the returned description (Photometric Interpretation becomes RGB where the
 *   decoder converted YCbCr, Planar Configuration 0).
 * - no changed frame: the original value is returned unchanged, in its own syntax.
 */
import { decodeCompressedFrame, encodeLosslessFrame, hasLosslessEncoder } from './compressed.js';
import { decodeFrame } from './decode.js';
import { nativeFrameBits, samplesPerFrame, type DecodedFrame, type PixelDescription } from './description.js';
import { fragmentItem, writeEncapsulated } from './encapsulated.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';
import { withLayout } from './layout.js';
import { nativeValueLength, writeNativeFrame } from './native.js';
import { encodeRleFrame } from './rle.js';
import { openPixelData, originalFrameItems, type PixelDataInput, type PixelSource } from './source.js';
import { PIXEL_TS } from './transfer-syntax.js';

/** New Pixel Data, and what the caller must write with it. */
export interface EncodedPixelData {
  /** Transfer syntax of the returned value (the source's, or Explicit VR Little Endian). */
  readonly transferSyntaxUid: string;
  /** The value is encapsulated (items and sequence delimiter: write with undefined length). */
  readonly encapsulated: boolean;
  /** The value, in order; untouched data are views of the input, not copies. */
  readonly chunks: readonly Uint8Array[];
  /** Total length of `chunks`. */
  readonly byteLength: number;
  /** VR to write Pixel Data with: OB for encapsulated or 8-bit data, OW otherwise. */
  readonly vr: 'OB' | 'OW';
  /** The Image Pixel attributes matching the value (changed from the input only for a native rewrite). */
  readonly description: PixelDescription;
  /** The source was lossy: keep Lossy Image Compression 01 and its ratio and method attributes. */
  readonly lossyHistory: boolean;
  /** Frames whose bytes were produced anew (encoded, or written natively); the others were copied. */
  readonly rewrittenFrames: readonly number[];
  /** The source had an Extended Offset Table: its new values (64-bit LE), to write in place of the old. */
  readonly extendedOffsetTable?: { readonly offsets: Uint8Array; readonly lengths: Uint8Array };
}

function encodeFailed(reason: string, frame: number, cause?: unknown): PixelDataError {
  return new PixelDataError(PixelErrorKinds.FRAME_ENCODE_FAILED, reason, { frame, cause });
}

/** Checks that a changed frame fits the source geometry; returns it in the given layout. */
function fitted(frame: DecodedFrame, index: number, d: PixelDescription, planar: 0 | 1): DecodedFrame {
  const ba = d.bitsAllocated === 1 ? 8 : d.bitsAllocated;
  if (frame.rows !== d.rows || frame.columns !== d.columns || frame.samplesPerPixel !== d.samplesPerPixel) {
    throw encodeFailed('changed frame geometry differs from the source', index);
  }
  if (frame.bitsAllocated !== ba || frame.data.length !== samplesPerFrame(d)) {
    throw encodeFailed('changed frame sample size differs from the source', index);
  }
  return withLayout({ ...frame, index }, planar);
}

function sameSamples(a: DecodedFrame, b: DecodedFrame): boolean {
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

function checkIndices(source: PixelSource, changed: ReadonlyMap<number, DecodedFrame>): void {
  for (const index of changed.keys()) {
    if (!Number.isInteger(index) || index < 0 || index >= source.frameCount) {
      throw encodeFailed('changed frame index out of range', index);
    }
  }
}

/**
 * The new Pixel Data of `input` with the frames of `changed` (by 0-based index) replaced, following the
 * rule in this module's documentation. Throws a {@link PixelDataError}: `FRAME_ENCODE_FAILED` for a
 * changed frame that does not fit or does not encode losslessly, or any decode error of the source.
 */
export async function encodeFrames(
  input: PixelDataInput,
  changed: ReadonlyMap<number, DecodedFrame>,
): Promise<EncodedPixelData> {
  const source = openPixelData(input);
  checkIndices(source, changed);
  const d = input.description;
  const vr: 'OB' | 'OW' = source.syntax.encapsulated || d.bitsAllocated <= 8 ? 'OB' : 'OW';
  if (changed.size === 0) {
    return {
      transferSyntaxUid: source.syntax.uid,
      encapsulated: source.syntax.encapsulated,
      chunks: [input.pixelData],
      byteLength: input.pixelData.byteLength,
      vr: input.vr === 'OW' ? 'OW' : input.vr === 'OB' ? 'OB' : vr,
      description: d,
      lossyHistory: source.syntax.lossy,
      rewrittenFrames: [],
      ...(input.extendedOffsetTable && input.extendedOffsetTableLengths
        ? {
            extendedOffsetTable: {
              offsets: input.extendedOffsetTable,
              lengths: input.extendedOffsetTableLengths,
            },
          }
        : {}),
    };
  }
  if (source.syntax.coding === 'native') return rewriteNative(source, changed, vr);
  if (
    source.syntax.coding === 'rle' ||
    (source.syntax.losslessReencode && hasLosslessEncoder(source.syntax.coding))
  ) {
    return rewriteEncapsulated(source, changed);
  }
  return toExplicitLittleEndian(source, changed);
}

/** Native source: the original value with the changed frames written over (views where untouched). */
function rewriteNative(
  source: PixelSource,
  changed: ReadonlyMap<number, DecodedFrame>,
  vr: 'OB' | 'OW',
): EncodedPixelData {
  const { input, syntax } = source;
  const d = input.description;
  const layout = { bigEndian: syntax.bigEndian, ...(input.vr ? { vr: input.vr } : {}) };
  const planar = d.planarConfiguration === 1 ? 1 : 0;
  const frameBits = nativeFrameBits(d);
  const chunks: Uint8Array[] = [];
  if (frameBits % 16 !== 0 || (syntax.bigEndian && input.vr === 'OW' && d.bitsAllocated === 8)) {
    // Frames not on word boundaries (1-bit, odd sizes): one copy of the value, changed frames written in.
    const copy = input.pixelData.slice();
    for (const [index, frame] of changed)
      writeNativeFrame(copy, fitted(frame, index, d, planar).data, d, index, layout);
    chunks.push(copy);
  } else {
    const frameBytes = frameBits / 8;
    let pos = 0;
    for (const index of [...changed.keys()].sort((a, b) => a - b)) {
      const frame = changed.get(index) as DecodedFrame;
      const start = index * frameBytes;
      if (start > pos) chunks.push(input.pixelData.subarray(pos, start));
      const bytes = new Uint8Array(frameBytes);
      writeNativeFrame(bytes, fitted(frame, index, d, planar).data, d, 0, layout);
      chunks.push(bytes);
      pos = start + frameBytes;
    }
    if (pos < input.pixelData.byteLength) chunks.push(input.pixelData.subarray(pos));
  }
  return {
    transferSyntaxUid: syntax.uid,
    encapsulated: false,
    chunks,
    byteLength: chunks.reduce((s, c) => s + c.byteLength, 0),
    vr: input.vr === 'OW' || input.vr === 'OB' ? input.vr : vr,
    description: d,
    lossyHistory: false,
    rewrittenFrames: [...changed.keys()].sort((a, b) => a - b),
  };
}

/** Encodes one changed frame in the source's lossless syntax and checks it decodes to the same samples. */
async function encodeChanged(source: PixelSource, frame: DecodedFrame): Promise<Uint8Array> {
  const d = source.input.description;
  const coding = source.syntax.coding;
  if (coding === 'rle') {
    const planar = d.planarConfiguration === 1 ? 1 : 0;
    const f = fitted(frame, frame.index, d, planar);
    return encodeRleFrame(f.data, { ...f, signed: f.pixelRepresentation === 1, planarConfiguration: planar });
  }
  const f = fitted(frame, frame.index, d, coding === 'jpeg-ls' ? frame.planarConfiguration : 0);
  const bytes = await encodeLosslessFrame(coding, f);
  const check = await decodeCompressedFrame(coding, bytes, d, frame.index).catch((error: unknown) => {
    throw encodeFailed(`re-encoded ${coding} frame does not decode`, frame.index, error);
  });
  if (!sameSamples(withLayout(check, f.planarConfiguration), f)) {
    throw encodeFailed(`re-encoded ${coding} frame is not pixel-exact`, frame.index);
  }
  return bytes;
}

/** Lossless encapsulated source: original items for untouched frames, new single-fragment items for changed ones. */
async function rewriteEncapsulated(
  source: PixelSource,
  changed: ReadonlyMap<number, DecodedFrame>,
): Promise<EncodedPixelData> {
  const { input } = source;
  const frames: Uint8Array[][] = [];
  for (let i = 0; i < source.frameCount; i++) {
    const frame = changed.get(i);
    frames.push(
      frame
        ? [fragmentItem(await encodeChanged(source, { ...frame, index: i }))]
        : originalFrameItems(source, i),
    );
  }
  const hasEot = Boolean(input.extendedOffsetTable && input.extendedOffsetTableLengths);
  const withBot = !hasEot && (source.items?.basicOffsetTable.length ?? 0) > 0;
  const { chunks, byteLength } = writeEncapsulated(frames, withBot);
  return {
    transferSyntaxUid: source.syntax.uid,
    encapsulated: true,
    chunks,
    byteLength,
    vr: 'OB',
    description: input.description,
    lossyHistory: false,
    rewrittenFrames: [...changed.keys()].sort((a, b) => a - b),
    ...(hasEot ? { extendedOffsetTable: extendedOffsets(frames) } : {}),
  };
}

/** Extended Offset Table values for per-frame item lists (offsets of item headers; lengths of values). */
function extendedOffsets(frames: readonly (readonly Uint8Array[])[]): {
  offsets: Uint8Array;
  lengths: Uint8Array;
} {
  const offsets = new Uint8Array(8 * frames.length);
  const lengths = new Uint8Array(8 * frames.length);
  const ov = new DataView(offsets.buffer);
  const lv = new DataView(lengths.buffer);
  let pos = 0;
  frames.forEach((items, i) => {
    ov.setBigUint64(8 * i, BigInt(pos), true);
    const size = items.reduce((s, item) => s + item.byteLength, 0);
    lv.setBigUint64(8 * i, BigInt(size - 8 * items.length), true);
    pos += size;
  });
  return { offsets, lengths };
}

/** Lossy or encoder-less source: every frame written natively (untouched ones decoded, never re-encoded). */
async function toExplicitLittleEndian(
  source: PixelSource,
  changed: ReadonlyMap<number, DecodedFrame>,
): Promise<EncodedPixelData> {
  const d = source.input.description;
  let description: PixelDescription | undefined;
  let value: Uint8Array | undefined;
  for (let i = 0; i < source.frameCount; i++) {
    const original = changed.has(i) ? undefined : await decodeFrame(source, i);
    const frame = withLayout(original ?? fitted(changed.get(i) as DecodedFrame, i, d, 0), 0);
    if (!description || !value) {
      description = {
        ...d,
        bitsAllocated: frame.bitsAllocated,
        photometricInterpretation: frame.photometricInterpretation,
        planarConfiguration: 0,
        numberOfFrames: source.frameCount,
      };
      value = new Uint8Array(nativeValueLength(description, source.frameCount));
    }
    writeNativeFrame(value, frame.data, description, i, { bigEndian: false });
  }
  const out = value ?? new Uint8Array(0);
  const desc = description ?? d;
  return {
    transferSyntaxUid: PIXEL_TS.EXPLICIT_LE,
    encapsulated: false,
    chunks: [out],
    byteLength: out.byteLength,
    vr: desc.bitsAllocated > 8 ? 'OW' : 'OB',
    description: desc,
    lossyHistory: source.syntax.lossy,
    rewrittenFrames: Array.from({ length: source.frameCount }, (_, i) => i),
  };
}
