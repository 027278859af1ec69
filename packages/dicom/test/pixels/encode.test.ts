/**
 * Writing Pixel Data back: untouched frames keep their bytes, changed frames re-encode losslessly in
 * the source syntax where an encoder exists, lossy sources become native Explicit VR LE.
 */
import { decodeFrames } from '../../src/pixels/decode.js';
import { encodeFrames, type EncodedPixelData } from '../../src/pixels/encode.js';
import { applyRegions } from '../../src/pixels/regions.js';
import type { DecodedFrame } from '../../src/pixels/description.js';
import type { PixelDataInput } from '../../src/pixels/source.js';
import { PIXEL_TS } from '../../src/pixels/transfer-syntax.js';
import { toInterleaved } from '../../src/pixels/layout.js';
import { frameHash, loadFixture } from './fixtures.js';

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.byteLength, 0));
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.byteLength;
  }
  return out;
}

async function decodeAll(input: PixelDataInput): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = [];
  for await (const f of decodeFrames(input)) frames.push(f);
  return frames;
}

function reread(result: EncodedPixelData): PixelDataInput {
  return {
    description: result.description,
    transferSyntaxUid: result.transferSyntaxUid,
    pixelData: concat(result.chunks),
    vr: result.vr,
  };
}

/** Whether `bytes` contains `part` as a contiguous run. */
function contains(bytes: Uint8Array, part: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from(part.buffer, part.byteOffset, part.byteLength),
  );
}

const BOX = { x: 3, y: 2, width: 7, height: 5 };

function inBox(frame: DecodedFrame, sampleIndex: number): boolean {
  // `sampleIndex` counts interleaved samples.
  const p = Math.floor(sampleIndex / frame.samplesPerPixel);
  const x = p % frame.columns;
  const y = Math.floor(p / frame.columns);
  return x >= BOX.x && x < BOX.x + BOX.width && y >= BOX.y && y < BOX.y + BOX.height;
}

const LOSSLESS = [
  'MR_small.dcm',
  'rtdose.dcm',
  'MR_small_bigendian.dcm',
  'SC_rgb_expb_2frame.dcm',
  'image_dfl.dcm',
  'liver_1frame.dcm',
  'MR_small_RLE.dcm',
  'SC_rgb_rle_16bit_2frame.dcm',
  'emri_small_RLE.dcm',
  'MR_small_jpeg_ls_lossless.dcm',
  'MR_small_jp2klossless.dcm',
  'emri_small_jpeg_2k_lossless.dcm',
];

describe('encodeFrames keeps lossless syntaxes', () => {
  test.each(LOSSLESS)('%s: nothing changed gives the identical value', async (name) => {
    const input = loadFixture(name);
    const result = await encodeFrames(input, new Map());
    expect(result.transferSyntaxUid).toBe(input.transferSyntaxUid);
    expect(result.rewrittenFrames).toEqual([]);
    expect(concat(result.chunks)).toEqual(input.pixelData);
  });

  test.each(LOSSLESS)(
    '%s: one frame redacted, only its box differs, other frames keep their bytes',
    async (name) => {
      const input = loadFixture(name);
      const original = await decodeAll(input);
      const target = original.length - 1;
      // White: the fixtures' top-left corners are dark, so a black box might change nothing.
      const redacted = applyRegions(original[target] as DecodedFrame, [BOX], 'white');
      const result = await encodeFrames(input, new Map([[target, redacted]]));
      expect(result.transferSyntaxUid).toBe(input.transferSyntaxUid);
      expect(result.lossyHistory).toBe(false);
      expect(result.rewrittenFrames).toEqual([target]);
      const value = concat(result.chunks);
      if (original.length > 1 && input.pixelData[0] === 0xfe && input.pixelData[1] === 0xff) {
        // Encapsulated: the untouched frames' original items are in the output as they were.
        const first = await encodeFrames(input, new Map());
        expect(contains(value, concat(first.chunks).subarray(8, 40))).toBe(true);
      }
      const after = await decodeAll(reread(result));
      expect(after).toHaveLength(original.length);
      after.forEach((frame, i) => {
        const before = original[i] as DecodedFrame;
        if (i !== target) {
          expect(frameHash(frame)).toBe(frameHash(before));
          return;
        }
        const a = toInterleaved(frame).data;
        const b = toInterleaved(before).data;
        let changedOutside = 0;
        let changedInside = 0;
        for (let k = 0; k < a.length; k++) {
          if (a[k] !== b[k]) {
            if (inBox(frame, k)) changedInside++;
            else changedOutside++;
          }
        }
        expect(changedOutside).toBe(0);
        expect(changedInside).toBeGreaterThan(0);
      });
    },
  );

  test('native multi-frame: the bytes of untouched frames are copied, not rewritten', async () => {
    const input = loadFixture('rtdose.dcm');
    const frames = await decodeAll(input);
    const result = await encodeFrames(
      input,
      new Map([[7, applyRegions(frames[7] as DecodedFrame, [BOX], 'white')]]),
    );
    const frameBytes = 10 * 10 * 4;
    const value = concat(result.chunks);
    expect(value.subarray(0, 7 * frameBytes)).toEqual(input.pixelData.subarray(0, 7 * frameBytes));
    expect(value.subarray(8 * frameBytes)).toEqual(input.pixelData.subarray(8 * frameBytes));
    expect(value.subarray(7 * frameBytes, 8 * frameBytes)).not.toEqual(
      input.pixelData.subarray(7 * frameBytes, 8 * frameBytes),
    );
    // Untouched ranges are views of the input, not copies.
    expect(result.chunks[0]?.buffer).toBe(input.pixelData.buffer);
  });

  test('decode then encode of an unchanged frame gives identical native bytes', async () => {
    const input = loadFixture('MR_small_bigendian.dcm');
    const [frame] = await decodeAll(input);
    const result = await encodeFrames(input, new Map([[0, frame as DecodedFrame]]));
    expect(concat(result.chunks)).toEqual(input.pixelData);
  });

  test('RLE: an unchanged frame re-encoded by our encoder decodes to the same samples', async () => {
    const input = loadFixture('SC_rgb_rle_16bit_2frame.dcm');
    const frames = await decodeAll(input);
    const result = await encodeFrames(input, new Map([[0, frames[0] as DecodedFrame]]));
    const after = await decodeAll(reread(result));
    expect(after.map(frameHash)).toEqual(frames.map(frameHash));
  });
});

