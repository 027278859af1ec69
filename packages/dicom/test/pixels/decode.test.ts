/**
 * Decoding every transfer syntax of the fixtures: frame count, geometry, value range, agreement across
 * syntaxes holding the same image, and agreement with pydicom for native and RLE data.
 */
import { decodeFrames } from '../../src/pixels/decode.js';
import { PIXEL_TS } from '../../src/pixels/transfer-syntax.js';
import type { DecodedFrame } from '../../src/pixels/description.js';
import { frameHash, hasPydicom, loadFixture, pydicomFrameHashes } from './fixtures.js';

async function all(name: string): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = [];
  for await (const f of decodeFrames(loadFixture(name))) frames.push(f);
  return frames;
}

function range(frame: DecodedFrame): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of frame.data) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [min, max];
}

interface Case {
  file: string;
  ts: string;
  frames: number;
  rows: number;
  columns: number;
  spp: number;
  type: string;
  photometric: string;
}

const CASES: Case[] = [
  {
    file: 'MR_small.dcm',
    ts: PIXEL_TS.EXPLICIT_LE,
    frames: 1,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'rtdose.dcm',
    ts: PIXEL_TS.IMPLICIT_LE,
    frames: 15,
    rows: 10,
    columns: 10,
    spp: 1,
    type: 'Uint32Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'MR_small_bigendian.dcm',
    ts: PIXEL_TS.EXPLICIT_BE,
    frames: 1,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'SC_rgb_expb_2frame.dcm',
    ts: PIXEL_TS.EXPLICIT_BE,
    frames: 2,
    rows: 100,
    columns: 100,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
  {
    file: 'image_dfl.dcm',
    ts: PIXEL_TS.DEFLATED_LE,
    frames: 1,
    rows: 512,
    columns: 512,
    spp: 1,
    type: 'Uint8Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'liver_1frame.dcm',
    ts: PIXEL_TS.EXPLICIT_LE,
    frames: 1,
    rows: 512,
    columns: 512,
    spp: 1,
    type: 'Uint8Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'MR_small_RLE.dcm',
    ts: PIXEL_TS.RLE,
    frames: 1,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'SC_rgb_rle_16bit_2frame.dcm',
    ts: PIXEL_TS.RLE,
    frames: 2,
    rows: 100,
    columns: 100,
    spp: 3,
    type: 'Uint16Array',
    photometric: 'RGB',
  },
  {
    file: 'emri_small_RLE.dcm',
    ts: PIXEL_TS.RLE,
    frames: 10,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Uint16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'SC_rgb_jpeg_dcmtk.dcm',
    ts: PIXEL_TS.JPEG_BASELINE,
    frames: 1,
    rows: 100,
    columns: 100,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
  {
    file: 'examples_ybr_color.dcm',
    ts: PIXEL_TS.JPEG_BASELINE,
    frames: 30,
    rows: 240,
    columns: 320,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
  {
    file: 'SC_rgb_jpeg_gdcm.dcm',
    ts: PIXEL_TS.JPEG_LOSSLESS_SV1,
    frames: 1,
    rows: 100,
    columns: 100,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
  {
    file: 'JPEG-LL.dcm',
    ts: PIXEL_TS.JPEG_LOSSLESS_SV1,
    frames: 1,
    rows: 1024,
    columns: 256,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'MR_small_jpeg_ls_lossless.dcm',
    ts: PIXEL_TS.JPEG_LS_LOSSLESS,
    frames: 1,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'JPEGLSNearLossless_16.dcm',
    ts: PIXEL_TS.JPEG_LS_NEAR_LOSSLESS,
    frames: 1,
    rows: 50,
    columns: 10,
    spp: 1,
    type: 'Uint16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'SC_rgb_jls_lossy_line.dcm',
    ts: PIXEL_TS.JPEG_LS_NEAR_LOSSLESS,
    frames: 1,
    rows: 100,
    columns: 100,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
  {
    file: 'MR_small_jp2klossless.dcm',
    ts: PIXEL_TS.J2K_LOSSLESS,
    frames: 1,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'emri_small_jpeg_2k_lossless.dcm',
    ts: PIXEL_TS.J2K_LOSSLESS,
    frames: 10,
    rows: 64,
    columns: 64,
    spp: 1,
    type: 'Uint16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: '693_J2KI.dcm',
    ts: PIXEL_TS.J2K,
    frames: 1,
    rows: 512,
    columns: 512,
    spp: 1,
    type: 'Int16Array',
    photometric: 'MONOCHROME2',
  },
  {
    file: 'HTJ2K_08_RGB.dcm',
    ts: PIXEL_TS.HTJ2K,
    frames: 1,
    rows: 480,
    columns: 640,
    spp: 3,
    type: 'Uint8Array',
    photometric: 'RGB',
  },
];

describe('decodeFrames on every transfer syntax', () => {
  test.each(CASES)('$file ($ts) decodes every frame to its geometry', async (c) => {
    const input = loadFixture(c.file);
    expect(input.transferSyntaxUid).toBe(c.ts);
    const frames = await all(c.file);
    expect(frames).toHaveLength(c.frames);
    frames.forEach((f, i) => {
      expect(f.index).toBe(i);
      expect([f.rows, f.columns, f.samplesPerPixel]).toEqual([c.rows, c.columns, c.spp]);
      expect(f.data.constructor.name).toBe(c.type);
      expect(f.data.length).toBe(c.rows * c.columns * c.spp);
      expect(f.photometricInterpretation).toBe(c.photometric);
    });
    // A real image: not constant.
    const [min, max] = range(frames[0] as DecodedFrame);
    expect(max).toBeGreaterThan(min);
  });

  test('the same MR image decodes identically from native LE, BE, RLE, JPEG-LS and JPEG 2000 lossless', async () => {
    const names = [
      'MR_small.dcm',
      'MR_small_bigendian.dcm',
      'MR_small_RLE.dcm',
      'MR_small_jpeg_ls_lossless.dcm',
      'MR_small_jp2klossless.dcm',
    ];
    const hashes = await Promise.all(names.map(async (n) => frameHash((await all(n))[0] as DecodedFrame)));
    expect(new Set(hashes).size).toBe(1);
  });

  test('the 10-frame MR decodes identically from RLE and JPEG 2000 lossless, frame by frame', async () => {
    const rle = (await all('emri_small_RLE.dcm')).map(frameHash);
    const j2k = (await all('emri_small_jpeg_2k_lossless.dcm')).map(frameHash);
    expect(j2k).toEqual(rle);
    expect(new Set(rle).size).toBe(10);
  });

  test('the RGB image decodes identically from big endian native and JPEG lossless', async () => {
    const be = await all('SC_rgb_expb_2frame.dcm');
    const ll = await all('SC_rgb_jpeg_gdcm.dcm');
    expect(frameHash(ll[0] as DecodedFrame)).toBe(frameHash(be[0] as DecodedFrame));
  });

  test('lossy syntaxes decode to a plausible range', async () => {
    const [ybrMin, ybrMax] = range((await all('examples_ybr_color.dcm'))[0] as DecodedFrame);
    expect(ybrMin).toBeGreaterThanOrEqual(0);
    expect(ybrMax).toBeGreaterThan(100);
    const [ctMin, ctMax] = range((await all('693_J2KI.dcm'))[0] as DecodedFrame);
    expect(ctMin).toBeGreaterThanOrEqual(-(2 ** 13));
    expect(ctMax).toBeLessThan(2 ** 13);
    // The JPEG baseline image is the same picture as the lossless one, within lossy error.
    const jpeg = (await all('SC_rgb_jpeg_dcmtk.dcm'))[0] as DecodedFrame;
    const exact = (await all('SC_rgb_expb_2frame.dcm'))[0] as DecodedFrame;
    let err = 0;
    for (let i = 0; i < jpeg.data.length; i++) err += Math.abs((jpeg.data[i] ?? 0) - (exact.data[i] ?? 0));
    expect(err / jpeg.data.length).toBeLessThan(8);
  });

  test('1-bit data unpacks to 0/1 samples', async () => {
    const [frame] = await all('liver_1frame.dcm');
    expect(new Set(frame?.data)).toEqual(new Set([0, 1]));
  });

  test('12-bit JPEG extended is a typed unsupported error naming the frame', async () => {
    await expect(all('JPEG-lossy.dcm')).rejects.toMatchObject({
      code: 'E_UNSUPPORTED_FORMAT',
      kind: 'UNSUPPORTED_TRANSFER_SYNTAX',
      frame: 0,
    });
  });
});

describe('agreement with pydicom (an independent reader; .ci/run installs python3-pydicom)', () => {
  test('pydicom is available', () => {
    expect(hasPydicom()).toBe(true);
  });
  test.each([
    'MR_small.dcm',
    'rtdose.dcm',
    'MR_small_bigendian.dcm',
    'SC_rgb_expb_2frame.dcm',
    'image_dfl.dcm',
    'liver_1frame.dcm',
    'MR_small_RLE.dcm',
    'SC_rgb_rle_16bit_2frame.dcm',
    'emri_small_RLE.dcm',
  ])('%s: every frame has the same samples', async (name) => {
    const ours = (await all(name)).map(frameHash);
    expect(ours).toEqual(pydicomFrameHashes(name));
  });
});
