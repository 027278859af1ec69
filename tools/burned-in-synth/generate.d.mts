// Types of generate.mjs for the TypeScript tests that import it.
import type { Box } from '@medimagecleaner/core';

export declare const KINDS: readonly ['ct', 'us', 'xa', 'rgb'];
export type FrameKind = (typeof KINDS)[number];

export interface FrameText {
  text: string;
  box: Box;
  fontSize: number;
  font: string;
  polarity: 'light' | 'dark';
}

export interface GeneratedFrame8 {
  kind: FrameKind;
  seed: number;
  width: number;
  height: number;
  channels: 1 | 3;
  bitsStored: 8;
  data: Uint8Array;
  texts: FrameText[];
}

export interface GeneratedFrameHighBit {
  kind: FrameKind;
  seed: number;
  width: number;
  height: number;
  channels: 1;
  bitsStored: 12 | 16;
  data: Uint16Array;
  texts: FrameText[];
}

export type GeneratedFrame = GeneratedFrame8 | GeneratedFrameHighBit;

export interface FrameOptions {
  kind: FrameKind;
  seed: number;
  width?: number;
  height?: number;
  strings?: number;
  minSize?: number;
  maxSize?: number;
  bits?: 8 | 12 | 16;
}

export declare function prng(seed: number): () => number;
export declare function phiString(rand: () => number): string;
export declare function generateFrame(options: FrameOptions): Promise<GeneratedFrame>;
export declare function framePng(frame: GeneratedFrame): Promise<Buffer>;
export declare function frameTruth(frame: GeneratedFrame): Omit<GeneratedFrame, 'data'>;
