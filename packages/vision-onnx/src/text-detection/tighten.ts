/**
 * Shrinking a detected text box to its ink. The detector's boxes are grown (DB unclip plus a margin) so
 * they hold whole glyphs, which also blanks background around the text. Inside each box the
 * background level is the median of the box's outer ring (per channel); pixels that differ from it by
 * more than a contrast threshold are ink. Starting from the model's text kernel (the core), the box
 * keeps the rows above and below the core that have ink in the core's columns, stopping at the first
 * two empty rows, then the columns left and right that have ink in those rows, stopping at a gap wider
 * than a third of the text height; plus `tightenMargin` pixels. Structures that touch the box but are
 * separated from the text by background (anatomy, a panel's edge) are left out. A box only shrinks.
 * When the ring lies on a label panel's surroundings the panel is ink; the search is then repeated
 * inside the panel (at most 3 passes).
 */
import type { Box, RasterImage } from '@medimagecleaner/core';

/** Settings of {@link tightenBox}. */
export interface BoxTightening {
  /** Shrink boxes to their ink (default true). */
  tighten: boolean;
  /** Pixels kept around the ink's extent on each side (default 2). */
  tightenMargin: number;
  /**
   * A pixel is ink when it differs from the ring's level by more than this many levels, or by a
   * quarter of the box's strongest difference when that is larger (8-bit scale; default 20).
   */
  inkContrast: number;
}

/** The box cut to the extent of the ink connected to the core (the box itself when nothing to cut). */
export function tightenBox(image: RasterImage, box: Box, core: Box, opts: BoxTightening): Box {
  if (!opts.tighten) return box;
  let ink = box;
  for (let pass = 0; pass < 3; pass++) {
    // After the first pass the ring must lie on a uniform panel; on glyphs it would invert the ink.
    const next = inkExtent(image, ink, core, opts, pass > 0);
    if (!next || (next.width === ink.width && next.height === ink.height)) break;
    ink = next;
  }
  if (ink === box) return box;
  const m = opts.tightenMargin;
  const x0 = Math.max(box.x, ink.x - m);
  const y0 = Math.max(box.y, ink.y - m);
  const x1 = Math.min(box.x + box.width, ink.x + ink.width + m);
  const y1 = Math.min(box.y + box.height, ink.y + ink.height + m);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The extent of the ink in `box` grown from `core` (the box itself when too small or without ink), or
 * undefined when `panelOnly` and the box's ring is not uniform.
 */
function inkExtent(
  image: RasterImage,
  box: Box,
  core: Box,
  opts: BoxTightening,
  panelOnly: boolean,
): Box | undefined {
  if (box.width < 4 || box.height < 4) return box;
  const { x: bx, y: by, width: bw, height: bh } = box;
  const ink = inkMask(image, box, opts, panelOnly);
  if (!ink) return undefined;
  // The core in box coordinates, kept inside the box.
  const cx0 = Math.min(Math.max(core.x - bx, 0), bw - 1);
  const cy0 = Math.min(Math.max(core.y - by, 0), bh - 1);
  const cx1 = Math.min(Math.max(core.x + core.width - 1 - bx, cx0), bw - 1);
  const cy1 = Math.min(Math.max(core.y + core.height - 1 - by, cy0), bh - 1);
  const rowHasInk = (y: number, x0: number, x1: number): boolean => {
    for (let x = x0; x <= x1; x++) if (ink[y * bw + x]) return true;
    return false;
  };
  const colHasInk = (x: number, y0: number, y1: number): boolean => {
    for (let y = y0; y <= y1; y++) if (ink[y * bw + x]) return true;
    return false;
  };
  const grow = (from: number, step: number, limit: number, has: (i: number) => boolean, gap: number) => {
    let last = from;
    let empty = 0;
    for (let i = from + step; step > 0 ? i <= limit : i >= limit; i += step) {
      if (has(i)) {
        last = i;
        empty = 0;
      } else if (++empty > gap) break;
    }
    return last;
  };
  let y0 = cy0;
  let y1 = cy1;
  while (y0 <= cy1 && !rowHasInk(y0, cx0, cx1)) y0++;
  while (y1 >= y0 && !rowHasInk(y1, cx0, cx1)) y1--;
  if (y0 > y1) return box;
  y0 = grow(y0, -1, 0, (y) => rowHasInk(y, cx0, cx1), 1);
  y1 = grow(y1, 1, bh - 1, (y) => rowHasInk(y, cx0, cx1), 1);
  const gap = Math.max(2, Math.round((y1 - y0 + 1) / 3));
  let x0 = cx0;
  let x1 = cx1;
  while (x0 <= cx1 && !colHasInk(x0, y0, y1)) x0++;
  while (x1 >= x0 && !colHasInk(x1, y0, y1)) x1--;
  if (x0 > x1) return box;
  x0 = grow(x0, -1, 0, (x) => colHasInk(x, y0, y1), gap);
  x1 = grow(x1, 1, bw - 1, (x) => colHasInk(x, y0, y1), gap);
  return { x: bx + x0, y: by + y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Ink pixels of the box (1 per pixel): far enough from the ring's median level, not isolated; or
 * undefined when `panelOnly` and more than 2 % of the ring is ink (the ring is not a uniform panel).
 */
function inkMask(
  image: RasterImage,
  box: Box,
  opts: BoxTightening,
  panelOnly: boolean,
): Uint8Array | undefined {
  const { width, channels, data } = image;
  const { x: bx, y: by, width: bw, height: bh } = box;
  const bg: number[] = [];
  for (let c = 0; c < channels; c++) {
    const hist = new Uint32Array(256);
    let n = 0;
    const count = (x: number, y: number): void => {
      const v = data[(y * width + x) * channels + c]!;
      hist[v] = hist[v]! + 1;
      n++;
    };
    for (let x = bx; x < bx + bw; x++) {
      count(x, by);
      count(x, by + bh - 1);
    }
    for (let y = by + 1; y < by + bh - 1; y++) {
      count(bx, y);
      count(bx + bw - 1, y);
    }
    let acc = 0;
    let v = 0;
    while (v < 255 && (acc += hist[v]!) < n / 2) v++;
    bg.push(v);
  }
  const diff = new Uint8Array(bw * bh);
  let strongest = 0;
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      const o = ((by + y) * width + bx + x) * channels;
      let d = 0;
      for (let c = 0; c < channels; c++) d = Math.max(d, Math.abs(data[o + c]! - bg[c]!));
      diff[y * bw + x] = d;
      if (d > strongest) strongest = d;
    }
  }
  const t = Math.max(opts.inkContrast, strongest / 4);
  if (panelOnly) {
    let off = 0;
    for (let x = 0; x < bw; x++) off += Number(diff[x]! > t) + Number(diff[(bh - 1) * bw + x]! > t);
    for (let y = 1; y < bh - 1; y++) off += Number(diff[y * bw]! > t) + Number(diff[y * bw + bw - 1]! > t);
    if (off > 0.02 * 2 * (bw + bh)) return undefined;
  }
  const ink = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      if (diff[y * bw + x]! <= t) continue;
      let neighbour = false;
      for (let dy = -1; dy <= 1 && !neighbour; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= bh) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if ((dx || dy) && nx >= 0 && nx < bw && diff[ny * bw + nx]! > t) {
            neighbour = true;
            break;
          }
        }
      }
      if (neighbour) ink[y * bw + x] = 1;
    }
  }
  return ink;
}
