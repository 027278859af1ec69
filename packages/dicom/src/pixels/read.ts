/**
 * Gathers the pixel layer's input from a file parsed by {@link parsePart10}: the Image Pixel module
 * attributes, the Pixel Data value, the Extended Offset Table and the VOI window, read from the
 * top-level dataset. Nothing is copied: the Pixel Data value is a view of the dataset bytes.
 */
import type { Part10File } from '../part10.js';
import type { WalkedElement } from '../walker.js';
import type { PixelDescription } from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';
import type { PixelDataInput } from './source.js';

/** A VOI window (first values of Window Center / Window Width). */
export interface VoiWindow {
  readonly center: number;
  readonly width: number;
}

/** The pixel layer's input for a parsed file, plus the attributes detection rendering needs. */
export interface PixelDataOfFile extends PixelDataInput {
  /** Window Center / Width (0028,1050/1051), when present and numeric. */
  readonly window?: VoiWindow;
  /** Rescale slope and intercept (0028,1053/1052), when present. */
  readonly rescale?: { readonly slope: number; readonly intercept: number };
  /** Pixel Padding Value (0028,0120), when present. */
  readonly pixelPaddingValue?: number;
}

const T = {
  SAMPLES: 0x00280002,
  PHOTOMETRIC: 0x00280004,
  PLANAR: 0x00280006,
  FRAMES: 0x00280008,
  ROWS: 0x00280010,
  COLUMNS: 0x00280011,
  BITS_ALLOCATED: 0x00280100,
  BITS_STORED: 0x00280101,
  HIGH_BIT: 0x00280102,
  REPRESENTATION: 0x00280103,
  PADDING: 0x00280120,
  WINDOW_CENTER: 0x00281050,
  WINDOW_WIDTH: 0x00281051,
  INTERCEPT: 0x00281052,
  SLOPE: 0x00281053,
  EOT: 0x7fe00001,
  EOT_LENGTHS: 0x7fe00002,
  PIXEL_DATA: 0x7fe00010,
} as const;

/**
 * The pixel input of `file`, or undefined when it has no Pixel Data. Throws `INVALID_DESCRIPTION`
 * when a required Image Pixel attribute is missing.
 */
export function pixelDataOf(file: Part10File): PixelDataOfFile | undefined {
  const bytes = file.datasetBytes;
  const le = file.encoding.littleEndian;
  const byTag = new Map<number, WalkedElement>(file.dataset.map((e) => [e.tag >>> 0, e]));
  const pixel = byTag.get(T.PIXEL_DATA);
  if (!pixel) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value = (e: WalkedElement): Uint8Array => bytes.subarray(e.valueStart, e.valueStart + e.valueLength);
  const text = (tag: number): string | undefined => {
    const e = byTag.get(tag);
    return e
      ? new TextDecoder('latin1')
          .decode(value(e))
          .replace(/[\0 ]+$/, '')
          .trim()
      : undefined;
  };
  const us = (tag: number, required: boolean): number | undefined => {
    const e = byTag.get(tag);
    if (!e || e.valueLength < 2) {
      if (required)
        throw new PixelDataError(
          PixelErrorKinds.INVALID_DESCRIPTION,
          `attribute (${(tag >>> 16).toString(16)},${(tag & 0xffff).toString(16).padStart(4, '0')}) is missing`,
        );
      return undefined;
    }
    return view.getUint16(e.valueStart, le);
  };
  const firstNumber = (tag: number): number | undefined => {
    const v = text(tag)?.split('\\')[0];
    const n = v === undefined || v === '' ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const description: PixelDescription = {
    rows: us(T.ROWS, true) as number,
    columns: us(T.COLUMNS, true) as number,
    samplesPerPixel: us(T.SAMPLES, false) ?? 1,
    bitsAllocated: us(T.BITS_ALLOCATED, true) as number,
    bitsStored: us(T.BITS_STORED, false) ?? (us(T.BITS_ALLOCATED, true) as number),
    highBit:
      us(T.HIGH_BIT, false) ?? (us(T.BITS_STORED, false) ?? (us(T.BITS_ALLOCATED, true) as number)) - 1,
    pixelRepresentation: us(T.REPRESENTATION, false) ?? 0,
    photometricInterpretation: text(T.PHOTOMETRIC) ?? 'MONOCHROME2',
    planarConfiguration: us(T.PLANAR, false) ?? 0,
    numberOfFrames: firstNumber(T.FRAMES) ?? 1,
  };
  const center = firstNumber(T.WINDOW_CENTER);
  const width = firstNumber(T.WINDOW_WIDTH);
  const slope = firstNumber(T.SLOPE);
  const intercept = firstNumber(T.INTERCEPT);
  const paddingElement = byTag.get(T.PADDING);
  const eot = byTag.get(T.EOT);
  const eotLengths = byTag.get(T.EOT_LENGTHS);
  return {
    description,
    transferSyntaxUid: file.declaredTransferSyntax ?? file.transferSyntax,
    pixelData: value(pixel),
    ...(pixel.vr ? { vr: pixel.vr } : {}),
    ...(eot && eotLengths
      ? { extendedOffsetTable: value(eot), extendedOffsetTableLengths: value(eotLengths) }
      : {}),
    ...(center !== undefined && width !== undefined && width > 0 ? { window: { center, width } } : {}),
    ...(slope !== undefined || intercept !== undefined
      ? { rescale: { slope: slope ?? 1, intercept: intercept ?? 0 } }
      : {}),
    ...(paddingElement && paddingElement.valueLength >= 2
      ? {
          pixelPaddingValue:
            description.pixelRepresentation === 1
              ? view.getInt16(paddingElement.valueStart, le)
              : view.getUint16(paddingElement.valueStart, le),
        }
      : {}),
  };
}
