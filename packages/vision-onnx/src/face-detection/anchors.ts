/**
 * BlazeFace's output decoding (our own, from the model's published layout): two SSD heads over a
 * 16x16 grid with 2 anchors per cell and an 8x8 grid with 6 anchors per cell (896 anchors), each with a
 * score logit and 16 regressors (box centre offset, box size, then 6 key points), in model input pixels
 * relative to the anchor's cell centre. Anchor sizes are fixed (1 x 1), so width and height are direct.
 */
import type { SquareWindow } from './preprocess.js';

/** One decoded face candidate in image pixels. */
export interface FaceCandidate {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Sigmoid of the model's logit, 0 to 1. */
  score: number;
}

/** The two heads of the model: grid cells per row and anchors per cell, in output order. */
export const BLAZEFACE_HEADS = [
  { cells: 16, anchors: 2 },
  { cells: 8, anchors: 6 },
] as const;

/**
 * Candidates of one head with a score above `minScore`, mapped from the model input (`size` pixels
 * square, showing `window`) to the image.
 */
export function decodeHead(
  scores: Float32Array,
  regressors: Float32Array,
  head: { cells: number; anchors: number },
  size: number,
  window: SquareWindow,
  minScore: number,
): FaceCandidate[] {
  const out: FaceCandidate[] = [];
  const logit = Math.log(minScore / (1 - minScore));
  const k = window.side / size;
  for (let cy = 0; cy < head.cells; cy++) {
    for (let cx = 0; cx < head.cells; cx++) {
      for (let a = 0; a < head.anchors; a++) {
        const i = (cy * head.cells + cx) * head.anchors + a;
        const s = scores[i]!;
        if (!(s > logit)) continue;
        const r = i * 16;
        const centreX = ((cx + 0.5) / head.cells) * size + regressors[r]!;
        const centreY = ((cy + 0.5) / head.cells) * size + regressors[r + 1]!;
        const w = regressors[r + 2]!;
        const h = regressors[r + 3]!;
        if (!(w > 0 && h > 0)) continue;
        out.push({
          x: window.x + (centreX - w / 2) * k,
          y: window.y + (centreY - h / 2) * k,
          width: w * k,
          height: h * k,
          score: 1 / (1 + Math.exp(-s)),
        });
      }
    }
  }
  return out;
}
