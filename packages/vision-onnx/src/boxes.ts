/** Axis-aligned box helpers (integer pixel boxes, `x`/`y` the top-left corner). */
import type { Box } from '@medimagecleaner/core';

/**
 * The part of `box` inside a `width` x `height` image, with integer edges (the box's edges rounded
 * outwards), or `undefined` when nothing of it is inside.
 */
export function clampBox(box: Box, width: number, height: number): Box | undefined {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.width));
  const y1 = Math.min(height, Math.ceil(box.y + box.height));
  if (!(x1 > x0 && y1 > y0)) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The area of the overlap of two boxes (0 when they do not overlap). */
export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Intersection over union of two boxes, 0 to 1. */
export function iou(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The fraction of `inner`'s area that lies inside the union of `outers` (0 to 1; overlaps counted once). */
export function coveredFraction(inner: Box, outers: readonly Box[]): number {
  const area = inner.width * inner.height;
  if (area <= 0) return 0;
  const x0 = Math.floor(inner.x);
  const y0 = Math.floor(inner.y);
  const w = Math.ceil(inner.x + inner.width) - x0;
  const h = Math.ceil(inner.y + inner.height) - y0;
  const mask = new Uint8Array(w * h);
  for (const o of outers) {
    const ox0 = Math.max(x0, Math.floor(o.x));
    const oy0 = Math.max(y0, Math.floor(o.y));
    const ox1 = Math.min(x0 + w, Math.ceil(o.x + o.width));
    const oy1 = Math.min(y0 + h, Math.ceil(o.y + o.height));
    for (let y = oy0; y < oy1; y++) mask.fill(1, (y - y0) * w + (ox0 - x0), (y - y0) * w + (ox1 - x0));
  }
  let covered = 0;
  for (const m of mask) covered += m;
  return covered / (w * h);
}
