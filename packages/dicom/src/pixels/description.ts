/**
 * The pixel description of a dataset (the Image Pixel module attributes that say how Pixel Data is laid
 * out), its validation, and the decoded frame type the rest of the pixel layer works on.
 */
import { PixelDataError, PixelErrorKinds } from './errors.js';

/** The Image Pixel module attributes that describe Pixel Data. */
export interface PixelDescription {
  /** Rows (0028,0010). */
  readonly rows: number;
  /** Columns (0028,0011). */
  readonly columns: number;
  /** Samples per Pixel (0028,0002): 1 or 3. */
  readonly samplesPerPixel: number;
  /** Bits Allocated (0028,0100): 1, 8, 16 or 32. */
  readonly bitsAllocated: number;
  /** Bits Stored (0028,0101). */
  readonly bitsStored: number;
  /** High Bit (0028,0102). */
  readonly highBit: number;
  /** Pixel Representation (0028,0103): 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  /** Photometric Interpretation (0028,0004), e.g. MONOCHROME2, RGB, YBR_FULL_422. */
  readonly photometricInterpretation: string;
  /** Planar Configuration (0028,0006): 0 interleaved (default), 1 planar. */
  readonly planarConfiguration?: number;
  /** Number of Frames (0028,0008); 1 when absent. */
  readonly numberOfFrames?: number;
}

/** A frame's samples: the typed array matches the bits allocated and the pixel representation. */
export type FrameSamples = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** One decoded frame: its samples and the geometry they are laid out in. */
export interface DecodedFrame {
  /** Frame index, 0-based. */
  readonly index: number;
  /** Rows. */
  readonly rows: number;
  /** Columns. */
  readonly columns: number;
  /** Samples per pixel (1 or 3). */
  readonly samplesPerPixel: number;
  /** Bits per sample of `data` (8, 16 or 32; 1-bit data is unpacked to 8). */
  readonly bitsAllocated: number;
  /** Significant bits of each sample. */
  readonly bitsStored: number;
  /** 0 unsigned, 1 signed. */
  readonly pixelRepresentation: number;
  /** Photometric interpretation of `data` (RGB after a YBR conversion). */
  readonly photometricInterpretation: string;
  /** 0: samples interleaved (R G B R G B), 1: one plane per sample. */
  readonly planarConfiguration: 0 | 1;
  /** `rows * columns * samplesPerPixel` samples. */
  readonly data: FrameSamples;
}

/**
 * A decoded frame of `description`: its geometry and sample format, with the samples and the layout
 * the decoder produced (`bitsAllocated` differs from the description's for unpacked 1-bit data).
 */
export function decodedFrame(
  description: PixelDescription,
  index: number,
  data: FrameSamples,
  layout: { photometricInterpretation: string; planarConfiguration: 0 | 1; bitsAllocated?: number },
): DecodedFrame {
  return {
    index,
    rows: description.rows,
    columns: description.columns,
    samplesPerPixel: description.samplesPerPixel,
    bitsAllocated: layout.bitsAllocated ?? description.bitsAllocated,
    bitsStored: description.bitsStored,
    pixelRepresentation: description.pixelRepresentation,
    photometricInterpretation: layout.photometricInterpretation,
    planarConfiguration: layout.planarConfiguration,
    data,
  };
}

/** Number of frames of a description (Number of Frames absent or 0: one frame). */
export function frameCountOf(description: PixelDescription): number {
  const n = description.numberOfFrames ?? 1;
  return n > 0 ? n : 1;
}

/** Samples in one frame. */
export function samplesPerFrame(description: PixelDescription): number {
  return description.rows * description.columns * description.samplesPerPixel;
}

/** Bytes of one native frame (1-bit frames are packed and may start inside a byte). */
export function nativeFrameBits(description: PixelDescription): number {
  return samplesPerFrame(description) * description.bitsAllocated;
}

/** The typed array for `count` samples of this bit depth and representation. */
export function allocateSamples(bitsAllocated: number, signed: boolean, count: number): FrameSamples {
  if (bitsAllocated <= 8) return signed ? new Int8Array(count) : new Uint8Array(count);
  if (bitsAllocated === 16) return signed ? new Int16Array(count) : new Uint16Array(count);
  return signed ? new Int32Array(count) : new Uint32Array(count);
}

function invalid(reason: string): PixelDataError {
  return new PixelDataError(PixelErrorKinds.INVALID_DESCRIPTION, reason);
}

/**
 * Checks a pixel description and throws a typed error naming the attribute that does not fit. Accepted:
 * rows and columns 1..65535, 1 or 3 samples, bits allocated 1 (one sample only), 8, 16 or 32, bits
 * stored within bits allocated, high bit = bits stored - 1, planar configuration 0 or 1.
 */
export function validateDescription(description: PixelDescription): void {
  const d = description;
  const isSize = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 65535;
  if (!isSize(d.rows)) throw invalid('Rows is missing or out of range');
  if (!isSize(d.columns)) throw invalid('Columns is missing or out of range');
  if (d.samplesPerPixel !== 1 && d.samplesPerPixel !== 3) throw invalid('Samples per Pixel must be 1 or 3');
  if (![1, 8, 16, 32].includes(d.bitsAllocated)) throw invalid('Bits Allocated must be 1, 8, 16 or 32');
  if (d.bitsAllocated === 1 && d.samplesPerPixel !== 1) throw invalid('1-bit data must have one sample');
  if (!Number.isInteger(d.bitsStored) || d.bitsStored < 1 || d.bitsStored > d.bitsAllocated) {
    throw invalid('Bits Stored is missing or larger than Bits Allocated');
  }
  if (d.highBit !== d.bitsStored - 1) throw invalid('High Bit must be Bits Stored - 1');
  if (d.pixelRepresentation !== 0 && d.pixelRepresentation !== 1) {
    throw invalid('Pixel Representation must be 0 or 1');
  }
  const planar = d.planarConfiguration ?? 0;
  if (planar !== 0 && planar !== 1) throw invalid('Planar Configuration must be 0 or 1');
  const frames = d.numberOfFrames ?? 1;
  if (!Number.isInteger(frames) || frames < 0) throw invalid('Number of Frames is not a whole number');
  if (!d.photometricInterpretation) throw invalid('Photometric Interpretation is missing');
}

/** The sample range the description's Bits Stored and Pixel Representation allow. */
export function storedRange(bitsStored: number, pixelRepresentation: number): { min: number; max: number } {
  if (pixelRepresentation === 1) return { min: -(2 ** (bitsStored - 1)), max: 2 ** (bitsStored - 1) - 1 };
  return { min: 0, max: 2 ** bitsStored - 1 };
}
