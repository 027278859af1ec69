/**
 * A cheap test that proves a frame holds no text-like strokes, so the detection model can be skipped.
 * A stroke crossing is a pair of opposite sharp steps (a rise and a fall of more than the edge
 * contrast, in any channel) no further apart than a stroke is wide, along a row (or a column); a
 * stroke is such crossings in `minStrokeRows` consecutive rows (columns) at the same place, give or
 * take a pixel, as the vertical (horizontal) strokes of every glyph are. Noise and speckle make many
 * crossings but hardly ever stacked ones; smooth anatomy, flat panels and the edge of a disc make
 * none. The contrast is the one the model's own stroke filter uses, so a frame this test clears would
 * have had every box dropped by that filter too, unless its text has strokes shorter than
 * `minStrokeRows` pixels (text under about 5 px high).
 */
import type { RasterImage } from '@medimagecleaner/core';

/** Settings of {@link hasTextStrokes}. */
export interface StrokePrecheck {
  /** Skip the model on frames without text-like rows of strokes (default true). */
  precheck: boolean;
  /** Strokes within `maxGlyphGap` pixels of each other along a line that make a text-like row (default 3). */
  minStrokes: number;
  /** Span along a line in which `minStrokes` strokes must fall (default 56). */
  maxGlyphGap: number;
  /** Text-like rows (or columns) that send a frame to the model (default 2). */
  minTextRows: number;
  /** Widest stroke in pixels: opposite steps further apart are two edges, not a stroke (default 14). */
  maxStrokeWidth: number;
  /** Consecutive rows (or columns) a crossing must repeat in to be a stroke (default 3). */
  minStrokeRows: number;
}

/**
 * True when the frame has at least `minTextRows` lines (rows, then columns) on which `minStrokes`
 * strokes fall within `maxGlyphGap` pixels: the signature of a run of glyphs. Returns as soon as
 * enough are counted. `edgeContrast` is the step, in 8-bit levels, that counts as sharp.
 */
export function hasTextStrokes(image: RasterImage, opts: StrokePrecheck, edgeContrast: number): boolean {
  if (!opts.precheck) return true;
  const { width, height } = image;
  const need = opts.minTextRows;
  let found = countStacked(image, width, height, 1, width, opts, edgeContrast, need);
  if (found >= need) return true;
  found += countStacked(image, height, width, width, 1, opts, edgeContrast, need - found);
  return found >= need;
}

/**
 * Text-like lines among `lines` lines of `length` pixels (pixel step `along`, line step `across`): marks
 * the centre of every crossing per line, keeps those stacked over `minStrokeRows` lines, and counts the
 * lines where `minStrokes` of them fall within `maxGlyphGap` pixels (up to `enough`).
 */
function countStacked(
  image: RasterImage,
  length: number,
  lines: number,
  along: number,
  across: number,
  opts: StrokePrecheck,
  contrast: number,
  enough: number,
): number {
  const { channels, data } = image;
  // run[i]: how many consecutive lines up to this one have a crossing centred at position i (+-1).
  let prev = new Uint8Array(length);
  let cur = new Uint8Array(length);
  let strokes = 0;
  for (let line = 0; line < lines; line++) {
    cur.fill(0);
    let lastPos = -1e9;
    let lastSign = 0;
    const recent: number[] = [];
    const base = line * across;
    for (let k = 0; k < length - 1; k++) {
      const a = (base + k * along) * channels;
      const b = a + along * channels;
      let d = 0;
      for (let c = 0; c < channels; c++) {
        const s = data[b + c]! - data[a + c]!;
        if (Math.abs(s) > Math.abs(d)) d = s;
      }
      if (d <= contrast && d >= -contrast) continue;
      const sign = d > 0 ? 1 : -1;
      if (sign !== lastSign && lastSign !== 0 && k - lastPos <= opts.maxStrokeWidth) {
        const centre = (lastPos + k + 1) >> 1;
        const below = Math.max(prev[centre - 1] ?? 0, prev[centre]!, prev[centre + 1] ?? 0);
        const run = Math.min(255, below + 1);
        cur[centre] = run;
        if (run >= opts.minStrokeRows) {
          // A glyph row: enough stacked strokes close together along this line.
          while (recent.length && centre - recent[0]! > opts.maxGlyphGap) recent.shift();
          recent.push(centre);
          if (recent.length === opts.minStrokes) {
            recent.length = 0;
            if (++strokes >= enough) return strokes;
          }
        }
        lastSign = 0;
      } else {
        lastSign = sign;
      }
      lastPos = k;
    }
    [prev, cur] = [cur, prev];
  }
  return strokes;
}
