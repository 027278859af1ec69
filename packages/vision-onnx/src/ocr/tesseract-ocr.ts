/**
 * OCR with tesseract.js, offline: the traineddata comes from the `@tesseract.js-data/<lang>` packages in
 * node_modules (a temporary folder of links when several languages are combined), the WASM core from
 * `tesseract.js-core`, and nothing is cached or fetched. One worker, created on first use, reused.
 */
import { mkdtempSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCodes, MedImageCleanerError, type Box } from '@medimagecleaner/core';
import type { Worker } from 'tesseract.js';
import { traineddataPath } from '../model-files.js';
import { assertValidImage, toEightBit, type VisionImage } from '../raster.js';
import { encodePgm, enlargeForOcr, greyCrop } from './crop.js';

/** Options of {@link TesseractOcr}. */
export interface TesseractOcrOptions {
  /**
   * Tesseract language codes, tried together (default `['eng']`). Each needs its
   * `@tesseract.js-data/<code>` package installed; this package installs eng, spa, fra, deu, chi_sim,
   * ara and jpn.
   */
  languages?: readonly string[];
}

/** Tesseract page segmentation modes used here. */
const PSM_AUTO = '3';
const PSM_BLOCK = '6';

/** Reads text in images with one reused tesseract.js worker. */
export class TesseractOcr {
  readonly languages: readonly string[];
  readonly #files: ReadonlyMap<string, string>;
  #worker: Promise<Worker> | undefined;
  #tempDir: string | undefined;

  /**
   * Checks that every language's traineddata is installed (a missing file would crash the worker in a
   * way that cannot be caught), throwing `E_USAGE` otherwise. The worker starts on first use.
   */
  constructor(options: TesseractOcrOptions = {}) {
    const languages = options.languages ?? ['eng'];
    if (languages.length === 0) throw new MedImageCleanerError(ErrorCodes.USAGE, 'no OCR language given');
    const files = new Map<string, string>();
    for (const lang of languages) {
      const file = traineddataPath(lang);
      if (!file) {
        throw new MedImageCleanerError(
          ErrorCodes.USAGE,
          `OCR language '${lang}' is not installed (needs the @tesseract.js-data/${lang} package)`,
        );
      }
      files.set(lang, file);
    }
    this.languages = [...languages];
    this.#files = files;
  }

  /**
   * The text tesseract reads in `image` (or in `region` of it, clamped to the image; '' when the region
   * lies outside), trimmed. Small regions are enlarged first. Throws `E_PARSE_FAILED` on a malformed image.
   */
  async recognize(image: VisionImage, region?: Box): Promise<string> {
    assertValidImage(image);
    const crop = greyCrop(toEightBit(image), region);
    if (!crop) return '';
    const worker = await this.#getWorker();
    await worker.setParameters({ tessedit_pageseg_mode: (region ? PSM_BLOCK : PSM_AUTO) as never });
    const result = await worker.recognize(Buffer.from(encodePgm(enlargeForOcr(crop))));
    return result.data.text.trim();
  }

  /** Stops the worker and removes its temporary language folder. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    try {
      if (worker) await (await worker).terminate();
    } finally {
      if (this.#tempDir) rmSync(this.#tempDir, { recursive: true, force: true });
      this.#tempDir = undefined;
    }
  }

  #langPath(): string {
    const files = [...this.#files.values()];
    if (files.length === 1) return path.dirname(files[0]!);
    // tesseract.js reads every language from one folder: link (or copy) the files into a private one.
    this.#tempDir ??= mkdtempSync(path.join(os.tmpdir(), 'medimagecleaner-tessdata-'));
    for (const [lang, file] of this.#files) {
      const target = path.join(this.#tempDir, `${lang}.traineddata.gz`);
      try {
        symlinkSync(file, target);
      } catch {
        copyFileSync(file, target);
      }
    }
    return this.#tempDir;
  }

  #getWorker(): Promise<Worker> {
    this.#worker ??= (async () => {
      const { createWorker, OEM } = (await import('tesseract.js')).default;
      const langPath = this.#langPath();
      return createWorker([...this.languages], OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        cachePath: langPath,
        logger: () => undefined,
        errorHandler: () => undefined,
      });
    })();
    return this.#worker;
  }
}
