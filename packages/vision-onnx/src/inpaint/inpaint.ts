/** Inpainting of boxes in a vision image: a copy with the boxes filled by {@link teleaInpaint}. */
import type { Box } from '@medimagecleaner/core';
import { clampBox } from '../boxes.js';
import { assertValidImage, isHighBit, type VisionImage } from '../raster.js';
import { teleaInpaint } from './telea.js';

/** Options of {@link inpaintRegions}. */
export interface InpaintOptions {
  /** Neighbourhood radius in pixels each filled pixel is estimated from (default 5). */
  radius?: number;
}

/**
 * A copy of `image` (8-bit grey or RGB, or high-bit grey) with the inside of each box filled from the
 * pixels around it by Telea's fast-marching method. Pixels outside every box are unchanged; boxes are
 * clamped to the image. Throws `E_PARSE_FAILED` on a malformed image.
 */
export function inpaintRegions<T extends VisionImage>(
  image: T,
  boxes: readonly Box[],
  options: InpaintOptions = {},
): T {
  assertValidImage(image);
  const { width, height, channels } = image;
  const mask = new Uint8Array(width * height);
  let any = false;
  for (const raw of boxes) {
    const box = clampBox(raw, width, height);
    if (!box) continue;
    any = true;
    for (let y = box.y; y < box.y + box.height; y++) {
      mask.fill(1, y * width + box.x, y * width + box.x + box.width);
    }
  }
  const data = image.data.slice();
  if (any) {
    const max = isHighBit(image) ? (image.bitsStored >= 16 ? 0xffff : (1 << image.bitsStored) - 1) : 255;
    teleaInpaint({ width, height, channels, data, max }, mask, options.radius ?? 5);
  }
  return { ...image, data } as T;
}
