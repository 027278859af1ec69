/**
 * The pixels tesseract reads: a region cut from an 8-bit image, turned grey, enlarged when small
 * (tesseract's LSTM reads best at 20-40 px letters), and encoded as binary PGM, which tesseract.js
 * decodes with no image library.
 */
import type { Box, RasterImage } from '@medimagecleaner/core';
import { clampBox } from '../boxes.js';

/** Letters shorter than this (the crop height stands in for it) are enlarged. */
const TARGET_HEIGHT = 48;
/** The largest enlargement applied. */
const MAX_UPSCALE = 4;

/** A grey 8-bit crop of `image` (whole image without `region`), or undefined when the region is outside it. */
export function greyCrop(image: RasterImage, region?: Box): RasterImage | undefined {
  const r = clampBox(
    region ?? { x: 0, y: 0, width: image.width, height: image.height },
    image.width,
    image.height,
  );
  if (!r) return undefined;
  const out = new Uint8Array(r.width * r.height);
  const { channels, data, width } = image;
  for (let y = 0; y < r.height; y++) {
    let s = ((r.y + y) * width + r.x) * channels;
    const o = y * r.width;
    for (let x = 0; x < r.width; x++, s += channels) {
      out[o + x] =
        channels === 1
          ? data[s]!
          : Math.round(0.299 * data[s]! + 0.587 * data[s + 1]! + 0.114 * data[s + 2]!);
    }
  }
  return { width: r.width, height: r.height, channels: 1, data: out };
}

/** The grey image enlarged by an integer factor (nearest neighbour) when it is shorter than 48 px. */
export function enlargeForOcr(grey: RasterImage): RasterImage {
  const f = Math.min(MAX_UPSCALE, Math.max(1, Math.ceil(TARGET_HEIGHT / grey.height)));
  if (f === 1) return grey;
  const w = grey.width * f;
  const h = grey.height * f;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const srow = Math.floor(y / f) * grey.width;
    for (let x = 0; x < w; x++) out[y * w + x] = grey.data[srow + Math.floor(x / f)]!;
  }
  return { width: w, height: h, channels: 1, data: out };
}

/** Binary PGM (P5) bytes of a grey 8-bit image. */
export function encodePgm(grey: RasterImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${grey.width} ${grey.height}\n255\n`);
  const out = new Uint8Array(header.length + grey.data.length);
  out.set(header, 0);
  out.set(grey.data, header.length);
  return out;
}
