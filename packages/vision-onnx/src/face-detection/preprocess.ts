/**
 * Input tensor for BlazeFace: a square window of the image (letterboxed when it leaves the image)
 * resampled bilinearly to the model's side, RGB, interleaved (NHWC), scaled to -1..1.
 */
import type { RasterImage } from '@medimagecleaner/core';

/** A square window of the image, in image pixels: the part of the image one model run sees. */
export interface SquareWindow {
  /** Left edge (may be negative: the window is padded with black outside the image). */
  x: number;
  /** Top edge (may be negative). */
  y: number;
  /** Side length in image pixels. */
  side: number;
}

/** The square window centred on the image that holds all of it (the longer side). */
export function wholeImageWindow(width: number, height: number): SquareWindow {
  const side = Math.max(width, height);
  return { x: (width - side) / 2, y: (height - side) / 2, side };
}

/**
 * Overlapping square tiles covering the image, each `side` pixels, adjacent tiles overlapping by at
 * least `overlap` of a side (so a face cut by one tile's edge is whole in its neighbour).
 */
export function tileWindows(width: number, height: number, side: number, overlap: number): SquareWindow[] {
  const starts = (length: number): number[] => {
    if (length <= side) return [(length - side) / 2];
    const count = Math.ceil((length - side) / (side * (1 - overlap))) + 1;
    const step = (length - side) / (count - 1);
    return Array.from({ length: count }, (_, i) => i * step);
  };
  const windows: SquareWindow[] = [];
  for (const y of starts(height)) for (const x of starts(width)) windows.push({ x, y, side });
  return windows;
}

/** The model input (`size` x `size` x 3 floats, -1..1) of one window of an 8-bit grey or RGB image. */
export function prepareFaceInput(image: RasterImage, window: SquareWindow, size: number): Float32Array {
  const { width: sw, height: sh, channels, data } = image;
  const out = new Float32Array(size * size * 3);
  const scale = window.side / size;
  for (let y = 0; y < size; y++) {
    const fy = window.y + (y + 0.5) * scale - 0.5;
    const inY = fy > -1 && fy < sh;
    const y0 = Math.min(Math.max(Math.floor(fy), 0), sh - 1);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = Math.min(Math.max(fy - y0, 0), 1);
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 3;
      const fx = window.x + (x + 0.5) * scale - 0.5;
      if (!inY || fx <= -1 || fx >= sw) {
        out[o] = out[o + 1] = out[o + 2] = -1;
        continue;
      }
      const x0 = Math.min(Math.max(Math.floor(fx), 0), sw - 1);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = Math.min(Math.max(fx - x0, 0), 1);
      for (let c = 0; c < 3; c++) {
        const k = channels === 3 ? c : 0;
        const a = data[(y0 * sw + x0) * channels + k]!;
        const b = data[(y0 * sw + x1) * channels + k]!;
        const d = data[(y1 * sw + x0) * channels + k]!;
        const e = data[(y1 * sw + x1) * channels + k]!;
        const top = a + (b - a) * wx;
        const bottom = d + (e - d) * wx;
        out[o + c] = (top + (bottom - top) * wy) / 127.5 - 1;
      }
    }
  }
  return out;
}
