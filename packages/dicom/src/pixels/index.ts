/**
 * The DICOM pixel layer: decode every common transfer syntax frame by frame, render frames to 8 bits
 * for detection, redact boxes on the original samples, and write Pixel Data back without re-encoding
 * untouched frames. Not yet wired into de-identification.
 *
 * @packageDocumentation
 */
export { decodeFrames, decodeFrame } from './decode.js';
export { encodeFrames, type EncodedPixelData } from './encode.js';
export { windowTo8Bit, type WindowOptions, type WindowedRaster, type RasterMapping } from './window.js';
export { applyRegions, clampBox, type RedactionMethod, type RegionOptions } from './regions.js';
export { openPixelData, type PixelDataInput, type PixelSource } from './source.js';
export { pixelDataOf, type PixelDataOfFile, type VoiWindow } from './read.js';
export {
  frameCountOf,
  storedRange,
  validateDescription,
  type DecodedFrame,
  type FrameSamples,
  type PixelDescription,
} from './description.js';
export { toInterleaved, toPlanar, ybrFullToRgb } from './layout.js';
export { PixelDataError, PixelErrorKinds, type PixelErrorKind } from './errors.js';
export {
  PIXEL_TS,
  pixelSyntaxOf,
  supportedTransferSyntaxes,
  type PixelCoding,
  type PixelSyntax,
} from './transfer-syntax.js';
