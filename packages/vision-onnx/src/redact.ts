/**
 * Pixel redaction over the raw buffer: black, white, blur or pixelate the inside of each box, and
 * nothing else. The input is not modified; a new image is returned.
 */
import { ErrorCodes, MedImageCleanerError, type Box } from '@medimagecleaner/core';
import { clampBox } from './boxes.js';
import { inpaintRegions } from './inpaint/inpaint.js';
import { assertValidImage, isHighBit, type HighBitRasterImage, type VisionImage } from './raster.js';

/**
 * How a box is redacted. `black` and `white` fill it with 0 or the maximum value (255, or
 * 2^bitsStored - 1 for high-bit images); `blur` replaces each pixel with the mean of a square around it
 * (read inside the box only); `pixelate` replaces square cells with their mean. Only `black` and `white`
 * remove text for certain: blur and pixelate keep large letters legible when the radius or cell is
 * small against the letter height. `inpaint` fills each box from the pixels around it (Telea's
 * fast-marching method): nothing of the box's inside is read, so it removes content as surely as
 * `black`, and a smooth background looks continuous.
 */
export type RedactionMethod = 'black' | 'white' | 'blur' | 'pixelate' | 'inpaint';

/** The redaction methods, in the order the documentation lists them. */
export const REDACTION_METHODS: readonly RedactionMethod[] = [
  'black',
  'white',
  'blur',
  'pixelate',
  'inpaint',
];

/** Options of {@link redactRegions}. */
export interface RedactionOptions {
  /**
   * Blur radius or pixelate cell size in pixels. Default: per box, a third of the box's smaller side,
   * at least 4 (blur) or 8 (pixelate), which leaves letters of that box unreadable. For `inpaint`,
   * the radius each filled pixel is estimated from (default 5).
   */
  size?: number;
}

/**
 * A copy of `image` with the inside of each box redacted by `method`. Boxes are clamped to the image
 * (those fully outside are ignored); pixels outside every box are unchanged. Throws `E_PARSE_FAILED`
 * on a malformed image and `E_USAGE` on an unknown method.
 */
export function redactRegions<T extends VisionImage>(
  image: T,
  boxes: readonly Box[],
  method: RedactionMethod,
  options: RedactionOptions = {},
): T {
  assertValidImage(image);
  if (!REDACTION_METHODS.includes(method)) {
    throw new MedImageCleanerError(ErrorCodes.USAGE, `unknown redaction method '${String(method)}'`);
  }
  if (method === 'inpaint') {
    return inpaintRegions(image, boxes, options.size === undefined ? {} : { radius: options.size });
  }
  const data = image.data.slice();
  const max = isHighBit(image) ? maxValue(image) : 255;
  const { width, height, channels } = image;
  for (const raw of boxes) {
    const box = clampBox(raw, width, height);
    if (!box) continue;
    switch (method) {
      case 'black':
      case 'white':
        fill(data, width, channels, box, method === 'black' ? 0 : max);
        break;
      case 'blur':
        blur(
          data,
          width,
          channels,
          box,
          options.size ?? Math.max(4, Math.round(Math.min(box.width, box.height) / 3)),
        );
        break;
      case 'pixelate':
        pixelate(
          data,
          width,
          channels,
          box,
          options.size ?? Math.max(8, Math.round(Math.min(box.width, box.height) / 3)),
        );
        break;
    }
  }
  return { ...image, data } as T;
}

type Samples = Uint8Array | Uint16Array;

function maxValue(image: HighBitRasterImage): number {
  return image.bitsStored >= 16 ? 0xffff : (1 << image.bitsStored) - 1;
}

function fill(data: Samples, width: number, channels: number, box: Box, value: number): void {
  for (let y = box.y; y < box.y + box.height; y++) {
    const start = (y * width + box.x) * channels;
    data.fill(value, start, start + box.width * channels);
  }
}

/** Box blur with radius `r`, separable (rows then columns), reading only pixels inside the box. */
function blur(data: Samples, width: number, channels: number, box: Box, r: number): void {
  const { x: bx, y: by, width: bw, height: bh } = box;
  const tmp = new Float64Array(bw * bh * channels);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        let sum = 0;
        const x0 = Math.max(0, x - r);
        const x1 = Math.min(bw - 1, x + r);
        for (let k = x0; k <= x1; k++) sum += data[((by + y) * width + bx + k) * channels + c]!;
        tmp[(y * bw + x) * channels + c] = sum / (x1 - x0 + 1);
      }
    }
    for (let x = 0; x < bw; x++) {
      for (let y = 0; y < bh; y++) {
        let sum = 0;
        const y0 = Math.max(0, y - r);
        const y1 = Math.min(bh - 1, y + r);
        for (let k = y0; k <= y1; k++) sum += tmp[(k * bw + x) * channels + c]!;
        data[((by + y) * width + bx + x) * channels + c] = Math.round(sum / (y1 - y0 + 1));
      }
    }
  }
}

/** Square cells of `cell` pixels (clipped at the box edge) replaced by their mean per channel. */
function pixelate(data: Samples, width: number, channels: number, box: Box, cell: number): void {
  const size = Math.max(1, Math.round(cell));
  for (let cy = box.y; cy < box.y + box.height; cy += size) {
    const ey = Math.min(cy + size, box.y + box.height);
    for (let cx = box.x; cx < box.x + box.width; cx += size) {
      const ex = Math.min(cx + size, box.x + box.width);
      const n = (ey - cy) * (ex - cx);
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let y = cy; y < ey; y++)
          for (let x = cx; x < ex; x++) sum += data[(y * width + x) * channels + c]!;
        const mean = Math.round(sum / n);
        for (let y = cy; y < ey; y++)
          for (let x = cx; x < ex; x++) data[(y * width + x) * channels + c] = mean;
      }
    }
  }
}
