/**
 * From the detection model's text probability map to boxes in image coordinates: threshold, 8-connected
 * components, a mean-probability score per component, DB-style "unclip" (the shrunk text kernel grown
 * back by area x ratio / perimeter), then a margin, and the result mapped to the image and clamped.
 */
import type { Box } from '@medimagecleaner/core';
import { clampBox } from '../boxes.js';

/** Thresholds and growth of the box extraction. */
export interface BoxExtraction {
  /** A map pixel above this probability is text (PaddleOCR default 0.3). */
  threshold: number;
  /** A component whose mean probability is below this is dropped (PaddleOCR default 0.6). */
  boxThreshold: number;
  /** DB unclip ratio: growth distance = area x ratio / perimeter (PaddleOCR default 1.5). */
  unclipRatio: number;
  /** Extra margin on every side after unclipping, as a fraction of the box height. */
  margin: number;
  /** Components smaller than this many map pixels are dropped. */
  minPixels: number;
}

/** The probability map as the model returns it (one channel). */
export interface ProbabilityMap {
  data: Float32Array;
  width: number;
  height: number;
}

/** A detected text box and the model's text kernel inside it, both in image pixels. */
export interface TextBox {
  /** The grown box (unclip and margin), clamped to the image. */
  box: Box;
  /** The bounding box of the probability-map component (the shrunk text kernel), clamped. */
  core: Box;
}

/** Boxes of the text in `map`, in image coordinates (map pixel x `scaleX`/`scaleY`), clamped to the image. */
export function extractBoxes(
  map: ProbabilityMap,
  opts: BoxExtraction,
  image: { width: number; height: number; scaleX: number; scaleY: number },
): TextBox[] {
  const { data, width: w, height: h } = map;
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const boxes: TextBox[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || data[start]! <= opts.threshold) continue;
    seen[start] = 1;
    let top = 0;
    stack[top++] = start;
    let count = 0;
    let sum = 0;
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    while (top > 0) {
      const p = stack[--top]!;
      const px = p % w;
      const py = (p - px) / w;
      count++;
      sum += data[p]!;
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = py + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (!seen[q] && data[q]! > opts.threshold) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    if (count < opts.minPixels || sum / count < opts.boxThreshold) continue;
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    const grow = (bw * bh * opts.unclipRatio) / (2 * (bw + bh));
    const gh = bh + 2 * grow;
    const pad = grow + opts.margin * gh;
    const box = clampBox(
      {
        x: (x0 - pad) * image.scaleX,
        y: (y0 - pad) * image.scaleY,
        width: (bw + 2 * pad) * image.scaleX,
        height: (bh + 2 * pad) * image.scaleY,
      },
      image.width,
      image.height,
    );
    const core = clampBox(
      { x: x0 * image.scaleX, y: y0 * image.scaleY, width: bw * image.scaleX, height: bh * image.scaleY },
      image.width,
      image.height,
    );
    if (box && core) boxes.push({ box, core });
  }
  return boxes;
}
