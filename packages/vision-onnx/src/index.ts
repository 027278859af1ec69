/**
 * `@medimagecleaner/vision-onnx`: the vision port of medimagecleaner. Burned-in text detection with
 * PaddleOCR's PP-OCRv4 detection model (ONNX, onnxruntime-node, CPU), OCR with tesseract.js, face
 * detection with MediaPipe BlazeFace (ONNX), barcode and QR detection with zxing-wasm, inpainting
 * (Telea's fast-marching method) and pixel redaction (black, white, blur, pixelate, inpaint). Models,
 * WASM and language data load from this package and npm packages in node_modules; nothing is
 * downloaded at run time.
 *
 * @packageDocumentation
 */
export { createVisionPort, type OnnxVisionPort, type VisionPortOptions } from './vision-port.js';
export { TextDetector, TEXT_DETECTOR_DEFAULTS, type TextDetectorOptions } from './text-detection/detector.js';
export type { BoxExtraction } from './text-detection/postprocess.js';
export type { DetectionSizing } from './text-detection/preprocess.js';
export {
  FaceDetector,
  FACE_DETECTOR_DEFAULTS,
  type DetectedFace,
  type FaceDetectorOptions,
  type FacePadding,
} from './face-detection/detector.js';
export { BarcodeDetector, type BarcodeDetectorOptions, type DetectedBarcode } from './barcodes/detector.js';
export { inpaintRegions, type InpaintOptions } from './inpaint/inpaint.js';
export { TesseractOcr, type TesseractOcrOptions } from './ocr/tesseract-ocr.js';
export { redactRegions, REDACTION_METHODS, type RedactionMethod, type RedactionOptions } from './redact.js';
export {
  assertValidImage,
  isHighBit,
  toEightBit,
  type HighBitRasterImage,
  type VisionImage,
} from './raster.js';
export { clampBox, coveredFraction, intersectionArea, iou } from './boxes.js';
export {
  FACE_MODELS,
  faceModelPath,
  type FaceModelName,
  OCR_LANGUAGES,
  TEXT_DETECTION_MODEL_SHA256,
  textDetectionModelPath,
  traineddataPath,
  type OcrLanguage,
} from './model-files.js';
