/**
 * Frame-by-frame decoding of Pixel Data in any supported transfer syntax. One frame is decoded at a
 * time, so memory stays bounded by one frame (plus the compressed bytes the caller holds).
 */
import { decodeCompressedFrame } from './compressed.js';
import { decodedFrame, type DecodedFrame } from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';
import { readNativeFrame } from './native.js';
import { decodeRleFrame } from './rle.js';
import { compressedFrame, openPixelData, type PixelDataInput, type PixelSource } from './source.js';

/** Decodes frame `index` of an opened source. */
export async function decodeFrame(source: PixelSource, index: number): Promise<DecodedFrame> {
  if (!Number.isInteger(index) || index < 0 || index >= source.frameCount) {
    throw new PixelDataError(PixelErrorKinds.FRAGMENT_COUNT, 'frame out of range', { frame: index });
  }
  const { description } = source.input;
  const { syntax } = source;
  if (syntax.coding === 'native') {
    return readNativeFrame(source.input.pixelData, description, index, {
      bigEndian: syntax.bigEndian,
      ...(source.input.vr ? { vr: source.input.vr } : {}),
    });
  }
  const bytes = compressedFrame(source, index);
  if (syntax.coding === 'rle') {
    if (description.bitsAllocated === 1) {
      throw new PixelDataError(PixelErrorKinds.UNSUPPORTED_TRANSFER_SYNTAX, 'RLE with 1 bit allocated', {
        frame: index,
      });
    }
    const planarConfiguration = description.planarConfiguration === 1 ? 1 : 0;
    const data = decodeRleFrame(
      bytes,
      {
        rows: description.rows,
        columns: description.columns,
        samplesPerPixel: description.samplesPerPixel,
        bitsAllocated: description.bitsAllocated,
        signed: description.pixelRepresentation === 1,
        planarConfiguration,
      },
      index,
    );
    return decodedFrame(description, index, data, {
      photometricInterpretation: description.photometricInterpretation.trim(),
      planarConfiguration,
    });
  }
  return decodeCompressedFrame(syntax.coding, bytes, description, index);
}

/**
 * Yields every frame of `input` (or the listed `frames`) as a typed array with its geometry, one at a
 * time. Throws a {@link PixelDataError} (stable `kind`, the frame or fragment named) on an unsupported
 * transfer syntax, an invalid description, truncated or malformed data, or a frame that does not decode.
 */
export async function* decodeFrames(
  input: PixelDataInput,
  options: { frames?: Iterable<number> } = {},
): AsyncGenerator<DecodedFrame, void, undefined> {
  const source = openPixelData(input);
  const indices = options.frames ?? Array.from({ length: source.frameCount }, (_, i) => i);
  for (const index of indices) yield await decodeFrame(source, index);
}
