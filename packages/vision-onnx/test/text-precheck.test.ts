import { describe, expect, it } from '@jest/globals';
import type { RasterImage } from '@medimagecleaner/core';
import { TEXT_DETECTOR_DEFAULTS, toEightBit } from '../src/index.js';
import { hasTextStrokes } from '../src/text-detection/precheck.js';
import { tightenBox } from '../src/text-detection/tighten.js';

type Generator = typeof import('../../../tools/burned-in-synth/generate.mjs');
const GENERATOR = new URL('../../../tools/burned-in-synth/generate.mjs', import.meta.url).href;
const { generateFrame } = (await import(GENERATOR)) as Generator;
const D = TEXT_DETECTOR_DEFAULTS;

describe('the stroke pre-check that skips the model', () => {
  it('sends every frame with text (8-60 px) to the model', async () => {
    for (const kind of ['ct', 'us', 'xa', 'rgb'] as const) {
      for (const seed of [41, 42]) {
        const frame = toEightBit(
          await generateFrame({ kind, seed, minSize: 8, maxSize: seed === 41 ? 9 : 60 }),
        );
        expect({ kind, seed, text: hasTextStrokes(frame, D, D.edgeContrast) }).toEqual({
          kind,
          seed,
          text: true,
        });
      }
    }
  });

  it('clears smooth CT and colour frames without text, and a flat frame', async () => {
    for (const kind of ['ct', 'rgb'] as const) {
      for (const seed of [44]) {
        const frame = toEightBit(await generateFrame({ kind, seed, strings: 0 }));
        expect(hasTextStrokes(frame, D, D.edgeContrast)).toBe(false);
      }
    }
    const flat: RasterImage = { width: 64, height: 64, channels: 1, data: new Uint8Array(4096).fill(90) };
    expect(hasTextStrokes(flat, D, D.edgeContrast)).toBe(false);
    expect(hasTextStrokes(flat, { ...D, precheck: false }, D.edgeContrast)).toBe(true);
  });
});

describe('tightenBox', () => {
  it('cuts a grown box to its ink plus the margin, and never grows it', () => {
    const width = 80;
    const height = 40;
    const data = new Uint8Array(width * height).fill(30);
    // "Ink": vertical strokes in x 20-59, y 15-24.
    for (let y = 15; y < 25; y++)
      for (let x = 20; x < 60; x += 4) data[y * width + x] = data[y * width + x + 1] = 220;
    const image: RasterImage = { width, height, channels: 1, data };
    const box = { x: 5, y: 5, width: 70, height: 30 };
    const core = { x: 24, y: 18, width: 30, height: 4 };
    expect(tightenBox(image, box, core, { tighten: true, tightenMargin: 2, inkContrast: 20 })).toEqual({
      x: 18,
      y: 13,
      width: 42,
      height: 14,
    });
    expect(tightenBox(image, box, core, { tighten: false, tightenMargin: 2, inkContrast: 20 })).toEqual(box);
    const empty: RasterImage = { width, height, channels: 1, data: new Uint8Array(width * height) };
    expect(tightenBox(empty, box, core, { tighten: true, tightenMargin: 2, inkContrast: 20 })).toEqual(box);
  });
});
