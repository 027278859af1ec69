/**
 * Native (uncompressed) Pixel Data: reading one frame out of the value bytes, and writing frames back.
 * Little and big endian, 8/16/32 bits allocated, and 1-bit packed data (frames may start inside a
 * byte; bits are read least significant first, PS3.5 D.1). Samples are kept as stored: bits above
 * High Bit are not masked, so writing an untouched frame back gives the same bytes.
 */
import {
  allocateSamples,
  decodedFrame,
  nativeFrameBits,
  samplesPerFrame,
  type DecodedFrame,
  type FrameSamples,
  type PixelDescription,
} from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';

/** Options of native reading and writing. */
export interface NativeLayout {
  /** The data is big endian (Explicit VR Big Endian). */
  readonly bigEndian: boolean;
  /** The Pixel Data VR; with big endian, 8-bit data in OW is byte-swapped in pairs. Default: OB for 8 bits. */
  readonly vr?: string;
}

/** Whether big-endian data of this depth and VR is stored in swapped 16-bit words. */
function swapsPairs(description: PixelDescription, layout: NativeLayout): boolean {
  return layout.bigEndian && description.bitsAllocated <= 8 && layout.vr === 'OW';
}

/** Reads frame `index` of native Pixel Data; throws `TRUNCATED_PIXEL_DATA` when the bytes end early. */
export function readNativeFrame(
  pixelData: Uint8Array,
  description: PixelDescription,
  index: number,
  layout: NativeLayout,
): DecodedFrame {
  const count = samplesPerFrame(description);
  const bits = nativeFrameBits(description);
  const startBit = bits * index;
  const endByte = Math.ceil((startBit + bits) / 8);
  const wordEnd = swapsPairs(description, layout) ? endByte + (endByte % 2) : endByte;
  if (wordEnd > pixelData.byteLength) {
    throw new PixelDataError(
      PixelErrorKinds.TRUNCATED_PIXEL_DATA,
      'native Pixel Data ends before the frame',
      {
        frame: index,
      },
    );
  }
  const signed = description.pixelRepresentation === 1;
  const ba = description.bitsAllocated;
  const data = allocateSamples(ba, signed, count);
  const view = new DataView(pixelData.buffer, pixelData.byteOffset, pixelData.byteLength);
  const le = !layout.bigEndian;
  if (ba === 1) {
    for (let i = 0; i < count; i++) {
      const bit = startBit + i;
      data[i] = ((pixelData[bit >> 3] ?? 0) >> (bit & 7)) & 1;
    }
  } else if (ba === 8) {
    const start = startBit / 8;
    if (swapsPairs(description, layout)) {
      for (let i = 0; i < count; i++) data[i] = pixelData[(start + i) ^ 1] ?? 0;
    } else {
      const src = pixelData.subarray(start, start + count);
      data.set(signed ? new Int8Array(src.buffer, src.byteOffset, count) : src);
    }
  } else if (ba === 16) {
    const start = startBit / 8;
    for (let i = 0; i < count; i++) {
      data[i] = signed ? view.getInt16(start + 2 * i, le) : view.getUint16(start + 2 * i, le);
    }
  } else {
    const start = startBit / 8;
    for (let i = 0; i < count; i++) {
      data[i] = signed ? view.getInt32(start + 4 * i, le) : view.getUint32(start + 4 * i, le);
    }
  }
  return decodedFrame(description, index, data, {
    bitsAllocated: ba === 1 ? 8 : ba,
    photometricInterpretation: description.photometricInterpretation,
    planarConfiguration: description.planarConfiguration === 1 ? 1 : 0,
  });
}

/**
 * Writes `samples` (one frame, already in the description's layout) as native bytes at bit offset
 * `index * frameBits` of `target`, which holds the whole value. 1-bit samples set or clear single bits.
 */
export function writeNativeFrame(
  target: Uint8Array,
  samples: FrameSamples,
  description: PixelDescription,
  index: number,
  layout: NativeLayout,
): void {
  const count = samplesPerFrame(description);
  const ba = description.bitsAllocated;
  const startBit = nativeFrameBits(description) * index;
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  const le = !layout.bigEndian;
  if (ba === 1) {
    for (let i = 0; i < count; i++) {
      const bit = startBit + i;
      const byte = bit >> 3;
      const mask = 1 << (bit & 7);
      target[byte] = (samples[i] ?? 0) & 1 ? (target[byte] ?? 0) | mask : (target[byte] ?? 0) & ~mask;
    }
    return;
  }
  const start = startBit / 8;
  for (let i = 0; i < count; i++) {
    const v = samples[i] ?? 0;
    if (ba === 8) {
      target[swapsPairs(description, layout) ? (start + i) ^ 1 : start + i] = v & 0xff;
    } else if (ba === 16) {
      view.setUint16(start + 2 * i, v & 0xffff, le);
    } else {
      view.setUint32(start + 4 * i, v >>> 0, le);
    }
  }
}

/** Bytes of the native Pixel Data value for all frames, padded to even length. */
export function nativeValueLength(description: PixelDescription, frames: number): number {
  const bytes = Math.ceil((nativeFrameBits(description) * frames) / 8);
  return bytes + (bytes % 2);
}
