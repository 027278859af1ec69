/**
 * Decoding one compressed frame (JPEG baseline/extended, JPEG lossless, JPEG-LS, JPEG 2000, HTJ2K) with
 * the WASM codecs, and encoding one frame losslessly (JPEG-LS, JPEG 2000, HTJ2K). Every failure is a
 * {@link PixelDataError} naming the frame; codec exceptions never escape raw.
 */
import {
  allocateSamples,
  decodedFrame,
  samplesPerFrame,
  type DecodedFrame,
  type FrameSamples,
  type PixelDescription,
} from './description.js';
import { PixelDataError, PixelErrorKinds } from './errors.js';
import type { PixelCoding } from './transfer-syntax.js';
import { loadWasmCodec, newJpegLosslessDecoder, type CodecFrameInfo, type WasmCodecName } from './wasm.js';

/** Codec module and class of each WASM-decoded coding. */
const DECODERS: Partial<Record<PixelCoding, { codec: WasmCodecName; decoder: string; encoder?: string }>> = {
  'jpeg-baseline': { codec: 'libjpeg-turbo-8bit', decoder: 'JPEGDecoder' },
  'jpeg-extended': { codec: 'libjpeg-turbo-8bit', decoder: 'JPEGDecoder' },
  'jpeg-ls': { codec: 'charls', decoder: 'JpegLSDecoder', encoder: 'JpegLSEncoder' },
  'jpeg-2000': { codec: 'openjpeg', decoder: 'J2KDecoder', encoder: 'J2KEncoder' },
  htj2k: { codec: 'openjph', decoder: 'HTJ2KDecoder', encoder: 'HTJ2KEncoder' },
};

function decodeFailed(reason: string, frame: number, cause?: unknown): PixelDataError {
  return new PixelDataError(PixelErrorKinds.FRAME_DECODE_FAILED, reason, { frame, cause });
}

/** Raw decoded bytes of a codec, with the geometry and layout it reported. */
interface RawDecoded {
  readonly bytes: Uint8Array;
  readonly info: CodecFrameInfo;
  /** 1 when the codec returned one plane per component (JPEG-LS interleave mode 0). */
  readonly planar: 0 | 1;
}

async function decodeWasm(coding: PixelCoding, bytes: Uint8Array, frame: number): Promise<RawDecoded> {
  const spec = DECODERS[coding];
  if (!spec) throw decodeFailed(`no WASM decoder for ${coding}`, frame);
  const module = await loadWasmCodec(spec.codec);
  const Decoder = module[spec.decoder];
  if (!Decoder) throw decodeFailed(`${spec.codec} has no ${spec.decoder}`, frame);
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(bytes.byteLength).set(bytes);
    decoder.decode();
    const info = { ...decoder.getFrameInfo() };
    const planar = decoder.getInterleaveMode?.() === 0 && info.componentCount > 1 ? 1 : 0;
    return { bytes: decoder.getDecodedBuffer().slice(), info, planar };
  } catch (error) {
    throw decodeFailed(`${coding} bitstream does not decode`, frame, error);
  } finally {
    decoder.delete();
  }
}

function decodeJpegLossless(bytes: Uint8Array, description: PixelDescription, frame: number): RawDecoded {
  const numBytes = description.bitsAllocated > 8 ? 2 : 1;
  try {
    const decoder = newJpegLosslessDecoder();
    const copy = bytes.slice();
    const out = decoder.decode(copy.buffer, 0, copy.byteLength, numBytes);
    const raw = new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
    const info: CodecFrameInfo = {
      width: decoder.xDim,
      height: decoder.yDim,
      bitsPerSample: numBytes * 8,
      componentCount: decoder.numComp,
      isSigned: false,
    };
    return { bytes: raw, info, planar: 0 };
  } catch (error) {
    throw decodeFailed('jpeg-lossless bitstream does not decode', frame, error);
  }
}

/** The photometric interpretation of codec output: JPEG and JPEG 2000 colour transforms are undone. */
function decodedPhotometric(coding: PixelCoding, description: PixelDescription): string {
  const pi = description.photometricInterpretation.trim();
  if (description.samplesPerPixel !== 3) return pi;
  if ((coding === 'jpeg-baseline' || coding === 'jpeg-extended') && pi.startsWith('YBR_FULL')) return 'RGB';
  if ((coding === 'jpeg-2000' || coding === 'htj2k') && (pi === 'YBR_RCT' || pi === 'YBR_ICT')) return 'RGB';
  return pi;
}

