/**
 * Face detection with MediaPipe BlazeFace (ONNX, run by onnxruntime-node on the CPU) at several scales:
 * the short-range model on the whole image (large faces), the full-range model on the whole image and,
 * for images of 512 pixels or more, on overlapping tiles (small faces); candidates of every run are
 * merged by our own weighted suppression and the boxes are padded to cover hair, ears and chin.
 */
import type { Box } from '@medimagecleaner/core';
import type { InferenceSession } from 'onnxruntime-node';
import { clampBox } from '../boxes.js';
import { FACE_MODELS, faceModelPath, type FaceModelName } from '../model-files.js';
import { createCpuSession } from '../onnx-session.js';
import { assertValidImage, toEightBit, type VisionImage } from '../raster.js';
import { BLAZEFACE_HEADS, decodeHead, type FaceCandidate } from './anchors.js';
import { mergeCandidates } from './merge.js';
import { prepareFaceInput, tileWindows, wholeImageWindow, type SquareWindow } from './preprocess.js';

/** How much a face box is grown on each side, as fractions of the model's box width or height. */
export interface FacePadding {
  /** Left and right, fraction of the width. */
  side: number;
  /** Above (forehead and hair), fraction of the height. */
  top: number;
  /** Below (chin and neck), fraction of the height. */
  bottom: number;
}

/** Options of {@link FaceDetector}; every field has a default tuned on the test photos. */
export interface FaceDetectorOptions {
  /** Candidates below this score (0-1) are dropped (default 0.6). */
  minScore?: number;
  /** Candidates overlapping more than this IoU are one face (default 0.3). */
  iouThreshold?: number;
  /** Box growth (default 0.25 at the sides, 0.45 above, 0.25 below). */
  padding?: FacePadding;
  /** Run the full-range model on overlapping tiles of images of 512 px or more (default true). */
  tiles?: boolean;
  /** onnxruntime intra-op threads (default 1). */
  threads?: number;
}

/** A detected face: its padded box and the model's score. */
export interface DetectedFace {
  /** Padded box in image pixels, clamped to the image. */
  box: Box;
  /** The highest model score among the merged candidates, 0 to 1. */
  score: number;
}

/** The defaults of {@link FaceDetectorOptions}. */
export const FACE_DETECTOR_DEFAULTS: Readonly<Required<FaceDetectorOptions>> = {
  minScore: 0.6,
  iouThreshold: 0.3,
  padding: { side: 0.25, top: 0.45, bottom: 0.25 },
  tiles: true,
  threads: 1,
};

/** Finds faces in photographs and returns padded boxes; sessions load on first use and are reused. */
export class FaceDetector {
  readonly #options: Readonly<Required<FaceDetectorOptions>>;
  readonly #sessions = new Map<FaceModelName, Promise<InferenceSession>>();

  constructor(options: FaceDetectorOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.#options = { ...FACE_DETECTOR_DEFAULTS, ...defined };
  }

  /** Padded boxes of the faces in `image` (see {@link detectWithScores}). */
  async detect(image: VisionImage): Promise<Box[]> {
    return (await this.detectWithScores(image)).map((f) => f.box);
  }

  /**
   * The faces in `image` (8-bit grey or RGB, or high-bit grey windowed to 8 bits), highest score first,
   * each with its padded box clamped to the image. Throws `E_PARSE_FAILED` on a malformed image.
   */
  async detectWithScores(image: VisionImage): Promise<DetectedFace[]> {
    assertValidImage(image);
    const eight = toEightBit(image);
    const { width, height } = eight;
    const whole = wholeImageWindow(width, height);
    const candidates: FaceCandidate[] = [
      ...(await this.#run('short', eight, whole)),
      ...(await this.#run('full', eight, whole)),
    ];
    const longest = Math.max(width, height);
    if (this.#options.tiles && longest >= 2 * FACE_MODELS.full.size) {
      const side = Math.max(FACE_MODELS.full.size, Math.ceil(longest / 2));
      for (const tile of tileWindows(width, height, side, 0.25)) {
        candidates.push(...(await this.#run('full', eight, tile)));
      }
    }
    const faces: DetectedFace[] = [];
    for (const face of mergeCandidates(candidates, this.#options.iouThreshold)) {
      const box = clampBox(pad(face, this.#options.padding), width, height);
      if (box) faces.push({ box, score: face.score });
    }
    return faces;
  }

  /** Releases the onnxruntime sessions. */
  async close(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    for (const s of sessions) await (await s).release();
  }

  async #run(name: FaceModelName, image: Parameters<typeof prepareFaceInput>[0], window: SquareWindow) {
    const { size } = FACE_MODELS[name];
    const session = await this.#session(name);
    const ort = await import('onnxruntime-node');
    const input = new ort.Tensor('float32', prepareFaceInput(image, window, size), [1, size, size, 3]);
    const results = await session.run({ [session.inputNames[0]!]: input });
    input.dispose();
    // Outputs in model order: scores of head 0, scores of head 1, regressors of head 0, of head 1.
    const [s0, s1, r0, r1] = session.outputNames.map((n) => results[n]!);
    const data = (t: typeof s0): Float32Array => t!.data as Float32Array;
    const out = [
      ...decodeHead(data(s0), data(r0), BLAZEFACE_HEADS[0], size, window, this.#options.minScore),
      ...decodeHead(data(s1), data(r1), BLAZEFACE_HEADS[1], size, window, this.#options.minScore),
    ];
    for (const t of [s0, s1, r0, r1]) t!.dispose();
    return out;
  }

  #session(name: FaceModelName): Promise<InferenceSession> {
    let s = this.#sessions.get(name);
    if (!s) {
      s = createCpuSession(faceModelPath(name), FACE_MODELS[name].sha256, this.#options.threads);
      this.#sessions.set(name, s);
    }
    return s;
  }
}

function pad(face: FaceCandidate, p: FacePadding): Box {
  return {
    x: face.x - face.width * p.side,
    y: face.y - face.height * p.top,
    width: face.width * (1 + 2 * p.side),
    height: face.height * (1 + p.top + p.bottom),
  };
}
