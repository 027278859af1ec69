import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCodes, type RasterImage } from '@medimagecleaner/core';
import { createVisionPort, TesseractOcr } from '../src/index.js';

const require = createRequire(import.meta.url);
const sharp = require('sharp') as typeof import('sharp').default;

/** White text on black, DejaVu Sans, as raw grey pixels. */
async function drawText(text: string, fontSize: number, width: number, height: number): Promise<RasterImage> {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#000"/>` +
    `<text x="20" y="${Math.round(height / 2 + fontSize / 3)}" font-family="DejaVu Sans" font-size="${fontSize}" fill="#fff">${text}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return { width, height, channels: 1, data: new Uint8Array(data) };
}

const port = createVisionPort();
afterAll(() => port.close());

describe('ocr', () => {
  it('reads a clearly drawn string in the whole image and in a region', async () => {
    const image = await drawText('MRN 4829173', 32, 400, 100);
    expect(await port.ocr(image)).toBe('MRN 4829173');
    const [box] = await port.detectText(image);
    expect(box).toBeDefined();
    expect(await port.ocr(image, box)).toBe('MRN 4829173');
  });

  it('reads small text after enlarging the region, and RGB input', async () => {
    const grey = await drawText('Halvorsen', 14, 200, 40);
    const rgb: RasterImage = { width: 200, height: 40, channels: 3, data: new Uint8Array(200 * 40 * 3) };
    for (let i = 0; i < grey.data.length; i++) rgb.data.fill(grey.data[i]!, i * 3, i * 3 + 3);
    expect(await port.ocr(rgb, { x: 0, y: 0, width: 200, height: 40 })).toBe('Halvorsen');
  });

  it('returns an empty string for a region outside the image', async () => {
    const image = await drawText('X', 20, 50, 50);
    expect(await port.ocr(image, { x: 60, y: 60, width: 10, height: 10 })).toBe('');
  });

  it('refuses a language whose traineddata is not installed, before starting a worker', () => {
    expect(() => new TesseractOcr({ languages: ['eng', 'kor'] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.USAGE }),
    );
    expect(() => new TesseractOcr({ languages: ['../eng'] })).toThrow(
      expect.objectContaining({ code: ErrorCodes.USAGE }),
    );
  });

  it('combines several installed languages', async () => {
    const ocr = new TesseractOcr({ languages: ['eng', 'spa', 'fra', 'deu'] });
    try {
      expect(await ocr.recognize(await drawText('Clinica San Lorenzo', 28, 420, 80))).toBe(
        'Clinica San Lorenzo',
      );
    } finally {
      await ocr.close();
    }
  });
});
