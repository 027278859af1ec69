/**
 * The {@link VisionPort} of `@medimagecleaner/core`, implemented with this package's detectors: text
 * (PP-OCRv4 det), OCR (tesseract.js), faces (BlazeFace), barcodes (zxing-wasm) and inpainting (Telea's
 * fast-marching method), plus face redaction by any {@link RedactionMethod}.
 */
import type { Box, VisionPort } from '@medimagecleaner/core';
import { BarcodeDetector, type BarcodeDetectorOptions, type DetectedBarcode } from './barcodes/detector.js';
import { FaceDetector, type DetectedFace, type FaceDetectorOptions } from './face-detection/detector.js';
import { inpaintRegions } from './inpaint/inpaint.js';
import { TesseractOcr } from './ocr/tesseract-ocr.js';
import type { VisionImage } from './raster.js';
import { redactRegions, type RedactionMethod, type RedactionOptions } from './redact.js';
import { TextDetector, type TextDetectorOptions } from './text-detection/detector.js';

/** Options of {@link createVisionPort}. */
export interface VisionPortOptions {
  /** Text detector settings (thresholds, sizing, threads); see {@link TextDetectorOptions}. */
  textDetection?: TextDetectorOptions;
  /** Face detector settings (score, padding, tiling, threads); see {@link FaceDetectorOptions}. */
  faceDetection?: FaceDetectorOptions;
  /** Barcode detector settings (padding, effort); see {@link BarcodeDetectorOptions}. */
  barcodeDetection?: BarcodeDetectorOptions;
  /** Tesseract languages for {@link VisionPort.ocr} (default `['eng']`). */
  ocrLanguages?: readonly string[];
}

/**
 * The vision port of this package. Every method also accepts a {@link HighBitRasterImage} (9-16-bit
 * grey in a `Uint16Array`). Call `close()` when done: it stops the OCR worker and releases the model
 * sessions (all start on first use).
 */
export interface OnnxVisionPort extends VisionPort {
  /** Boxes of the text lines in the image (see {@link TextDetector.detect}). */
  detectText(image: VisionImage): Promise<Box[]>;
  /** The text in the image or in one region of it (see {@link TesseractOcr.recognize}). */
  ocr(image: VisionImage, region?: Box): Promise<string>;
  /** Padded boxes of the faces in the image (see {@link FaceDetector.detect}). */
  detectFaces(image: VisionImage): Promise<Box[]>;
  /** The faces with their scores (see {@link FaceDetector.detectWithScores}). */
  findFaces(image: VisionImage): Promise<DetectedFace[]>;
  /** Padded boxes of the barcodes and QR codes in the image; their content is never returned. */
  detectBarcodes(image: VisionImage): Promise<Box[]>;
  /** The barcodes with their symbology, for reports (see {@link BarcodeDetector.detect}). */
  findBarcodes(image: VisionImage): Promise<DetectedBarcode[]>;
  /** A copy of the image with the regions filled from their surroundings (Telea's fast marching). */
  inpaint<T extends VisionImage>(image: T, regions: Box[]): Promise<T>;
  /**
   * Detects the faces and redacts them with `method` (`black`, `white`, `blur`, `pixelate` or
   * `inpaint`); resolves to the redacted copy and the face boxes.
   */
  redactFaces<T extends VisionImage>(
    image: T,
    method: RedactionMethod,
    options?: RedactionOptions,
  ): Promise<{ image: T; faces: Box[] }>;
  /** Stops the OCR worker and releases the models. */
  close(): Promise<void>;
}

/**
 * Creates the vision port. Language packages are checked now (`E_USAGE` when one is missing); models,
 * the zxing WASM and the OCR worker load on first use, from node_modules and this package only.
 */
export function createVisionPort(options: VisionPortOptions = {}): OnnxVisionPort {
  const text = new TextDetector(options.textDetection);
  const faces = new FaceDetector(options.faceDetection);
  const barcodes = new BarcodeDetector(options.barcodeDetection);
  const ocrEngine = new TesseractOcr(options.ocrLanguages ? { languages: options.ocrLanguages } : {});
  const port: OnnxVisionPort = {
    detectText: (image) => text.detect(image),
    ocr: (image, region) => ocrEngine.recognize(image, region),
    detectFaces: (image) => faces.detect(image),
    findFaces: (image) => faces.detectWithScores(image),
    detectBarcodes: async (image) => (await barcodes.detect(image)).map((b) => b.box),
    findBarcodes: (image) => barcodes.detect(image),
    // async: a malformed image rejects like the other methods instead of throwing synchronously.
    inpaint: async <T extends VisionImage>(image: T, regions: Box[]) => inpaintRegions(image, regions),
    redactFaces: async <T extends VisionImage>(
      image: T,
      method: RedactionMethod,
      opts?: RedactionOptions,
    ) => {
      const boxes = await faces.detect(image);
      return { image: redactRegions(image, boxes, method, opts), faces: boxes };
    },
    close: async () => {
      await Promise.all([text.close(), faces.close(), ocrEngine.close()]);
    },
  };
  return port;
}
