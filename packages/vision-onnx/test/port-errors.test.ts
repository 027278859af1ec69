import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCodes, MedImageCleanerError, type RasterImage, type VisionPort } from '@medimagecleaner/core';
import { assertValidImage, createVisionPort, type VisionImage } from '../src/index.js';

const port = createVisionPort();
afterAll(() => port.close());

const BAD: [string, VisionImage][] = [
  ['a buffer of the wrong size', { width: 10, height: 10, channels: 1, data: new Uint8Array(50) }],
  ['zero width', { width: 0, height: 10, channels: 1, data: new Uint8Array(0) }],
  ['zero height', { width: 10, height: 0, channels: 3, data: new Uint8Array(0) }],
  ['a fractional size', { width: 2.5, height: 2, channels: 1, data: new Uint8Array(5) }],
  ['two channels', { width: 2, height: 2, channels: 2 as 1, data: new Uint8Array(8) }],
  ['an RGB buffer for a grey image', { width: 4, height: 4, channels: 1, data: new Uint8Array(48) }],
  [
    'a 16-bit image without bitsStored in range',
    { width: 2, height: 2, channels: 1, bitsStored: 8, data: new Uint16Array(4) },
  ],
];

describe('the vision port', () => {
  it('is a VisionPort of core', () => {
    const asPort: VisionPort = port;
    expect(typeof asPort.detectText).toBe('function');
  });

  for (const [what, image] of BAD) {
    it(`rejects ${what} with E_PARSE_FAILED`, async () => {
      expect(() => assertValidImage(image)).toThrow(MedImageCleanerError);
      await expect(port.detectText(image)).rejects.toMatchObject({ code: ErrorCodes.PARSE_FAILED });
      await expect(port.ocr(image)).rejects.toMatchObject({ code: ErrorCodes.PARSE_FAILED });
    });
  }

  it('rejects malformed images in faces, barcodes and inpainting too', async () => {
    const bad: RasterImage = { width: 4, height: 4, channels: 1, data: new Uint8Array(15) };
    await expect(port.detectFaces(bad)).rejects.toMatchObject({ code: ErrorCodes.PARSE_FAILED });
    await expect(port.detectBarcodes(bad)).rejects.toMatchObject({ code: ErrorCodes.PARSE_FAILED });
    await expect(port.inpaint(bad, [])).rejects.toMatchObject({ code: ErrorCodes.PARSE_FAILED });
  });
});
