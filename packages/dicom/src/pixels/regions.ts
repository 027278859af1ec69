/**
 * Redaction of boxes on a decoded frame, on its own bit depth and sample layout (planar or interleaved):
 * black, white, pixelate or blur. Boxes are clamped to the frame; the input frame is not modified.
 */
import type { Box } from '@medimagecleaner/core';
import { storedRange, type DecodedFrame, type FrameSamples } from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';

/** How a region is redacted. */
export type RedactionMethod = 'black' | 'white' | 'pixelate' | 'blur';

/** Options of {@link applyRegions}. */
export interface RegionOptions {
  /** Grey frames: the value `black` writes (e.g. Pixel Padding Value); default the visual black of the stored range. */
  readonly blackValue?: number;
  /** Pixelate: block side in pixels (default: an eighth of the box's shorter side, at least 4). */
  readonly blockSize?: number;
  /** Blur: box-filter radius in pixels (default: a quarter of the box's shorter side, at least 3), applied 3 times. */
  readonly radius?: number;
}

/** A box clamped to the frame, in whole pixels; undefined when nothing of it is inside. */
export function clampBox(
  box: Box,
  rows: number,
  columns: number,
): { x0: number; y0: number; x1: number; y1: number } | undefined {
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width < 0 || box.height < 0) {
    throw new PixelDataError(PixelErrorKinds.INVALID_REGION, 'a box is not a finite rectangle');
  }
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(columns, Math.ceil(box.x + box.width));
  const y1 = Math.min(rows, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : undefined;
}

/** Per-sample fill values for black or white in the frame's colour space. */
function fillValues(frame: DecodedFrame, white: boolean, blackValue?: number): number[] {
  const { min, max } = storedRange(frame.bitsStored, frame.pixelRepresentation);
  const pi = frame.photometricInterpretation.trim();
  if (frame.samplesPerPixel === 1) {
    const inverted = pi === 'MONOCHROME1';
    if (!white && blackValue !== undefined) return [blackValue];
    return [white !== inverted ? max : min];
  }
  if (pi.startsWith('YBR')) {
    const mid = 2 ** (frame.bitsStored - 1);
    return [white ? max : min, mid, mid];
  }
  return [white ? max : min, white ? max : min, white ? max : min];
}

/** Index of sample `s` of pixel (x, y). */
function indexer(frame: DecodedFrame): (x: number, y: number, s: number) => number {
  const pixels = frame.rows * frame.columns;
  const spp = frame.samplesPerPixel;
  return frame.planarConfiguration === 1
    ? (x, y, s) => s * pixels + y * frame.columns + x
    : (x, y, s) => (y * frame.columns + x) * spp + s;
}

/**
 * Returns a copy of `frame` with every box redacted by `method`. Boxes are clamped to the frame (parts
 * outside are ignored); a box that is not a finite rectangle throws `INVALID_REGION`.
 */
export function applyRegions(
  frame: DecodedFrame,
  boxes: readonly Box[],
  method: RedactionMethod,
  options: RegionOptions = {},
): DecodedFrame {
  if (!['black', 'white', 'pixelate', 'blur'].includes(method)) {
    throw new PixelDataError(PixelErrorKinds.INVALID_REGION, 'unknown redaction method');
  }
  const data = frame.data.slice() as FrameSamples;
  const out: DecodedFrame = { ...frame, data };
  const at = indexer(frame);
  for (const box of boxes) {
    const r = clampBox(box, frame.rows, frame.columns);
    if (!r) continue;
    if (method === 'black' || method === 'white') {
      const fill = fillValues(frame, method === 'white', options.blackValue);
      for (let y = r.y0; y < r.y1; y++) {
        for (let x = r.x0; x < r.x1; x++) {
          for (let s = 0; s < frame.samplesPerPixel; s++) data[at(x, y, s)] = fill[s] ?? 0;
        }
      }
    } else if (method === 'pixelate') {
      pixelate(
        out,
        r,
        at,
        options.blockSize ?? Math.max(4, Math.floor(Math.min(r.x1 - r.x0, r.y1 - r.y0) / 8)),
      );
    } else {
      const radius = options.radius ?? Math.max(3, Math.floor(Math.min(r.x1 - r.x0, r.y1 - r.y0) / 4));
      for (let pass = 0; pass < 3; pass++) blur(out, r, at, radius);
    }
  }
  return out;
}

type Rect = { x0: number; y0: number; x1: number; y1: number };
type At = (x: number, y: number, s: number) => number;

/** Replaces each block of the region by its mean, per sample. */
function pixelate(frame: DecodedFrame, r: Rect, at: At, block: number): void {
  const size = Math.max(1, Math.floor(block));
  for (let by = r.y0; by < r.y1; by += size) {
    for (let bx = r.x0; bx < r.x1; bx += size) {
      const ey = Math.min(r.y1, by + size);
      const ex = Math.min(r.x1, bx + size);
      for (let s = 0; s < frame.samplesPerPixel; s++) {
        let sum = 0;
        for (let y = by; y < ey; y++) for (let x = bx; x < ex; x++) sum += frame.data[at(x, y, s)] ?? 0;
        const mean = Math.round(sum / ((ey - by) * (ex - bx)));
        for (let y = by; y < ey; y++) for (let x = bx; x < ex; x++) frame.data[at(x, y, s)] = mean;
      }
    }
  }
}

/** One separable box-filter pass over the region, reading only samples inside it. */
function blur(frame: DecodedFrame, r: Rect, at: At, radius: number): void {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const tmp = new Float64Array(w * h);
  for (let s = 0; s < frame.samplesPerPixel; s++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sum = 0;
        let n = 0;
        for (let k = Math.max(0, x - radius); k <= Math.min(w - 1, x + radius); k++, n++)
          sum += frame.data[at(r.x0 + k, r.y0 + y, s)] ?? 0;
        tmp[y * w + x] = sum / n;
      }
    }
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) {
        let sum = 0;
        let n = 0;
        for (let k = Math.max(0, y - radius); k <= Math.min(h - 1, y + radius); k++, n++)
          sum += tmp[k * w + x] ?? 0;
        frame.data[at(r.x0 + x, r.y0 + y, s)] = Math.round(sum / n);
      }
    }
  }
}
