/** Test helpers of the pixel layer: fixture loading, frame hashing, the pydicom cross-check. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePart10 } from '../../src/part10.js';
import { pixelDataOf, type PixelDataOfFile } from '../../src/pixels/read.js';
import { toInterleaved } from '../../src/pixels/layout.js';
import type { DecodedFrame } from '../../src/pixels/description.js';

/** Folder of the copied public fixtures. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/pixels/', import.meta.url));

/** The pixel input of fixture `name`. */
export function loadFixture(name: string): PixelDataOfFile {
  const input = pixelDataOf(parsePart10(new Uint8Array(readFileSync(FIXTURES + name))));
  if (!input) throw new Error(`${name} has no Pixel Data`);
  return input;
}

/** SHA-256 of a frame's samples, interleaved, as little-endian bytes of its typed array. */
export function frameHash(frame: DecodedFrame): string {
  const data = toInterleaved(frame).data;
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

/** Whether Debian's pydicom (with numpy) is importable by /usr/bin/python3. */
export function hasPydicom(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pydicom, numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PYDICOM_HASHES = `
import sys, hashlib, numpy, pydicom
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array
frames = int(getattr(ds, 'NumberOfFrames', 1) or 1)
if frames == 1:
    arr = arr[numpy.newaxis, ...]
dtype = {(8, 0): '<u1', (8, 1): '<i1', (16, 0): '<u2', (16, 1): '<i2', (32, 0): '<u4', (32, 1): '<i4'}
ba = 8 if ds.BitsAllocated == 1 else ds.BitsAllocated
for f in arr:
    print(hashlib.sha256(numpy.ascontiguousarray(f).astype(dtype[(ba, ds.PixelRepresentation)]).tobytes()).hexdigest())
`;

/** SHA-256 of every frame of fixture `name` as pydicom decodes it (same layout as {@link frameHash}). */
export function pydicomFrameHashes(name: string): string[] {
  const out = execFileSync('/usr/bin/python3', ['-c', PYDICOM_HASHES, FIXTURES + name], { encoding: 'utf8' });
  return out.trim().split('\n');
}
