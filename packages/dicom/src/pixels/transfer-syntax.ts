/**
 * The transfer syntaxes the pixel layer knows, and what it can do with each: how frames are stored
 * (native or encapsulated), which codec decodes them, whether the encoding is lossless, and whether a
 * lossless encoder exists here so changed frames can be re-encoded in the same syntax.
 */

/** How the frames of a transfer syntax are coded. */
export type PixelCoding =
  'native' | 'rle' | 'jpeg-baseline' | 'jpeg-extended' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000' | 'htj2k';

/** What the pixel layer knows about one transfer syntax. */
export interface PixelSyntax {
  /** The UID. */
  readonly uid: string;
  /** How frames are coded. */
  readonly coding: PixelCoding;
  /** Pixel Data is encapsulated (fragments in items). */
  readonly encapsulated: boolean;
  /** Native data is big endian (Explicit VR Big Endian). */
  readonly bigEndian: boolean;
  /** The encoding may lose information (every frame must be treated as lossy). */
  readonly lossy: boolean;
  /** Changed frames can be re-encoded in this syntax here, losslessly. */
  readonly losslessReencode: boolean;
}

/** Transfer syntax UIDs of the pixel layer. */
export const PIXEL_TS = {
  IMPLICIT_LE: '1.2.840.10008.1.2',
  EXPLICIT_LE: '1.2.840.10008.1.2.1',
  DEFLATED_LE: '1.2.840.10008.1.2.1.99',
  EXPLICIT_BE: '1.2.840.10008.1.2.2',
  RLE: '1.2.840.10008.1.2.5',
  JPEG_BASELINE: '1.2.840.10008.1.2.4.50',
  JPEG_EXTENDED: '1.2.840.10008.1.2.4.51',
  JPEG_LOSSLESS_P14: '1.2.840.10008.1.2.4.57',
  JPEG_LOSSLESS_SV1: '1.2.840.10008.1.2.4.70',
  JPEG_LS_LOSSLESS: '1.2.840.10008.1.2.4.80',
  JPEG_LS_NEAR_LOSSLESS: '1.2.840.10008.1.2.4.81',
  J2K_LOSSLESS: '1.2.840.10008.1.2.4.90',
  J2K: '1.2.840.10008.1.2.4.91',
  HTJ2K_LOSSLESS: '1.2.840.10008.1.2.4.201',
  HTJ2K_LOSSLESS_RPCL: '1.2.840.10008.1.2.4.202',
  HTJ2K: '1.2.840.10008.1.2.4.203',
} as const;

function syntax(
  uid: string,
  coding: PixelCoding,
  lossy: boolean,
  losslessReencode: boolean,
  bigEndian = false,
): PixelSyntax {
  return Object.freeze({
    uid,
    coding,
    encapsulated: coding !== 'native',
    bigEndian,
    lossy,
    losslessReencode,
  });
}

const TABLE: ReadonlyMap<string, PixelSyntax> = new Map(
  [
    syntax(PIXEL_TS.IMPLICIT_LE, 'native', false, true),
    syntax(PIXEL_TS.EXPLICIT_LE, 'native', false, true),
    // The reader inflates deflated datasets: the Pixel Data it hands over is explicit VR LE native data.
    syntax(PIXEL_TS.DEFLATED_LE, 'native', false, true),
    syntax(PIXEL_TS.EXPLICIT_BE, 'native', false, true, true),
    syntax(PIXEL_TS.RLE, 'rle', false, true),
    syntax(PIXEL_TS.JPEG_BASELINE, 'jpeg-baseline', true, false),
    syntax(PIXEL_TS.JPEG_EXTENDED, 'jpeg-extended', true, false),
    // No JPEG lossless encoder ships here: changed frames of these syntaxes go to native explicit VR LE.
    syntax(PIXEL_TS.JPEG_LOSSLESS_P14, 'jpeg-lossless', false, false),
    syntax(PIXEL_TS.JPEG_LOSSLESS_SV1, 'jpeg-lossless', false, false),
    syntax(PIXEL_TS.JPEG_LS_LOSSLESS, 'jpeg-ls', false, true),
    syntax(PIXEL_TS.JPEG_LS_NEAR_LOSSLESS, 'jpeg-ls', true, false),
    syntax(PIXEL_TS.J2K_LOSSLESS, 'jpeg-2000', false, true),
    syntax(PIXEL_TS.J2K, 'jpeg-2000', true, false),
    syntax(PIXEL_TS.HTJ2K_LOSSLESS, 'htj2k', false, true),
    syntax(PIXEL_TS.HTJ2K_LOSSLESS_RPCL, 'htj2k', false, true),
    // 4.203 allows lossy or lossless code streams: treated as lossy (fail closed on history).
    syntax(PIXEL_TS.HTJ2K, 'htj2k', true, false),
  ].map((s) => [s.uid, s]),
);

/** What the pixel layer knows about `uid`, or undefined when it has no decoder for it. */
export function pixelSyntaxOf(uid: string): PixelSyntax | undefined {
  return TABLE.get(uid.replace(/\0+$/, '').trim());
}

/** Every transfer syntax UID the pixel layer decodes. */
export function supportedTransferSyntaxes(): string[] {
  return [...TABLE.keys()];
}
