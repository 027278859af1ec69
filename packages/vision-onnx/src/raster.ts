/**
 * Raster images the vision port accepts: core's 8-bit {@link RasterImage} (grey or RGB) and a
 * high-bit grey variant for 9-16-bit frames (CT, CR, XA) that detection windows down to 8 bits.
 */
import { ErrorCodes, MedImageCleanerError, type RasterImage } from '@medimagecleaner/core';

/**
 * A grey frame with more than 8 bits per sample (one `Uint16Array` element per pixel). Only the low
 * `bitsStored` bits are used; higher bits are masked off. Text detection maps it to 8 bits with a
 * min-max window over the frame (detection only: redaction and the caller's pixels keep their depth).
 */
export interface HighBitRasterImage {
  width: number;
  height: number;
  channels: 1;
  data: Uint16Array;
  /** Bits per sample that carry the value, 9 to 16. */
  bitsStored: number;
}

/** Any image the vision port accepts. */
export type VisionImage = RasterImage | HighBitRasterImage;

/** True when the image is the high-bit grey variant. */
export function isHighBit(image: VisionImage): image is HighBitRasterImage {
  return image.data instanceof Uint16Array;
}

function invalid(reason: string): MedImageCleanerError {
  return new MedImageCleanerError(ErrorCodes.PARSE_FAILED, `invalid raster image: ${reason}`);
}

/**
 * Checks an image's shape against its buffer, throwing `E_PARSE_FAILED` (a typed
 * {@link MedImageCleanerError}) on zero or non-integer sizes, an unsupported channel count, a buffer
 * of the wrong length or type, or a `bitsStored` outside 9-16 for the high-bit variant.
 */
export function assertValidImage(image: VisionImage): void {
  const { width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw invalid(`width and height must be positive integers (got ${String(width)}x${String(height)})`);
  }
  if (channels !== 1 && channels !== 3) throw invalid(`channels must be 1 or 3 (got ${String(channels)})`);
  if (isHighBit(image)) {
    if (channels !== 1) throw invalid('a 16-bit image must be grey (1 channel)');
    const bits = image.bitsStored;
    if (!Number.isInteger(bits) || bits < 9 || bits > 16) {
      throw invalid(`bitsStored must be 9 to 16 for a Uint16Array image (got ${String(bits)})`);
    }
  } else if (!(image.data instanceof Uint8Array)) {
    throw invalid('data must be a Uint8Array (or a Uint16Array with bitsStored)');
  }
  const expected = width * height * channels;
  if (image.data.length !== expected) {
    throw invalid(
      `buffer holds ${image.data.length} samples, ${width}x${height}x${channels} needs ${expected}`,
    );
  }
}

/**
 * The image as 8-bit samples with its channel count kept: 8-bit images are returned as they are; a
 * high-bit grey image is windowed linearly from its own minimum to its maximum (after masking to
 * `bitsStored`), so burned-in text, which devices draw at an extreme value, keeps full contrast.
 */
export function toEightBit(image: VisionImage): RasterImage {
  if (!isHighBit(image)) return image;
  const mask = image.bitsStored >= 16 ? 0xffff : (1 << image.bitsStored) - 1;
  const src = image.data;
  let lo = 0xffff;
  let hi = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i]! & mask;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Uint8Array(src.length);
  const span = hi - lo;
  if (span > 0) {
    const scale = 255 / span;
    for (let i = 0; i < src.length; i++) out[i] = Math.round(((src[i]! & mask) - lo) * scale);
  }
  return { width: image.width, height: image.height, channels: 1, data: out };
}
