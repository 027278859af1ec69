/**
 * Loading the WASM codecs that ship in npm packages (`@cornerstonejs/codec-*`) and the pure-JS JPEG
 * lossless decoder. Each is loaded once, lazily, from node_modules (the Emscripten glue finds its
 * `.wasm` beside itself): nothing is downloaded. The packages ship no types; the small interfaces here
 * declare the parts used.
 */
import { createRequire } from 'node:module';

/** Image geometry as the cornerstone codecs report and accept it. */
export interface CodecFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** A cornerstone WASM decoder instance (JPEG, JPEG-LS, JPEG 2000, HTJ2K). */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): CodecFrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
  /** JPEG-LS only: 0 planar, 1 line, 2 sample interleaved. */
  getInterleaveMode?(): number;
  /** JPEG-LS only: the NEAR parameter (0 lossless). */
  getNearLossless?(): number;
  /** JPEG 2000 / HTJ2K only: reversible wavelet. */
  getIsReversible?(): boolean;
}

/** A cornerstone WASM encoder instance. */
export interface WasmEncoder {
  getDecodedBuffer(info: CodecFrameInfo): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
  /** JPEG 2000: (lossless, quality); HTJ2K: (reversible, quantization step). */
  setQuality?(lossless: boolean, quality: number): void;
  /** JPEG-LS: the NEAR parameter. */
  setNearLossless?(near: number): void;
  /** JPEG-LS: 0 planar, 1 line, 2 sample interleaved. */
  setInterleaveMode?(mode: number): void;
}

/** A loaded cornerstone codec module. */
export type WasmCodecModule = Record<string, new () => WasmDecoder & WasmEncoder>;

/** The codecs this layer uses, by family. */
export type WasmCodecName = 'libjpeg-turbo-8bit' | 'openjpeg' | 'charls' | 'openjph';

const ENTRY: Record<WasmCodecName, string> = {
  'libjpeg-turbo-8bit': '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs',
  openjpeg: '@cornerstonejs/codec-openjpeg/wasmjs',
  charls: '@cornerstonejs/codec-charls/wasmjs',
  openjph: '@cornerstonejs/codec-openjph/wasmjs',
};

const require = createRequire(import.meta.url);
const loaded = new Map<WasmCodecName, Promise<WasmCodecModule>>();

/** The codec module `name`, instantiated once per process. */
export function loadWasmCodec(name: WasmCodecName): Promise<WasmCodecModule> {
  let pending = loaded.get(name);
  if (!pending) {
    const factory = require(ENTRY[name]) as (options: object) => Promise<WasmCodecModule>;
    // Codec chatter (OpenJPEG's [INFO] lines) is dropped: it would reach the user's console.
    const silent = (): void => undefined;
    pending = factory({ print: silent, printErr: silent });
    loaded.set(name, pending);
  }
  return pending;
}

/** The JPEG lossless (process 14) decoder of `jpeg-lossless-decoder-js`. */
export interface JpegLosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): Uint8Array | Uint16Array;
  numComp: number;
  xDim: number;
  yDim: number;
}

/** A new JPEG lossless decoder (one per frame: the decoder keeps state). */
export function newJpegLosslessDecoder(): JpegLosslessDecoder {
  const lib = require('jpeg-lossless-decoder-js') as { Decoder: new () => JpegLosslessDecoder };
  return new lib.Decoder();
}
