/** Fragments assigned to frames through the Basic and Extended Offset Tables (frames in 2 fragments). */
import { decodeFrames } from '../../src/pixels/decode.js';
import type { DecodedFrame } from '../../src/pixels/description.js';
import { compressedFrame, openPixelData, type PixelDataInput } from '../../src/pixels/source.js';
import { encodeFrames } from '../../src/pixels/encode.js';
import { fragmentItem, writeEncapsulated } from '../../src/pixels/encapsulated.js';
import { frameHash, loadFixture } from './fixtures.js';

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))));
}

async function hashes(input: PixelDataInput): Promise<string[]> {
  const out: string[] = [];
  for await (const f of decodeFrames(input)) out.push(frameHash(f));
  return out;
}

/** The RLE fixture rewritten with every frame split into two fragments. */
function split(withTable: boolean): { input: PixelDataInput; frames: Uint8Array[][] } {
  const input = loadFixture('emri_small_RLE.dcm');
  const source = openPixelData(input);
  const frames: Uint8Array[][] = [];
  for (let i = 0; i < source.frameCount; i++) {
    const bytes = compressedFrame(source, i);
    const cut = 64 + 2 * Math.floor((bytes.byteLength - 64) / 4);
    frames.push([fragmentItem(bytes.subarray(0, cut)), fragmentItem(bytes.subarray(cut))]);
  }
  return { input: { ...input, pixelData: concat(writeEncapsulated(frames, withTable).chunks) }, frames };
}

test('a Basic Offset Table groups two fragments per frame', async () => {
  const { input } = split(true);
  expect(await hashes(input)).toEqual(await hashes(loadFixture('emri_small_RLE.dcm')));
});

test('an Extended Offset Table groups them when the Basic one is empty, and is rewritten on encode', async () => {
  const { input, frames } = split(false);
  const offsets = new Uint8Array(8 * frames.length);
  const lengths = new Uint8Array(8 * frames.length);
  let pos = 0;
  frames.forEach((items, i) => {
    new DataView(offsets.buffer).setBigUint64(8 * i, BigInt(pos), true);
    const size = items.reduce((s, it) => s + it.byteLength, 0);
    new DataView(lengths.buffer).setBigUint64(8 * i, BigInt(size - 16), true);
    pos += size;
  });
  const withEot = { ...input, extendedOffsetTable: offsets, extendedOffsetTableLengths: lengths };
  const expected = await hashes(loadFixture('emri_small_RLE.dcm'));
  expect(await hashes(withEot)).toEqual(expected);
  // Without any table, 20 fragments for 10 RLE frames cannot be assigned: a typed error.
  await expect(hashes(input)).rejects.toMatchObject({ kind: 'FRAGMENT_COUNT' });

  let third: DecodedFrame | undefined;
  for await (const f of decodeFrames(withEot, { frames: [3] })) third = f;
  const result = await encodeFrames(withEot, new Map([[3, third as DecodedFrame]]));
  expect(result.extendedOffsetTable).toBeDefined();
  const rewritten = {
    ...withEot,
    pixelData: concat(result.chunks),
    extendedOffsetTable: result.extendedOffsetTable?.offsets as Uint8Array,
    extendedOffsetTableLengths: result.extendedOffsetTable?.lengths as Uint8Array,
  };
  expect(await hashes(rewritten)).toEqual(expected);
});
