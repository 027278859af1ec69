import { afterAll, describe, expect, it } from '@jest/globals';
import type { RasterImage } from '@medimagecleaner/core';
import { BarcodeDetector, coveredFraction, createVisionPort, redactRegions } from '../src/index.js';
import { drawBarcode } from './barcode-writer.js';

type Generator = typeof import('../../../tools/burned-in-synth/generate.mjs');
const GENERATOR = new URL('../../../tools/burned-in-synth/generate.mjs', import.meta.url).href;
const { generateFrame } = (await import(GENERATOR)) as Generator;

const detector = new BarcodeDetector();
const port = createVisionPort();
afterAll(() => port.close());

/** An 8-bit copy of a generated background without text (US: grey speckle; rgb: colour). */
async function background(kind: 'us' | 'rgb', seed: number): Promise<RasterImage> {
  const frame = await generateFrame({ kind, seed, strings: 0, width: 640, height: 480 });
  return {
    width: frame.width,
    height: frame.height,
    channels: frame.channels,
    data: new Uint8Array(frame.data),
  };
}

describe('BarcodeDetector (zxing-wasm, offline)', () => {
  it('finds a QR code, a Data Matrix and a Code 128 on an ultrasound-like frame, with their symbologies', async () => {
    const image = await background('us', 31);
    const qr = await drawBarcode(image, 'QRCode', 'MRN 4829173 HALVORSEN^MAREN', { x: 40, y: 40, scale: 4 });
    const dm = await drawBarcode(image, 'DataMatrix', 'ACC 99812', { x: 420, y: 60, scale: 5 });
    const bar = await drawBarcode(image, 'Code128', 'PID 7731904', { x: 60, y: 330, scale: 2, rowScale: 1 });
    const found = await detector.detect(image);
    expect(found.map((f) => f.format).sort()).toEqual(['Code128', 'DataMatrix', 'QRCode']);
    for (const [drawn, format] of [
      [qr, 'QRCode'],
      [dm, 'DataMatrix'],
      [bar, 'Code128'],
    ] as const) {
      const hit = found.find((f) => f.format === format)!;
      expect(coveredFraction(drawn, [hit.box])).toBe(1);
      expect(hit.linear).toBe(format === 'Code128');
    }
  });

  it('finds an EAN-13 and a QR code on a colour frame and a rotated QR code', async () => {
    const image = await background('rgb', 32);
    const ean = await drawBarcode(image, 'EAN13', '4006381333931', { x: 300, y: 300, scale: 2, rowScale: 1 });
    await drawBarcode(image, 'QRCode', 'SUBJ-0042', { x: 60, y: 60, scale: 5 });
    const found = await detector.detect(image);
    expect(found.map((f) => f.format).sort()).toEqual(['EAN13', 'QRCode']);
    expect(coveredFraction(ean, [found.find((f) => f.format === 'EAN13')!.box])).toBe(1);

    // The same QR code turned by 90 degrees (transpose the frame).
    const turned = new Uint8Array(image.data.length);
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++)
        for (let c = 0; c < 3; c++)
          turned[(x * image.height + y) * 3 + c] = image.data[(y * image.width + x) * 3 + c]!;
    const rotated = await detector.detect({
      width: image.height,
      height: image.width,
      channels: 3,
      data: turned,
    });
    expect(rotated.map((f) => f.format)).toContain('QRCode');
  });

  it('never returns the content of a code', async () => {
    const image = await background('us', 33);
    await drawBarcode(image, 'QRCode', 'SECRET-PATIENT-NAME', { x: 100, y: 100, scale: 4 });
    const found = await detector.detect(image);
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0]!).sort()).toEqual(['box', 'format', 'linear']);
    expect(JSON.stringify(found)).not.toMatch(/SECRET/);
  });

  it('finds nothing on frames without a code', async () => {
    expect(await detector.detect(await background('us', 34))).toEqual([]);
    expect(await detector.detect(await background('rgb', 35))).toEqual([]);
  });

  it('through the port: boxes only, and black boxes make the codes unreadable', async () => {
    const image = await background('us', 36);
    await drawBarcode(image, 'QRCode', 'MRN 1234567', { x: 200, y: 150, scale: 4 });
    await drawBarcode(image, 'Code128', 'ACC 5550001', { x: 40, y: 380, scale: 2, rowScale: 1 });
    const boxes = await port.detectBarcodes(image);
    expect(boxes).toHaveLength(2);
    for (const b of boxes) expect(Object.keys(b).sort()).toEqual(['height', 'width', 'x', 'y']);
    expect((await port.findBarcodes(image)).map((f) => f.format).sort()).toEqual(['Code128', 'QRCode']);
    expect(await port.detectBarcodes(redactRegions(image, boxes, 'black'))).toEqual([]);
  });
});
