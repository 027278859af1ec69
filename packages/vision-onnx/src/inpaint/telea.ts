/**
 * Inpainting by the fast-marching method of Telea (2004), our own implementation: the unknown pixels
 * are filled in order of their distance from the region's border (the arrival time T of a front solving
 * |grad T| = 1), each from the already known pixels within a radius, weighted by direction (along the
 * front's normal), distance and level-set closeness, with a first-order gradient term so smooth
 * backgrounds continue smoothly into the region. The region's border should be background: content
 * cut by the border (a stroke half inside) is extrapolated into the region as a bright or dark streak.
 */
import { MinHeap } from './min-heap.js';

/** The buffer and shape the algorithm works on (8-bit or 16-bit samples, 1 or 3 channels). */
export interface InpaintTarget {
  width: number;
  height: number;
  channels: number;
  /** Samples, modified in place inside the mask only. */
  data: Uint8Array | Uint16Array;
  /** Largest sample value (255, or 2^bitsStored - 1). */
  max: number;
}

const KNOWN = 0;
const BAND = 1;
const INSIDE = 2;
const FAR = 1e6;

/**
 * Fills the pixels where `mask` is non-zero (one byte per pixel) from the pixels around them, within
 * `radius` pixels. Pixels where the mask is zero are never written. When the mask covers the whole
 * image there is nothing to fill from and the pixels are left as they are.
 */
export function teleaInpaint(target: InpaintTarget, mask: Uint8Array, radius: number): void {
  const { width: w, height: h } = target;
  const n = w * h;
  const flag = new Uint8Array(n);
  const t = new Float64Array(n);
  const heap = new MinHeap(1024);
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      flag[i] = INSIDE;
      t[i] = FAR;
    }
  }
  // The initial band: known pixels next to the region, at T = 0.
  for (let i = 0; i < n; i++) {
    if (flag[i] !== KNOWN) continue;
    const x = i % w;
    const y = (i - x) / w;
    if (
      (x > 0 && flag[i - 1] === INSIDE) ||
      (x < w - 1 && flag[i + 1] === INSIDE) ||
      (y > 0 && flag[i - w] === INSIDE) ||
      (y < h - 1 && flag[i + w] === INSIDE)
    ) {
      flag[i] = BAND;
      heap.push(i, 0);
    }
  }
  const r = Math.max(1, Math.round(radius));
  const acc = new Float64Array(target.channels);
  for (let p = heap.pop(); p !== undefined; p = heap.pop()) {
    if (flag[p] === KNOWN) continue;
    flag[p] = KNOWN;
    const px = p % w;
    const py = (p - px) / w;
    for (const [nx, ny] of [
      [px - 1, py],
      [px + 1, py],
      [px, py - 1],
      [px, py + 1],
    ] as const) {
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      const q = ny * w + nx;
      if (flag[q] !== INSIDE) continue;
      const tq = arrival(t, flag, w, h, nx, ny);
      t[q] = tq;
      fillPixel(target, mask, flag, t, nx, ny, r, acc);
      flag[q] = BAND;
      heap.push(q, tq);
    }
  }
}

/** Solves |grad T| = 1 at (x, y) from its four neighbours (Telea's upwind quadrant solution). */
function arrival(t: Float64Array, flag: Uint8Array, w: number, h: number, x: number, y: number): number {
  const at = (ax: number, ay: number): number => {
    if (ax < 0 || ay < 0 || ax >= w || ay >= h) return FAR;
    const i = ay * w + ax;
    return flag[i] === INSIDE ? FAR : t[i]!;
  };
  const left = at(x - 1, y);
  const right = at(x + 1, y);
  const up = at(x, y - 1);
  const down = at(x, y + 1);
  return Math.min(solve(left, up), solve(right, up), solve(left, down), solve(right, down));
}

