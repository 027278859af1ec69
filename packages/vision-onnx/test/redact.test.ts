import { describe, expect, it } from '@jest/globals';
import { ErrorCodes, type Box, type RasterImage } from '@medimagecleaner/core';
import { redactRegions, REDACTION_METHODS, type HighBitRasterImage, type VisionImage } from '../src/index.js';

function textured(width: number, height: number, channels: 1 | 3): RasterImage {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + ((i / 7) | 0) * 11) % 251;
  return { width, height, channels, data };
}

function inside(boxes: readonly Box[], x: number, y: number): boolean {
  return boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
}

/** Pixels that differ, split into inside and outside `boxes`. */
function diff(a: VisionImage, b: VisionImage, boxes: readonly Box[]): { inside: number; outside: number } {
  const out = { inside: 0, outside: 0 };
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      for (let c = 0; c < a.channels; c++) {
        const i = (y * a.width + x) * a.channels + c;
        if (a.data[i] !== b.data[i]) {
          if (inside(boxes, x, y)) out.inside++;
          else out.outside++;
          break;
        }
      }
    }
  }
  return out;
}

const BOXES: Box[] = [
  { x: 10, y: 12, width: 30, height: 14 },
  { x: 50, y: 40, width: 25, height: 20 },
];

describe('redactRegions', () => {
  for (const channels of [1, 3] as const) {
    for (const method of REDACTION_METHODS) {
      it(`${method} on ${channels} channel(s) changes pixels inside the boxes only`, () => {
        const image = textured(96, 72, channels);
        const copy = image.data.slice();
        const out = redactRegions(image, BOXES, method);
        expect(image.data).toEqual(copy); // input untouched
        const d = diff(image, out, BOXES);
        expect(d.outside).toBe(0);
        expect(d.inside).toBeGreaterThan(0.5 * (30 * 14 + 25 * 20));
      });
    }
  }

  it('black fills with 0 and white with the maximum, also for high-bit grey', () => {
    const image = textured(40, 30, 3);
    const black = redactRegions(image, [{ x: 2, y: 3, width: 5, height: 4 }], 'black');
    const white = redactRegions(image, [{ x: 2, y: 3, width: 5, height: 4 }], 'white');
    expect(black.data[(3 * 40 + 2) * 3]).toBe(0);
    expect(white.data[(6 * 40 + 6) * 3 + 2]).toBe(255);
    const deep: HighBitRasterImage = {
      width: 8,
      height: 8,
      channels: 1,
      bitsStored: 12,
      data: new Uint16Array(64).fill(1000),
    };
    const w = redactRegions(deep, [{ x: 0, y: 0, width: 2, height: 2 }], 'white');
    expect(w.data).toBeInstanceOf(Uint16Array);
    expect([w.data[0], w.data[9], w.data[2]]).toEqual([4095, 4095, 1000]);
  });

  it('clamps boxes to the image and ignores boxes outside it', () => {
    const image = textured(20, 20, 1);
    const boxes = [
      { x: -5, y: 15, width: 10, height: 10 },
      { x: 30, y: 30, width: 5, height: 5 },
    ];
    const out = redactRegions(image, boxes, 'black');
    expect(diff(image, out, [{ x: 0, y: 15, width: 5, height: 5 }]).outside).toBe(0);
    for (let y = 15; y < 20; y++) for (let x = 0; x < 5; x++) expect(out.data[y * 20 + x]).toBe(0);
  });

  it('pixelate makes cells uniform and blur keeps the mean level', () => {
    const image = textured(64, 64, 1);
    const box = { x: 0, y: 0, width: 32, height: 32 };
    const pix = redactRegions(image, [box], 'pixelate', { size: 8 });
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(pix.data[y * 64 + x]).toBe(pix.data[0]);
    const blur = redactRegions(image, [box], 'blur', { size: 3 });
    let before = 0;
    let after = 0;
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) {
        before += image.data[y * 64 + x]!;
        after += blur.data[y * 64 + x]!;
      }
    expect(Math.abs(after - before) / before).toBeLessThan(0.05);
  });

  it('throws typed errors on malformed images and unknown methods', () => {
    const bad: RasterImage = { width: 10, height: 10, channels: 1, data: new Uint8Array(99) };
    expect(() => redactRegions(bad, BOXES, 'black')).toThrow(
      expect.objectContaining({ code: ErrorCodes.PARSE_FAILED }),
    );
    expect(() => redactRegions(textured(4, 4, 1), BOXES, 'smudge' as never)).toThrow(
      expect.objectContaining({ code: ErrorCodes.USAGE }),
    );
  });
});
