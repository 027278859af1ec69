/**
 * The {@link VisionPort} of `@medimagecleaner/core`, implemented with the text detector and the OCR of
 * this package. Faces, barcodes and inpainting are not implemented yet: they throw, so a handler that
 * needs them fails closed (quarantine) instead of releasing an uncleaned image.
 */
import {
  ErrorCodes,
  MedImageCleanerError,
  type Box,
  type RasterImage,
  type VisionPort,
} from '@medimagecleaner/core';
import { TesseractOcr } from './ocr/tesseract-ocr.js';
import type { VisionImage } from './raster.js';
import { TextDetector, type TextDetectorOptions } from './text-detection/detector.js';

/** Options of {@link createVisionPort}. */
export interface VisionPortOptions {
  /** Text detector settings (thresholds, sizing, threads); see {@link TextDetectorOptions}. */
  textDetection?: TextDetectorOptions;
  /** Tesseract languages for {@link VisionPort.ocr} (default `['eng']`). */
  ocrLanguages?: readonly string[];
}

/**
 * The vision port of this package. Its `detectText` and `ocr` also accept a {@link HighBitRasterImage}
 * (9-16-bit grey in a `Uint16Array`). Call `close()` when done: it stops the OCR worker and releases the
 * model session (both start on first use).
 */
export interface OnnxVisionPort extends VisionPort {
  /** Boxes of the text lines in the image (see {@link TextDetector.detect}). */
  detectText(image: VisionImage): Promise<Box[]>;
  /** The text in the image or in one region of it (see {@link TesseractOcr.recognize}). */
  ocr(image: VisionImage, region?: Box): Promise<string>;
  /** Not implemented yet: throws `E_DEID_FAILED`. */
  detectFaces(image: RasterImage): Promise<Box[]>;
  /** Not implemented yet: throws `E_DEID_FAILED`. */
  detectBarcodes(image: RasterImage): Promise<Box[]>;
  /** Not implemented yet: throws `E_DEID_FAILED`. */
  inpaint(image: RasterImage, regions: Box[]): Promise<RasterImage>;
  /** Stops the OCR worker and releases the detection model. */
  close(): Promise<void>;
}

function notImplemented(what: string): Promise<never> {
  return Promise.reject(
    new MedImageCleanerError(
      ErrorCodes.DEID_FAILED,
      `${what} is not implemented yet in @medimagecleaner/vision-onnx`,
    ),
  );
}

/**
 * Creates the vision port. Language packages are checked now (`E_USAGE` when one is missing); the
 * model and the OCR worker load on first use, from node_modules only.
 */
export function createVisionPort(options: VisionPortOptions = {}): OnnxVisionPort {
  const detector = new TextDetector(options.textDetection);
  const ocrEngine = new TesseractOcr(options.ocrLanguages ? { languages: options.ocrLanguages } : {});
  return {
    detectText: (image) => detector.detect(image),
    ocr: (image, region) => ocrEngine.recognize(image, region),
    detectFaces: () => notImplemented('face detection'),
    detectBarcodes: () => notImplemented('barcode detection'),
    inpaint: () => notImplemented('inpainting'),
    close: async () => {
      await Promise.all([detector.close(), ocrEngine.close()]);
    },
  };
}
