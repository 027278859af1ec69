/** Redaction on original samples and the detection rendering. */
import { decodeFrames } from '../../src/pixels/decode.js';
import type { DecodedFrame } from '../../src/pixels/description.js';
import { toPlanar } from '../../src/pixels/layout.js';
import { applyRegions } from '../../src/pixels/regions.js';
import { windowTo8Bit } from '../../src/pixels/window.js';
import { loadFixture } from './fixtures.js';

async function first(name: string): Promise<DecodedFrame> {
  for await (const f of decodeFrames(loadFixture(name))) return f;
  throw new Error('no frame');
}

function grey(values: number[], rows: number, columns: number, photometric = 'MONOCHROME2'): DecodedFrame {
  return {
    index: 0,
    rows,
    columns,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 12,
    pixelRepresentation: 0,
    photometricInterpretation: photometric,
    planarConfiguration: 0,
    data: Uint16Array.from(values),
  };
}

describe('applyRegions', () => {
  test('black and white use the stored range; MONOCHROME1 is inverted; the input is not modified', () => {
    const frame = grey([100, 200, 300, 400], 2, 2);
    const black = applyRegions(frame, [{ x: 0, y: 0, width: 1, height: 1 }], 'black');
    const white = applyRegions(frame, [{ x: 1, y: 1, width: 5, height: 5 }], 'white');
    expect([...black.data]).toEqual([0, 200, 300, 400]);
    expect([...white.data]).toEqual([100, 200, 300, 4095]);
    expect([...frame.data]).toEqual([100, 200, 300, 400]);
    const mono1 = applyRegions(
      grey([1, 2, 3, 4], 2, 2, 'MONOCHROME1'),
      [{ x: 0, y: 0, width: 2, height: 1 }],
      'black',
    );
    expect([...mono1.data]).toEqual([4095, 4095, 3, 4]);
    const padded = applyRegions(frame, [{ x: 0, y: 0, width: 2, height: 2 }], 'black', { blackValue: 7 });
    expect([...padded.data]).toEqual([7, 7, 7, 7]);
  });

  test('boxes are clamped; boxes fully outside change nothing; NaN boxes are typed errors', () => {
    const frame = grey([1, 2, 3, 4], 2, 2);
    expect([...applyRegions(frame, [{ x: -5, y: 1, width: 6, height: 9 }], 'black').data]).toEqual([
      1, 2, 0, 4,
    ]);
    expect([...applyRegions(frame, [{ x: 5, y: 5, width: 3, height: 3 }], 'black').data]).toEqual([
      1, 2, 3, 4,
    ]);
    expect(() => applyRegions(frame, [{ x: NaN, y: 0, width: 1, height: 1 }], 'black')).toThrow(
      expect.objectContaining({ kind: 'INVALID_REGION' }),
    );
  });

  test('planar and interleaved RGB give the same result', async () => {
    const rgb = await first('SC_rgb_expb_2frame.dcm');
    const box = { x: 10, y: 10, width: 40, height: 30 };
    for (const method of ['black', 'white', 'pixelate', 'blur'] as const) {
      const interleaved = applyRegions(rgb, [box], method);
      const planar = applyRegions(toPlanar(rgb), [box], method);
      expect(toPlanar(interleaved).data).toEqual(planar.data);
    }
  });

  test('pixelate and blur change only the box, on 16-bit signed data', async () => {
    const mr = await first('MR_small.dcm');
    const box = { x: 16, y: 16, width: 32, height: 32 };
    for (const method of ['pixelate', 'blur'] as const) {
      const out = applyRegions(mr, [box], method);
      expect(out.data).toBeInstanceOf(Int16Array);
      let inside = 0;
      for (let i = 0; i < out.data.length; i++) {
        const x = i % 64;
        const y = Math.floor(i / 64);
        const within = x >= 16 && x < 48 && y >= 16 && y < 48;
        if (out.data[i] !== mr.data[i]) {
          expect(within).toBe(true);
          inside++;
        }
      }
      expect(inside).toBeGreaterThan(500);
    }
  });
});

describe('windowTo8Bit', () => {
  test('min/max stretch, VOI window and MONOCHROME1 inversion', () => {
    const frame = grey([100, 200, 300, 500], 2, 2);
    expect([...windowTo8Bit(frame).image.data]).toEqual([0, 64, 128, 255]);
    const windowed = windowTo8Bit(frame, { window: { center: 300, width: 201 } });
    expect([...windowed.image.data]).toEqual([0, 1, 128, 255]);
    expect([...windowTo8Bit({ ...frame, photometricInterpretation: 'MONOCHROME1' }).image.data]).toEqual([
      255, 191, 127, 0,
    ]);
  });

  test('renders the RasterImage shape of core, grey and RGB', async () => {
    const mr = windowTo8Bit(await first('MR_small.dcm'), { window: { center: 600, width: 1600 } });
    expect(mr.image).toMatchObject({ width: 64, height: 64, channels: 1 });
    expect(mr.image.data).toHaveLength(64 * 64);
    const rgb = windowTo8Bit(await first('examples_ybr_color.dcm'));
    expect(rgb.image).toMatchObject({ width: 320, height: 240, channels: 3 });
    expect(rgb.image.data).toHaveLength(320 * 240 * 3);
  });

  test('a downscaled rendering maps boxes back to frame coordinates', async () => {
    const frame = await first('HTJ2K_08_RGB.dcm');
    const { image, mapping } = windowTo8Bit(frame, { maxDimension: 320 });
    expect([image.width, image.height]).toEqual([320, 240]);
    expect(mapping.toFrame({ x: 10, y: 20, width: 30, height: 40 })).toEqual({
      x: 20,
      y: 40,
      width: 60,
      height: 80,
    });
    expect(mapping.toFrame({ x: 300, y: 230, width: 50, height: 50 })).toEqual({
      x: 600,
      y: 460,
      width: 40,
      height: 20,
    });
  });
});
