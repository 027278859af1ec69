/**
 * Detection-only rendering of a decoded frame to 8 bits (grey or RGB) in the `RasterImage` shape of
 * core's vision port, with the mapping that takes boxes found on the rendering back to the frame.
 * The rendering is never written anywhere: redaction happens on the original samples.
 */
import type { Box, RasterImage } from '@medimagecleaner/core';
import type { DecodedFrame } from './description.js';
import { toInterleaved, ybrFullToRgb } from './layout.js';

/** Options of {@link windowTo8Bit}. */
export interface WindowOptions {
  /** VOI window (Window Center/Width); without it the frame's min..max is stretched to 0..255. */
  readonly window?: { readonly center: number; readonly width: number };
  /** Modality rescale, applied before the window (the window is in rescaled units). */
  readonly rescale?: { readonly slope: number; readonly intercept: number };
  /** Longest side of the rendering; larger frames are downscaled (nearest sample). Default: no scaling. */
  readonly maxDimension?: number;
}

/** Maps boxes on the rendering back to frame coordinates. */
export interface RasterMapping {
  /** Frame pixels per rendering pixel, horizontally and vertically (1 when not scaled). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** The frame region covering `box` on the rendering (grown outward to whole pixels, clamped). */
  toFrame(box: Box): Box;
}

/** A rendering and its mapping. */
export interface WindowedRaster {
  readonly image: RasterImage;
  readonly mapping: RasterMapping;
}

/** Linear VOI function (PS3.3 C.11.2.1.2.1) from value to 0..255. */
function voi(center: number, width: number): (x: number) => number {
  const w = Math.max(1, width);
  const low = center - 0.5 - (w - 1) / 2;
  const high = center - 0.5 + (w - 1) / 2;
  return (x) => (x <= low ? 0 : x > high ? 255 : Math.round(((x - (center - 0.5)) / (w - 1) + 0.5) * 255));
}

function minMax(data: ArrayLike<number>, slope: number, intercept: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = (data[i] ?? 0) * slope + intercept;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Renders `frame` to 8 bits for detection. Grey frames: VOI window when given, else min..max;
 * MONOCHROME1 inverted so text is light-on-dark or dark-on-light as a viewer shows it. Colour frames
 * (RGB, YBR_FULL converted to RGB) are scaled from Bits Stored to 8 bits. Returns 1 or 3 channels and
 * the mapping back to frame coordinates.
 */
export function windowTo8Bit(frame: DecodedFrame, options: WindowOptions = {}): WindowedRaster {
  const f = toInterleaved(frame);
  const channels: 1 | 3 = f.samplesPerPixel === 3 ? 3 : 1;
  const pi = f.photometricInterpretation.trim();
  let map: (x: number) => number;
  let samples: ArrayLike<number> = f.data;
  let slope = 1;
  let intercept = 0;
  if (channels === 3) {
    if (pi === 'YBR_FULL') samples = ybrFullToRgb(f.data, f.bitsStored);
    const scale = 255 / (2 ** f.bitsStored - 1);
    map = (x) => Math.min(255, Math.max(0, Math.round(x * scale)));
  } else {
    slope = options.rescale?.slope ?? 1;
    intercept = options.rescale?.intercept ?? 0;
    if (options.window) {
      map = voi(options.window.center, options.window.width);
    } else {
      const { min, max } = minMax(f.data, slope, intercept);
      const range = max - min;
      map = range > 0 ? (x) => Math.round(((x - min) * 255) / range) : () => 0;
    }
    if (pi === 'MONOCHROME1') {
      const base = map;
      map = (x) => 255 - base(x);
    }
  }
  const longest = Math.max(f.rows, f.columns);
  const factor = options.maxDimension && longest > options.maxDimension ? longest / options.maxDimension : 1;
  const width = Math.max(1, Math.round(f.columns / factor));
  const height = Math.max(1, Math.round(f.rows / factor));
  const scaleX = f.columns / width;
  const scaleY = f.rows / height;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(f.rows - 1, Math.floor((y + 0.5) * scaleY));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(f.columns - 1, Math.floor((x + 0.5) * scaleX));
      for (let c = 0; c < channels; c++) {
        const v = samples[(sy * f.columns + sx) * channels + c] ?? 0;
        data[(y * width + x) * channels + c] = map(v * slope + intercept);
      }
    }
  }
  const mapping: RasterMapping = {
    scaleX,
    scaleY,
    toFrame(box: Box): Box {
      const x0 = Math.max(0, Math.floor(box.x * scaleX));
      const y0 = Math.max(0, Math.floor(box.y * scaleY));
      const x1 = Math.min(f.columns, Math.ceil((box.x + box.width) * scaleX));
      const y1 = Math.min(f.rows, Math.ceil((box.y + box.height) * scaleY));
      return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
    },
  };
  return { image: { width, height, channels, data }, mapping };
}
