/**
 * Barcode and QR code detection with zxing-wasm (ZXing-C++ compiled to WASM; every 1-D and 2-D
 * symbology it reads). Only what redaction needs leaves this module: the box and the symbology. The
 * decoded content is dropped inside {@link BarcodeDetector.detect} and never returned, logged or kept.
 */
import type { Box } from '@medimagecleaner/core';
import { clampBox } from '../boxes.js';
import { assertValidImage, toEightBit, type VisionImage } from '../raster.js';
import { loadZxingReader } from './zxing-module.js';

/** A barcode found in an image: where it is and which symbology, never what it says. */
export interface DetectedBarcode {
  /** The symbol's box, padded (see {@link BarcodeDetectorOptions.padding}) and clamped to the image. */
  box: Box;
  /** ZXing's format name, e.g. `QRCode`, `DataMatrix`, `Code128`, `EAN13`. */
  format: string;
  /** True for 1-D (linear) symbologies, whose box is padded more above and below. */
  linear: boolean;
}

/** Options of {@link BarcodeDetector}. */
export interface BarcodeDetectorOptions {
  /**
   * Growth of every box, as a fraction of its size (default 0.1; 1-D codes also grow by 0.35 of their
   * height above and below, for the human-readable digits printed with them).
   */
  padding?: number;
  /** Let zxing look harder, rotate, invert and downscale (default true: slower, finds more). */
  tryHarder?: boolean;
}

const LINEAR = new Set([
  'Codabar',
  'Code39',
  'Code93',
  'Code128',
  'DataBar',
  'DataBarExpanded',
  'DataBarLimited',
  'DXFilmEdge',
  'EAN8',
  'EAN13',
  'ITF',
  'UPCA',
  'UPCE',
]);

/** Finds barcodes and QR codes in images (zxing-wasm, loaded from node_modules on first use). */
export class BarcodeDetector {
  readonly #padding: number;
  readonly #tryHarder: boolean;

  constructor(options: BarcodeDetectorOptions = {}) {
    this.#padding = options.padding ?? 0.1;
    this.#tryHarder = options.tryHarder ?? true;
  }

  /**
   * The barcodes in `image` (8-bit grey or RGB, or high-bit grey windowed to 8 bits), in zxing's order.
   * Throws `E_PARSE_FAILED` on a malformed image.
   */
  async detect(image: VisionImage): Promise<DetectedBarcode[]> {
    assertValidImage(image);
    const eight = toEightBit(image);
    const { width, height, channels, data } = eight;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0, o = 0; i < data.length; i += channels, o += 4) {
      rgba[o] = data[i]!;
      rgba[o + 1] = data[i + (channels === 3 ? 1 : 0)]!;
      rgba[o + 2] = data[i + (channels === 3 ? 2 : 0)]!;
      rgba[o + 3] = 255;
    }
    const zxing = await loadZxingReader();
    const results = await zxing.readBarcodes(
      { width, height, data: rgba, colorSpace: 'srgb' },
      {
        tryHarder: this.#tryHarder,
        tryRotate: this.#tryHarder,
        tryInvert: this.#tryHarder,
        tryDownscale: this.#tryHarder,
        maxNumberOfSymbols: 255,
        textMode: 'Plain',
      },
    );
    const found: DetectedBarcode[] = [];
    for (const r of results) {
      // Only the geometry and the symbology are read from the result; its text and bytes are not.
      const { topLeft, topRight, bottomLeft, bottomRight } = r.position;
      const xs = [topLeft.x, topRight.x, bottomLeft.x, bottomRight.x];
      const ys = [topLeft.y, topRight.y, bottomLeft.y, bottomRight.y];
      const x0 = Math.min(...xs);
      const y0 = Math.min(...ys);
      const w = Math.max(...xs) - x0 + 1;
      const h = Math.max(...ys) - y0 + 1;
      const linear = LINEAR.has(r.format);
      const px = this.#padding * Math.max(w, h) + 2;
      // zxing may report only the rows it scanned of a 1-D code: grow by a share of the likely bar height.
      const py = linear ? px + 0.35 * Math.max(h, 0.25 * w) : px;
      const box = clampBox({ x: x0 - px, y: y0 - py, width: w + 2 * px, height: h + 2 * py }, width, height);
      if (box) found.push({ box, format: r.format, linear });
    }
    return found;
  }
}
