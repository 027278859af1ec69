/**
 * A Pixel Data value opened for frame access: the transfer syntax resolved, the description checked,
 * and (encapsulated data) the fragments located and assigned to frames. Nothing is decoded here.
 */
import { frameCountOf, nativeFrameBits, validateDescription, type PixelDescription } from './description.js';
import {
  assignFragments,
  frameBytes,
  originalItems,
  readEncapsulatedItems,
  type EncapsulatedItems,
} from './encapsulated.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';
import { pixelSyntaxOf, type PixelSyntax } from './transfer-syntax.js';

/**
 * Pixel Data as a dataset holds it. For a deflated file pass the bytes the reader inflated (`parsePart10`
 * does) with either the declared deflated UID or explicit VR LE: both read as native little endian.
 */
export interface PixelDataInput {
  /** The Image Pixel module attributes. */
  readonly description: PixelDescription;
  /** Transfer Syntax UID of the dataset. */
  readonly transferSyntaxUid: string;
  /** The Pixel Data (7FE0,0010) value: native bytes, or the items of encapsulated data (delimiter optional). */
  readonly pixelData: Uint8Array;
  /** Pixel Data VR (OB or OW); matters for 8-bit big-endian data only. */
  readonly vr?: string;
  /** Extended Offset Table (7FE0,0001) value, when present. */
  readonly extendedOffsetTable?: Uint8Array;
  /** Extended Offset Table Lengths (7FE0,0002) value, when present. */
  readonly extendedOffsetTableLengths?: Uint8Array;
}

/** An opened Pixel Data value. */
export interface PixelSource {
  readonly input: PixelDataInput;
  readonly syntax: PixelSyntax;
  readonly frameCount: number;
  /** Encapsulated data only: its items and the fragment indices of each frame. */
  readonly items?: EncapsulatedItems;
  readonly frameFragments?: readonly (readonly number[])[];
}

/**
 * Opens `input`: throws `UNSUPPORTED_TRANSFER_SYNTAX` for a syntax with no decoder here,
 * `INVALID_DESCRIPTION`, `TRUNCATED_PIXEL_DATA` (native data shorter than its frames),
 * `BAD_ENCAPSULATION` or `FRAGMENT_COUNT`.
 */
export function openPixelData(input: PixelDataInput): PixelSource {
  const syntax = pixelSyntaxOf(input.transferSyntaxUid);
  if (!syntax) {
    throw new PixelDataError(
      PixelErrorKinds.UNSUPPORTED_TRANSFER_SYNTAX,
      'no pixel decoder for this transfer syntax',
    );
  }
  validateDescription(input.description);
  const frameCount = frameCountOf(input.description);
  if (!syntax.encapsulated) {
    if (input.description.photometricInterpretation.trim().endsWith('_422')) {
      throw new PixelDataError(
        PixelErrorKinds.INVALID_DESCRIPTION,
        'native YBR_FULL_422 (subsampled) data is not supported',
      );
    }
    const needed = Math.ceil((nativeFrameBits(input.description) * frameCount) / 8);
    if (input.pixelData.byteLength < needed) {
      throw new PixelDataError(
        PixelErrorKinds.TRUNCATED_PIXEL_DATA,
        'native Pixel Data is shorter than its frames',
        {
          frame: Math.floor((input.pixelData.byteLength * 8) / nativeFrameBits(input.description)),
        },
      );
    }
    return { input, syntax, frameCount };
  }
  const items = readEncapsulatedItems(input.pixelData);
  const extended =
    input.extendedOffsetTable && input.extendedOffsetTableLengths
      ? { offsets: input.extendedOffsetTable, lengths: input.extendedOffsetTableLengths }
      : undefined;
  const frameFragments = assignFragments(input.pixelData, items, frameCount, extended);
  return { input, syntax, frameCount, items, frameFragments };
}

function fragmentsOf(source: PixelSource, index: number): readonly number[] {
  const list = source.frameFragments?.[index];
  if (!source.items || !list) {
    throw new PixelDataError(PixelErrorKinds.FRAGMENT_COUNT, 'frame out of range', { frame: index });
  }
  return list;
}

/** The compressed bytes of frame `index` (its fragments' values, concatenated). */
export function compressedFrame(source: PixelSource, index: number): Uint8Array {
  const list = fragmentsOf(source, index);
  return frameBytes(source.input.pixelData, source.items as EncapsulatedItems, list);
}

/** The original items (header and value) of frame `index`, as views: copied as they are when untouched. */
export function originalFrameItems(source: PixelSource, index: number): Uint8Array[] {
  const list = fragmentsOf(source, index);
  return originalItems(source.input.pixelData, source.items as EncapsulatedItems, list);
}
