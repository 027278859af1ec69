/**
 * A check on the model's boxes: text is made of strokes, so a box with almost no sharp edges inside
 * is not text. PP-OCRv4's detector sometimes marks smooth blobs (an organ's disc, a flat patch of
 * colour) as text with high confidence; their boxes have almost no pixel-to-pixel steps, while every
 * text box of the burned-in generator has steps at 10 % or more of its pixels.
 */
import type { Box, RasterImage } from '@medimagecleaner/core';

/** Settings of {@link hasStrokes}. */
export interface StrokeFilter {
  /** A step of more than this many levels between neighbours (in any channel) is an edge (8-bit scale). */
  edgeContrast: number;
  /** A box keeps when at least this fraction of its pixels are edges; 0 turns the filter off. */
  minEdgeFraction: number;
}

/** True when `box` (inside the image) has enough sharp edges to hold text. */
export function hasStrokes(image: RasterImage, box: Box, filter: StrokeFilter): boolean {
  if (filter.minEdgeFraction <= 0) return true;
  const { width, channels, data } = image;
  const step = (a: number, b: number): number => {
    let d = 0;
    for (let c = 0; c < channels; c++) d = Math.max(d, Math.abs(data[a + c]! - data[b + c]!));
    return d;
  };
  const x1 = box.x + box.width - 1;
  const y1 = box.y + box.height - 1;
  const total = Math.max(1, (x1 - box.x) * (y1 - box.y));
  const needed = filter.minEdgeFraction * total;
  let edges = 0;
  for (let y = box.y; y < y1; y++) {
    for (let x = box.x; x < x1; x++) {
      const o = (y * width + x) * channels;
      if (
        step(o, o + channels) > filter.edgeContrast ||
        step(o, o + width * channels) > filter.edgeContrast
      ) {
        if (++edges >= needed) return true;
      }
    }
  }
  return false;
}
