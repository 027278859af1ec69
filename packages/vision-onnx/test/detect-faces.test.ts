import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Box, RasterImage } from '@medimagecleaner/core';
import { createVisionPort, FaceDetector, type HighBitRasterImage } from '../src/index.js';

const require = createRequire(import.meta.url);
const sharp = require('sharp') as typeof import('sharp').default;
const FIXTURES = new URL('./fixtures/faces/', import.meta.url);

async function photo(name: string, grey = false): Promise<RasterImage> {
  let pipeline = sharp(readFileSync(new URL(name, FIXTURES))).removeAlpha();
  if (grey) pipeline = pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: grey ? 1 : 3, data: new Uint8Array(data) };
}

/** Face centres checked by eye on the fixtures (see fixtures/faces/PROVENANCE.md). */
const FACES: Record<string, [number, number][]> = {
  'sample1-640.jpg': [
    [170, 165],
    [313, 185],
    [524, 113],
  ],
  'sample3-640.jpg': [
    [232, 162],
    [398, 128],
    [525, 152],
  ],
  'sample4-640.jpg': [
    [253, 70],
    [360, 108],
    [108, 112],
    [455, 99],
  ],
  'sample5-640.jpg': [
    [508, 189],
    [157, 349],
    [286, 82],
    [224, 188],
    [401, 117],
  ],
  'sample6-640.jpg': [
    [118, 216],
    [527, 145],
    [423, 156],
    [259, 167],
  ],
};

const contains = (b: Box, [x, y]: [number, number]): boolean =>
  x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;

/** Every true face inside exactly one box, and every box holding exactly one true face. */
function matchesOneToOne(boxes: readonly Box[], centres: readonly [number, number][]): boolean {
  return (
    centres.every((c) => boxes.filter((b) => contains(b, c)).length === 1) &&
    boxes.every((b) => centres.filter((c) => contains(b, c)).length === 1)
  );
}

const detector = new FaceDetector();
const port = createVisionPort();
afterAll(async () => {
  await detector.close();
  await port.close();
});

describe('FaceDetector (BlazeFace short and full range, tiled)', () => {
  for (const [name, centres] of Object.entries(FACES)) {
    it(`finds the ${centres.length} faces of ${name} and nothing else`, async () => {
      const faces = await detector.detectWithScores(await photo(name));
      expect(
        matchesOneToOne(
          faces.map((f) => f.box),
          centres,
        ),
      ).toBe(true);
      for (const f of faces) expect(f.score).toBeGreaterThanOrEqual(0.6);
    });
  }

  it('finds no face in a photo without people', async () => {
    expect(await detector.detect(await photo('no-face-640.jpg'))).toEqual([]);
  });

  it('finds the faces of a grey photo and of a 12-bit grey copy', async () => {
    const grey = await photo('sample6-640.jpg', true);
    expect(matchesOneToOne(await detector.detect(grey), FACES['sample6-640.jpg']!)).toBe(true);
    const deep: HighBitRasterImage = {
      ...grey,
      channels: 1,
      bitsStored: 12,
      data: Uint16Array.from(grey.data, (v) => v * 16),
    };
    expect(matchesOneToOne(await detector.detect(deep), FACES['sample6-640.jpg']!)).toBe(true);
  });

  it('pads each box beyond the model box and keeps it inside the image', async () => {
    const image = await photo('sample1-640.jpg');
    const tight = new FaceDetector({ padding: { side: 0, top: 0, bottom: 0 } });
    try {
      const [padded, bare] = [await detector.detect(image), await tight.detect(image)];
      expect(padded).toHaveLength(bare.length);
      for (const b of bare) {
        const p = padded.find((q) => contains(q, [b.x + b.width / 2, b.y + b.height / 2]))!;
        expect(p.width * p.height).toBeGreaterThan(1.8 * b.width * b.height);
        expect(p.y).toBeLessThan(b.y);
      }
      for (const p of padded) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.x + p.width).toBeLessThanOrEqual(image.width);
        expect(p.y + p.height).toBeLessThanOrEqual(image.height);
      }
    } finally {
      await tight.close();
    }
  });

  it('finds a small face through the tiles that the whole-image runs miss', async () => {
    // sample3 shrunk into a corner of a large dark frame: faces of about 20 px in 1024 px.
    const small = await sharp(readFileSync(new URL('sample3-640.jpg', FIXTURES)))
      .resize(256)
      .toBuffer();
    const { data, info } = await sharp({
      create: { width: 1024, height: 768, channels: 3, background: '#303030' },
    })
      .composite([{ input: small, left: 700, top: 500 }])
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const frame: RasterImage = {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data),
    };
    const centres = FACES['sample3-640.jpg']!.map(([x, y]): [number, number] => [
      700 + x * 0.4,
      500 + y * 0.4,
    ]);
    const noTiles = new FaceDetector({ tiles: false });
    try {
      const tiled = await detector.detect(frame);
      expect(matchesOneToOne(tiled, centres)).toBe(true);
      expect((await noTiles.detect(frame)).length).toBeLessThan(tiled.length);
    } finally {
      await noTiles.close();
    }
  });
});

describe('redactFaces of the port', () => {
  // black and inpaint leave nothing face-like; blur and pixelate (cells of a third of the face) leave
  // head-shaped blobs that the detector still scores above 0.6 now and then, but not the faces.
  for (const method of ['black', 'pixelate', 'blur', 'inpaint'] as const) {
    it(`${method}: the faces are not found again, pixels outside the faces are unchanged`, async () => {
      const image = await photo('sample4-640.jpg');
      const { image: out, faces } = await port.redactFaces(image, method);
      expect(faces).toHaveLength(4);
      const again = await port.detectFaces(out);
      if (method === 'black' || method === 'inpaint') expect(again).toEqual([]);
      else expect(again.length).toBeLessThan(faces.length);
      let outside = 0;
      for (let y = 0; y < image.height; y++)
        for (let x = 0; x < image.width; x++)
          if (!faces.some((b) => contains(b, [x, y])))
            for (let c = 0; c < 3; c++)
              if (out.data[(y * image.width + x) * 3 + c] !== image.data[(y * image.width + x) * 3 + c])
                outside++;
      expect(outside).toBe(0);
    });
  }
});
