/**
 * Input tensor for the PP-OCRv4 detection model: the 8-bit image resized (bilinear, aspect kept) so
 * both sides are multiples of 32, normalised with PaddleOCR's ImageNet mean and deviation, in
 * PaddleOCR's BGR channel order, planar (NCHW).
 */
import type { RasterImage } from '@medimagecleaner/core';

/** Per-channel mean and deviation of PaddleOCR's detection preprocessing, in B, G, R order. */
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;

/** How the detector sizes its input. */
export interface DetectionSizing {
  /** Longest side after resizing, rounded to a multiple of 32 (smaller images are not shrunk). */
  maxSide: number;
  /** Scale factor applied first (before the `maxSide` cap): above 1 helps very small text. */
  upscale: number;
}

/** The tensor data and the sizes needed to map the model's output back to the image. */
export interface DetectionInput {
  /** Planar float data, 3 x `height` x `width`. */
  data: Float32Array;
  width: number;
  height: number;
  /** Image pixels per input pixel, horizontally and vertically. */
  scaleX: number;
  scaleY: number;
}

/** The model input size for an image: aspect kept, capped, both sides multiples of 32 (at least 32). */
export function detectionSize(
  width: number,
  height: number,
  sizing: DetectionSizing,
): { width: number; height: number } {
  let ratio = sizing.upscale;
  const longest = Math.max(width, height) * ratio;
  if (longest > sizing.maxSide) ratio *= sizing.maxSide / longest;
  const round32 = (v: number): number => Math.max(32, Math.round(v / 32) * 32);
  return { width: round32(width * ratio), height: round32(height * ratio) };
}

/** Builds the detection input of an 8-bit grey or RGB image. */
export function prepareDetectionInput(image: RasterImage, sizing: DetectionSizing): DetectionInput {
  const { width: dw, height: dh } = detectionSize(image.width, image.height, sizing);
  const { width: sw, height: sh, channels, data: src } = image;
  const plane = dw * dh;
  const out = new Float32Array(3 * plane);
  const sx = sw / dw;
  const sy = sh / dh;
  // Lookup tables: normalised value of each 8-bit level per channel.
  const lut = [0, 1, 2].map((c) => {
    const t = new Float32Array(256);
    for (let v = 0; v < 256; v++) t[v] = (v / 255 - MEAN[c]!) / STD[c]!;
    return t;
  });
  const xs0 = new Int32Array(dw);
  const xs1 = new Int32Array(dw);
  const xf = new Float32Array(dw);
  for (let x = 0; x < dw; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), sw - 1);
    xs0[x] = Math.floor(fx);
    xs1[x] = Math.min(xs0[x]! + 1, sw - 1);
    xf[x] = fx - xs0[x]!;
  }
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < dw; x++) {
      const wx = xf[x]!;
      const i00 = (y0 * sw + xs0[x]!) * channels;
      const i01 = (y0 * sw + xs1[x]!) * channels;
      const i10 = (y1 * sw + xs0[x]!) * channels;
      const i11 = (y1 * sw + xs1[x]!) * channels;
      const o = y * dw + x;
      for (let c = 0; c < 3; c++) {
        // RGB source channel feeding BGR plane c; grey feeds all three.
        const k = channels === 3 ? 2 - c : 0;
        const top = src[i00 + k]! + (src[i01 + k]! - src[i00 + k]!) * wx;
        const bottom = src[i10 + k]! + (src[i11 + k]! - src[i10 + k]!) * wx;
        out[c * plane + o] = lut[c]![Math.round(top + (bottom - top) * wy)]!;
      }
    }
  }
  return { data: out, width: dw, height: dh, scaleX: sw / dw, scaleY: sh / dh };
}
