/**
 * RLE Lossless (PS3.5 Annex G), written here: a frame is a 64-byte header (segment count and up to 15
 * segment offsets) and one PackBits segment per byte plane, sample by sample, most significant byte
 * first. Rows are encoded separately, as Annex G asks.
 */
import { allocateSamples, type FrameSamples } from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';

/** The geometry an RLE frame decodes to. */
export interface RleGeometry {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  /** 8, 16 or 32. */
  readonly bitsAllocated: number;
  readonly signed: boolean;
  /** Layout of the decoded samples: 0 interleaved, 1 planar. */
  readonly planarConfiguration: 0 | 1;
}

function failed(reason: string, frame: number): PixelDataError {
  return new PixelDataError(PixelErrorKinds.FRAME_DECODE_FAILED, `RLE: ${reason}`, { frame });
}

/** Decodes one PackBits segment into `out` (exactly `out.length` bytes); returns false when short. */
function unpack(src: Uint8Array, out: Uint8Array): boolean {
  let i = 0;
  let o = 0;
  while (o < out.length && i < src.length) {
    const n = src[i++] ?? 0;
    if (n < 128) {
      const count = n + 1;
      if (i + count > src.length) return false;
      out.set(src.subarray(i, i + Math.min(count, out.length - o)), o);
      o += count;
      i += count;
    } else if (n > 128) {
      const count = 257 - n;
      out.fill(src[i++] ?? 0, o, Math.min(o + count, out.length));
      o += count;
    }
  }
  return o >= out.length;
}

/** Decodes one RLE frame; throws `FRAME_DECODE_FAILED` naming `frame` on a bad header or short segment. */
export function decodeRleFrame(bytes: Uint8Array, g: RleGeometry, frame: number): FrameSamples {
  if (bytes.byteLength < 64) throw failed('header truncated', frame);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = g.bitsAllocated / 8;
  if (segments !== g.samplesPerPixel * bytesPerSample)
    throw failed('segment count does not fit the geometry', frame);
  const pixels = g.rows * g.columns;
  const data = allocateSamples(g.bitsAllocated, g.signed, pixels * g.samplesPerPixel);
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : bytes.byteLength;
    if (start < 64 || end > bytes.byteLength || end < start)
      throw failed('segment offset out of range', frame);
    if (!unpack(bytes.subarray(start, end), plane)) throw failed('segment ends early', frame);
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    for (let p = 0; p < pixels; p++) {
      const at = g.planarConfiguration === 1 ? sample * pixels + p : p * g.samplesPerPixel + sample;
      // Byte planes OR together; typed arrays wrap the 32-bit result to their own width and sign.
      data[at] = ((data[at] ?? 0) | ((plane[p] ?? 0) << shift)) >>> 0;
    }
  }
  return data;
}

/** PackBits-encodes one row, appending to `out`: runs of 2+ equal bytes replicated, the rest literal. */
function packRow(row: Uint8Array, out: number[]): void {
  let i = 0;
  const n = row.length;
  while (i < n) {
    let run = 1;
    while (i + run < n && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i] ?? 0);
      i += run;
      continue;
    }
    let lit = 1;
    while (i + lit < n && lit < 128 && !(i + lit + 1 < n && row[i + lit] === row[i + lit + 1])) lit++;
    out.push(lit - 1);
    for (let k = 0; k < lit; k++) out.push(row[i + k] ?? 0);
    i += lit;
  }
}

/** Encodes one frame as RLE Lossless (header and segments, even length). */
export function encodeRleFrame(samples: FrameSamples, g: RleGeometry): Uint8Array {
  const bytesPerSample = g.bitsAllocated / 8;
  const segments = g.samplesPerPixel * bytesPerSample;
  if (segments > 15)
    throw new PixelDataError(PixelErrorKinds.FRAME_ENCODE_FAILED, 'RLE: more than 15 segments');
  const pixels = g.rows * g.columns;
  const encoded: number[][] = [];
  const row = new Uint8Array(g.columns);
  for (let s = 0; s < segments; s++) {
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    const out: number[] = [];
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.columns; c++) {
        const p = r * g.columns + c;
        const at = g.planarConfiguration === 1 ? sample * pixels + p : p * g.samplesPerPixel + sample;
        row[c] = ((samples[at] ?? 0) >>> shift) & 0xff;
      }
      packRow(row, out);
    }
    if (out.length % 2) out.push(0x80);
    encoded.push(out);
  }
  const total = 64 + encoded.reduce((sum, e) => sum + e.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, segments, true);
  let offset = 64;
  encoded.forEach((e, s) => {
    view.setUint32(4 + 4 * s, offset, true);
    bytes.set(e, offset);
    offset += e.length;
  });
  return bytes;
}