describe('encodeFrames on lossy and encoder-less sources', () => {
  test.each([
    ['SC_rgb_jpeg_dcmtk.dcm', true],
    ['examples_ybr_color.dcm', true],
    ['693_J2KI.dcm', true],
    ['SC_rgb_jls_lossy_line.dcm', true],
    ['JPEGLSNearLossless_16.dcm', true],
    ['HTJ2K_08_RGB.dcm', true],
    ['SC_rgb_jpeg_gdcm.dcm', false],
    ['JPEG-LL.dcm', false],
  ])(
    '%s: becomes native explicit VR LE (lossy history %s), untouched frames decoded once',
    async (name, lossy) => {
      const input = loadFixture(name);
      const original = await decodeAll(input);
      const target = Math.min(1, original.length - 1);
      const result = await encodeFrames(
        input,
        new Map([[target, applyRegions(original[target] as DecodedFrame, [BOX], 'black')]]),
      );
      expect(result.transferSyntaxUid).toBe(PIXEL_TS.EXPLICIT_LE);
      expect(result.encapsulated).toBe(false);
      expect(result.lossyHistory).toBe(lossy);
      expect(result.description.planarConfiguration).toBe(0);
      expect(result.description.photometricInterpretation).toBe(original[0]?.photometricInterpretation);
      expect(result.byteLength % 2).toBe(0);
      const after = await decodeAll(reread(result));
      expect(after).toHaveLength(original.length);
      after.forEach((frame, i) => {
        if (i !== target) expect(frameHash(frame)).toBe(frameHash(original[i] as DecodedFrame));
        else expect(frameHash(frame)).not.toBe(frameHash(original[i] as DecodedFrame));
      });
    },
  );

  test('a lossy source with no change is returned as it is, with its lossy history', async () => {
    const input = loadFixture('examples_ybr_color.dcm');
    const result = await encodeFrames(input, new Map());
    expect(result.transferSyntaxUid).toBe(PIXEL_TS.JPEG_BASELINE);
    expect(result.lossyHistory).toBe(true);
    expect(concat(result.chunks)).toEqual(input.pixelData);
  });
});

describe('encodeFrames errors', () => {
  test('a changed frame of another geometry is a typed error naming the frame', async () => {
    const input = loadFixture('MR_small_RLE.dcm');
    const [frame] = await decodeAll(input);
    const wrong = { ...(frame as DecodedFrame), rows: 32, data: new Int16Array(32 * 64) };
    await expect(encodeFrames(input, new Map([[0, wrong]]))).rejects.toMatchObject({
      kind: 'FRAME_ENCODE_FAILED',
      frame: 0,
    });
  });

  test('a frame index out of range is a typed error', async () => {
    const input = loadFixture('MR_small.dcm');
    const [frame] = await decodeAll(input);
    await expect(encodeFrames(input, new Map([[3, frame as DecodedFrame]]))).rejects.toMatchObject({
      kind: 'FRAME_ENCODE_FAILED',
      frame: 3,
    });
  });
});
