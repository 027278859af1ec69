/** Error paths: every malformed input is a typed PixelDataError with a stable kind, never a crash. */
import { decodeFrames } from '../../src/pixels/decode.js';
import { PixelDataError } from '../../src/pixels/errors.js';
import type { PixelDataInput } from '../../src/pixels/source.js';
import { PIXEL_TS } from '../../src/pixels/transfer-syntax.js';
import { loadFixture } from './fixtures.js';

async function drain(input: PixelDataInput): Promise<number> {
  let n = 0;
  for await (const frame of decodeFrames(input)) n += frame.index >= 0 ? 1 : 0;
  return n;
}

async function failure(input: PixelDataInput): Promise<PixelDataError> {
  try {
    await drain(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PixelDataError);
    return error as PixelDataError;
  }
  throw new Error('expected a PixelDataError');
}

describe('typed errors', () => {
  test('truncated native Pixel Data names the first missing frame', async () => {
    const input = loadFixture('rtdose.dcm');
    const error = await failure({ ...input, pixelData: input.pixelData.subarray(0, 10 * 10 * 4 * 6 + 17) });
    expect(error.kind).toBe('TRUNCATED_PIXEL_DATA');
    expect(error.code).toBe('E_PARSE_FAILED');
    expect(error.frame).toBe(6);
  });

  test('truncated encapsulated Pixel Data names the fragment', async () => {
    const input = loadFixture('emri_small_RLE.dcm');
    const error = await failure({
      ...input,
      pixelData: input.pixelData.subarray(0, input.pixelData.byteLength - 300),
    });
    expect(error.kind).toBe('BAD_ENCAPSULATION');
    expect(error.fragment).toBe(9);
  });

  test('fewer fragments than frames', async () => {
    const input = loadFixture('emri_small_RLE.dcm');
    const error = await failure({ ...input, description: { ...input.description, numberOfFrames: 12 } });
    expect(error.kind).toBe('FRAGMENT_COUNT');
  });

  test('a Basic Offset Table that does not list every frame', async () => {
    const input = loadFixture('emri_small_jpeg_2k_lossless.dcm');
    const error = await failure({ ...input, description: { ...input.description, numberOfFrames: 9 } });
    expect(error.kind).toBe('FRAGMENT_COUNT');
  });

  test('an unsupported transfer syntax is E_UNSUPPORTED_FORMAT', async () => {
    const input = loadFixture('MR_small.dcm');
    const error = await failure({ ...input, transferSyntaxUid: '1.2.840.10008.1.2.4.100' });
    expect(error.kind).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(error.code).toBe('E_UNSUPPORTED_FORMAT');
  });

  test('a corrupt compressed frame is FRAME_DECODE_FAILED naming the frame', async () => {
    const input = loadFixture('MR_small_jpeg_ls_lossless.dcm');
    const bytes = input.pixelData.slice();
    bytes.fill(0x55, 40, 200);
    const error = await failure({ ...input, pixelData: bytes });
    expect(error.kind).toBe('FRAME_DECODE_FAILED');
    expect(error.frame).toBe(0);
  });

  test('a corrupt RLE header is FRAME_DECODE_FAILED', async () => {
    const input = loadFixture('MR_small_RLE.dcm');
    const bytes = input.pixelData.slice();
    // Basic Offset Table item (8 + 4 bytes), fragment item header (8): then the segment count.
    new DataView(bytes.buffer).setUint32(20, 7, true);
    const error = await failure({ ...input, pixelData: bytes });
    expect(error.kind).toBe('FRAME_DECODE_FAILED');
  });

  test('an invalid description names the attribute, without values', async () => {
    const input = loadFixture('MR_small.dcm');
    const error = await failure({ ...input, description: { ...input.description, bitsAllocated: 12 } });
    expect(error.kind).toBe('INVALID_DESCRIPTION');
    expect(error.message).toContain('Bits Allocated');
  });

  test('encapsulated data without items', async () => {
    const input = loadFixture('MR_small.dcm');
    const error = await failure({ ...input, transferSyntaxUid: PIXEL_TS.RLE });
    expect(error.kind).toBe('BAD_ENCAPSULATION');
  });
});