function solve(a: number, b: number): number {
  if (a < FAR && b < FAR) {
    const d = 2 - (a - b) * (a - b);
    if (d > 0) {
      const s = (a + b + Math.sqrt(d)) / 2;
      if (s >= a && s >= b) return s;
    }
    return 1 + Math.min(a, b);
  }
  if (a < FAR) return 1 + a;
  if (b < FAR) return 1 + b;
  return FAR;
}

/** Telea's weighted estimate of the pixel (x, y) from its known neighbourhood, written to `data`. */
function fillPixel(
  target: InpaintTarget,
  mask: Uint8Array,
  flag: Uint8Array,
  t: Float64Array,
  x: number,
  y: number,
  r: number,
  acc: Float64Array,
): void {
  const { width: w, height: h, channels: ch, data, max } = target;
  const i = y * w + x;
  const [gtx, gty] = gradT(t, flag, w, h, x, y);
  acc.fill(0);
  let total = 0;
  for (let ky = Math.max(0, y - r); ky <= Math.min(h - 1, y + r); ky++) {
    for (let kx = Math.max(0, x - r); kx <= Math.min(w - 1, x + r); kx++) {
      const k = ky * w + kx;
      if (flag[k] === INSIDE) continue;
      const rx = x - kx;
      const ry = y - ky;
      const d2 = rx * rx + ry * ry;
      if (d2 === 0 || d2 > r * r) continue;
      const len = Math.sqrt(d2);
      const dir = Math.abs((rx * gtx + ry * gty) / len) || 1e-6;
      const lev = 1 / (1 + Math.abs(t[k]! - t[i]!));
      const wgt = (dir * lev) / d2;
      for (let c = 0; c < ch; c++) {
        // Original pixels: gradient from original neighbours; filled ones: from any neighbour with a value.
        const [gx, gy] = mask[k]
          ? gradI(data, flag, INSIDE, w, h, ch, kx, ky, c)
          : gradI(data, mask, 1, w, h, ch, kx, ky, c);
        const v = data[k * ch + c]!;
        acc[c] = acc[c]! + wgt * (v + gx * rx + gy * ry);
      }
      total += wgt;
    }
  }
  if (total <= 0) return;
  for (let c = 0; c < ch; c++) {
    data[i * ch + c] = Math.min(max, Math.max(0, Math.round(acc[c]! / total)));
  }
}

/** Gradient of T at (x, y) from the neighbours that have a value. */
function gradT(
  t: Float64Array,
  flag: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
): [number, number] {
  const has = (ax: number, ay: number): boolean =>
    ax >= 0 && ay >= 0 && ax < w && ay < h && flag[ay * w + ax] !== INSIDE;
  const c = t[y * w + x]!;
  const diff = (ax: number, ay: number, bx: number, by: number): number => {
    const a = has(ax, ay);
    const b = has(bx, by);
    if (a && b) return (t[by * w + bx]! - t[ay * w + ax]!) / 2;
    if (b) return t[by * w + bx]! - c;
    if (a) return c - t[ay * w + ax]!;
    return 0;
  };
  return [diff(x - 1, y, x + 1, y), diff(x, y - 1, x, y + 1)];
}

/** Gradient of channel `c` at (x, y), from the neighbours whose `state` is not `unknown`. */
function gradI(
  data: Uint8Array | Uint16Array,
  state: Uint8Array,
  unknown: number,
  w: number,
  h: number,
  ch: number,
  x: number,
  y: number,
  c: number,
): [number, number] {
  const has = (ax: number, ay: number): boolean =>
    ax >= 0 && ay >= 0 && ax < w && ay < h && state[ay * w + ax] !== unknown;
  const v = (ax: number, ay: number): number => data[(ay * w + ax) * ch + c]!;
  const diff = (ax: number, ay: number, bx: number, by: number): number => {
    const a = has(ax, ay);
    const b = has(bx, by);
    if (a && b) return (v(bx, by) - v(ax, ay)) / 2;
    if (b) return v(bx, by) - v(x, y);
    if (a) return v(x, y) - v(ax, ay);
    return 0;
  };
  return [diff(x - 1, y, x + 1, y), diff(x, y - 1, x, y + 1)];
}
