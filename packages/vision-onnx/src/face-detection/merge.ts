/**
 * Non-maximum suppression of our own for face candidates from several model runs: candidates are taken
 * in falling score order; each one that overlaps an accepted face (IoU above a threshold, or mostly
 * inside it) joins that face, whose box becomes the score-weighted mean of its members (MediaPipe's
 * "weighted" suppression, which steadies boxes across scales and tiles).
 */
import { intersectionArea, iou } from '../boxes.js';
import type { FaceCandidate } from './anchors.js';

/** Merged faces (box and best member score), highest score first. */
export function mergeCandidates(candidates: readonly FaceCandidate[], iouThreshold: number): FaceCandidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const groups: { best: FaceCandidate; members: FaceCandidate[] }[] = [];
  for (const c of sorted) {
    const group = groups.find(
      (g) =>
        iou(g.best, c) > iouThreshold || intersectionArea(g.best, c) > 0.6 * Math.min(area(g.best), area(c)),
    );
    if (group) group.members.push(c);
    else groups.push({ best: c, members: [c] });
  }
  return groups.map(({ best, members }) => {
    let total = 0;
    let x0 = 0;
    let y0 = 0;
    let x1 = 0;
    let y1 = 0;
    for (const m of members) {
      total += m.score;
      x0 += m.x * m.score;
      y0 += m.y * m.score;
      x1 += (m.x + m.width) * m.score;
      y1 += (m.y + m.height) * m.score;
    }
    return {
      x: x0 / total,
      y: y0 / total,
      width: (x1 - x0) / total,
      height: (y1 - y0) / total,
      score: best.score,
    };
  });
}

function area(b: FaceCandidate): number {
  return b.width * b.height;
}