/** Copies the codec's bytes into the typed array of the description's bits allocated and sign. */
function toSamples(raw: RawDecoded, description: PixelDescription): FrameSamples {
  const count = samplesPerFrame(description);
  const signed = description.pixelRepresentation === 1;
  const out = allocateSamples(description.bitsAllocated, signed, count);
  if (raw.info.bitsPerSample <= 8) {
    out.set(raw.bytes.subarray(0, count));
  } else {
    const view = new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    for (let i = 0; i < count; i++)
      out[i] = signed ? view.getInt16(2 * i, true) : view.getUint16(2 * i, true);
  }
  return out;
}

/**
 * Decodes one compressed frame into the description's geometry. JPEG 8-bit only (libjpeg-turbo-8bit):
 * 12-bit JPEG extended throws `UNSUPPORTED_TRANSFER_SYNTAX`. Throws `FRAME_DECODE_FAILED` when the
 * bitstream does not decode or its geometry differs from the description.
 */
export async function decodeCompressedFrame(
  coding: PixelCoding,
  bytes: Uint8Array,
  description: PixelDescription,
  frame: number,
): Promise<DecodedFrame> {
  if ((coding === 'jpeg-baseline' || coding === 'jpeg-extended') && description.bitsStored > 8) {
    throw new PixelDataError(
      PixelErrorKinds.UNSUPPORTED_TRANSFER_SYNTAX,
      'JPEG with more than 8 bits per sample has no decoder here',
      { frame },
    );
  }
  if (description.bitsAllocated === 1 || description.bitsAllocated === 32) {
    throw new PixelDataError(
      PixelErrorKinds.UNSUPPORTED_TRANSFER_SYNTAX,
      `${coding} with ${description.bitsAllocated} bits allocated`,
      { frame },
    );
  }
  const raw =
    coding === 'jpeg-lossless'
      ? decodeJpegLossless(bytes, description, frame)
      : await decodeWasm(coding, bytes, frame);
  const { info } = raw;
  if (
    info.width !== description.columns ||
    info.height !== description.rows ||
    info.componentCount !== description.samplesPerPixel
  ) {
    throw decodeFailed('decoded geometry differs from Rows, Columns or Samples per Pixel', frame);
  }
  if (info.bitsPerSample > description.bitsAllocated)
    throw decodeFailed('decoded samples wider than Bits Allocated', frame);
  const bytesPerSample = info.bitsPerSample > 8 ? 2 : 1;
  if (raw.bytes.byteLength < samplesPerFrame(description) * bytesPerSample)
    throw decodeFailed('decoder returned too few samples', frame);
  return decodedFrame(description, frame, toSamples(raw, description), {
    photometricInterpretation: decodedPhotometric(coding, description),
    planarConfiguration: raw.planar,
  });
}

/** Whether this layer has a lossless encoder for `coding`. */
export function hasLosslessEncoder(coding: PixelCoding): boolean {
  return coding === 'jpeg-ls' || coding === 'jpeg-2000' || coding === 'htj2k';
}

/**
 * Encodes one frame losslessly as JPEG-LS (NEAR 0), JPEG 2000 (reversible) or HTJ2K (reversible).
 * 16-bit samples are handed to the codec as little-endian bytes with the frame's Bits Stored.
 */
export async function encodeLosslessFrame(coding: PixelCoding, frame: DecodedFrame): Promise<Uint8Array> {
  const spec = DECODERS[coding];
  if (!spec?.encoder || frame.bitsAllocated > 16) {
    throw new PixelDataError(
      PixelErrorKinds.FRAME_ENCODE_FAILED,
      `no lossless ${coding} encoder for this frame`,
      { frame: frame.index },
    );
  }
  const module = await loadWasmCodec(spec.codec);
  const Encoder = module[spec.encoder];
  if (!Encoder)
    throw new PixelDataError(PixelErrorKinds.FRAME_ENCODE_FAILED, `${spec.codec} has no ${spec.encoder}`);
  const encoder = new Encoder();
  try {
    const info: CodecFrameInfo = {
      width: frame.columns,
      height: frame.rows,
      bitsPerSample: frame.bitsAllocated === 8 ? Math.min(8, frame.bitsStored) : frame.bitsStored,
      componentCount: frame.samplesPerPixel,
      isSigned: frame.pixelRepresentation === 1,
    };
    const bytes = new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
    encoder.getDecodedBuffer(info).set(bytes);
    if (coding === 'jpeg-ls') {
      encoder.setNearLossless?.(0);
      encoder.setInterleaveMode?.(frame.samplesPerPixel > 1 ? (frame.planarConfiguration === 1 ? 0 : 2) : 0);
    } else {
      encoder.setQuality?.(true, 0);
    }
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } catch (error) {
    throw new PixelDataError(PixelErrorKinds.FRAME_ENCODE_FAILED, `${coding} encoder failed`, {
      frame: frame.index,
      cause: error,
    });
  } finally {
    encoder.delete();
  }
}
