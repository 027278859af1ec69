import { describe, expect, it } from '@jest/globals';
import { ErrorCodes, type Box, type RasterImage } from '@medimagecleaner/core';
import { inpaintRegions, type HighBitRasterImage, type VisionImage } from '../src/index.js';

/** A smooth background: a plane in each channel plus a gentle wave. */
function smooth(width: number, height: number, channels: 1 | 3): RasterImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++)
        data[(y * width + x) * channels + c] = Math.round(
          40 + 0.5 * x + 0.4 * y + 30 * c + 8 * Math.sin((x + y * (c + 1)) / 25),
        );
  return { width, height, channels, data };
}

/** Draws white "text" strokes into a copy of `image` inside `box`. */
function withStrokes<T extends VisionImage>(image: T, box: Box, value: number): T {
  const data = image.data.slice();
  for (let y = box.y + 2; y < box.y + box.height - 2; y++)
    for (let x = box.x + 2; x < box.x + box.width - 2; x++)
      if ((x + 2 * y) % 7 < 2)
        for (let c = 0; c < image.channels; c++) data[(y * image.width + x) * image.channels + c] = value;
  return { ...image, data } as T;
}

const inside = (b: Box, x: number, y: number): boolean =>
  x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;

const BOX: Box = { x: 60, y: 40, width: 70, height: 24 };

describe('inpaintRegions (Telea fast marching)', () => {
  for (const channels of [1, 3] as const) {
    it(`fills a box on a smooth ${channels === 1 ? 'grey' : 'RGB'} background from its border with a small error`, () => {
      const clean = smooth(200, 120, channels);
      const dirty = withStrokes(clean, BOX, 255);
      const out = inpaintRegions(dirty, [BOX]);
      let changedOutside = 0;
      let sumErr = 0;
      let maxErr = 0;
      let n = 0;
      for (let y = 0; y < 120; y++)
        for (let x = 0; x < 200; x++)
          for (let c = 0; c < channels; c++) {
            const i = (y * 200 + x) * channels + c;
            if (inside(BOX, x, y)) {
              const e = Math.abs(out.data[i]! - clean.data[i]!);
              sumErr += e;
              maxErr = Math.max(maxErr, e);
              n++;
            } else if (out.data[i] !== dirty.data[i]) changedOutside++;
          }
      expect(changedOutside).toBe(0);
      expect(sumErr / n).toBeLessThan(3);
      expect(maxErr).toBeLessThan(20); // the strokes were 255 against a background of 40-200
    });
  }

  it('does not read the inside of the box: two images that differ only there give the same output', () => {
    const a = withStrokes(smooth(120, 80, 3), { x: 30, y: 20, width: 40, height: 30 }, 255);
    const b = withStrokes(smooth(120, 80, 3), { x: 30, y: 20, width: 40, height: 30 }, 0);
    const box = { x: 30, y: 20, width: 40, height: 30 };
    expect(inpaintRegions(a, [box]).data).toEqual(inpaintRegions(b, [box]).data);
  });

  it('works on 12-bit grey, keeps the Uint16Array and stays within bitsStored', () => {
    const base = smooth(100, 60, 1);
    const deep: HighBitRasterImage = {
      width: 100,
      height: 60,
      channels: 1,
      bitsStored: 12,
      data: Uint16Array.from(base.data, (v) => v * 16),
    };
    const box = { x: 20, y: 20, width: 30, height: 12 };
    const out = inpaintRegions(withStrokes(deep, box, 4095), [box]);
    expect(out.data).toBeInstanceOf(Uint16Array);
    for (let y = box.y; y < box.y + box.height; y++)
      for (let x = box.x; x < box.x + box.width; x++) {
        const i = y * 100 + x;
        expect(Math.abs(out.data[i]! - deep.data[i]!)).toBeLessThan(16 * 12);
      }
  });

  it('leaves the input untouched, clamps boxes and ignores boxes outside the image', () => {
    // Strokes inside the part of the first box that lies in the image (0-15 x 0-15).
    const image = withStrokes(smooth(50, 40, 1), { x: 0, y: 0, width: 14, height: 14 }, 255);
    const copy = image.data.slice();
    const out = inpaintRegions(image, [
      { x: -10, y: -10, width: 25, height: 25 },
      { x: 100, y: 100, width: 5, height: 5 },
    ]);
    expect(image.data).toEqual(copy);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 50; x++)
        if (x >= 15 || y >= 15) expect(out.data[y * 50 + x]).toBe(image.data[y * 50 + x]);
    expect(image.data[2 * 50 + 3]).toBe(255); // a stroke pixel, filled from the background
    expect(Math.abs(out.data[2 * 50 + 3]! - smooth(50, 40, 1).data[2 * 50 + 3]!)).toBeLessThan(10);
  });

  it('throws E_PARSE_FAILED on a malformed image', () => {
    const bad: RasterImage = { width: 5, height: 5, channels: 1, data: new Uint8Array(24) };
    expect(() => inpaintRegions(bad, [])).toThrow(expect.objectContaining({ code: ErrorCodes.PARSE_FAILED }));
  });
});
