/**
 * Sample layout and colour helpers: planar <-> interleaved, and YBR_FULL -> RGB (PS3.3 C.7.6.3.1.2)
 * for frames whose decoder leaves YCbCr (native, RLE, JPEG-LS and JPEG lossless data keep their stored
 * samples so they re-encode exactly; JPEG baseline and JPEG 2000 decoders already return RGB).
 */
import { allocateSamples, type DecodedFrame, type FrameSamples } from './description.js';

/** The frame with samples interleaved (R G B R G B ...); the same object when it already is. */
export function toInterleaved(frame: DecodedFrame): DecodedFrame {
  if (frame.planarConfiguration === 0 || frame.samplesPerPixel === 1) return frame;
  return { ...frame, planarConfiguration: 0, data: reorder(frame, true) };
}

/** The frame with one plane per sample; the same object when it already is. */
export function toPlanar(frame: DecodedFrame): DecodedFrame {
  if (frame.planarConfiguration === 1 || frame.samplesPerPixel === 1) return frame;
  return { ...frame, planarConfiguration: 1, data: reorder(frame, false) };
}

/** The frame in layout `planar` (0 interleaved, 1 planar). */
export function withLayout(frame: DecodedFrame, planar: 0 | 1): DecodedFrame {
  return planar === 1 ? toPlanar(frame) : toInterleaved(frame);
}

function reorder(frame: DecodedFrame, toInterleave: boolean): FrameSamples {
  const pixels = frame.rows * frame.columns;
  const spp = frame.samplesPerPixel;
  const out = allocateSamples(frame.bitsAllocated, frame.pixelRepresentation === 1, pixels * spp);
  for (let s = 0; s < spp; s++) {
    for (let p = 0; p < pixels; p++) {
      const planar = s * pixels + p;
      const interleaved = p * spp + s;
      out[toInterleave ? interleaved : planar] = frame.data[toInterleave ? planar : interleaved] ?? 0;
    }
  }
  return out;
}

/**
 * YBR_FULL samples (interleaved, 8 or 16 bit) converted to RGB with the PS3.3 full-range equations,
 * rounded and clamped to the stored range. A new array; used for detection rendering only.
 */
export function ybrFullToRgb(data: FrameSamples, bitsStored: number): FrameSamples {
  const max = 2 ** bitsStored - 1;
  const mid = 2 ** (bitsStored - 1);
  const out = new (data.constructor as new (n: number) => FrameSamples)(data.length);
  const clamp = (v: number): number => Math.min(max, Math.max(0, Math.round(v)));
  for (let i = 0; i + 2 < data.length; i += 3) {
    const y = data[i] ?? 0;
    const cb = (data[i + 1] ?? 0) - mid;
    const cr = (data[i + 2] ?? 0) - mid;
    out[i] = clamp(y + 1.402 * cr);
    out[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    out[i + 2] = clamp(y + 1.772 * cb);
  }
  return out;
}
