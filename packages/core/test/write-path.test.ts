import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes, InputAccessError } from '../src/errors.js';
import { createOutputPlacer } from '../src/pipeline/place-output.js';
import type { ReleasedItem } from '../src/pipeline/process-item.js';
import {
  READ_HEADROOM,
  ReadBuffer,
  createBlockingFileInputItem,
  readWholeFile,
} from '../src/pipeline/read-input.js';
import { stageRelease } from '../src/pipeline/stage.js';
import { tempDir } from './helpers.js';

const released = (data: Uint8Array): ReleasedItem => ({
  status: 'released',
  id: 'i0001',
  format: 'toy',
  relativePath: 'a/b.toy',
  data,
  size: data.length,
  subject: { subject: 'S' },
  actions: [],
  findings: [],
  confidence: 1,
});

describe('the worker write path', () => {
  it('reads a whole file with blocking calls, whatever its size, and refuses what is not a regular file', async () => {
    const dir = await tempDir();
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    await writeFile(join(dir, 'big.bin'), bytes);
    await writeFile(join(dir, 'empty.bin'), new Uint8Array(0));
    // A size that is out of date (the file changed since discovery) does not matter: fstat decides.
    expect(await createBlockingFileInputItem('i1', join(dir, 'big.bin'), 10).read()).toEqual(bytes);
    expect(readWholeFile('i2', join(dir, 'empty.bin'))).toHaveLength(0);

    const refused = (path: string): InputAccessError => {
      try {
        readWholeFile('i3', path);
      } catch (error) {
        return error as InputAccessError;
      }
      throw new Error('expected a refusal');
    };
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    for (const path of [join(dir, 'fifo'), dir, join(dir, 'missing')]) {
      const error = refused(path);
      expect(error).toBeInstanceOf(InputAccessError);
      expect(error.code).toBe(ErrorCodes.READ_FAILED);
      expect(error.message).not.toContain(dir); // named by id, never by path
    }
  });

  it('reads files one after another into one reused buffer, each with its own length', async () => {
    const dir = await tempDir();
    const buffer = new ReadBuffer();
    const sizes = [1000, 300_000, 10, 0, 299_999];
    for (const [n, size] of sizes.entries()) {
      const bytes = new Uint8Array(size).fill(n + 1);
      await writeFile(join(dir, `f${n}`), bytes);
      // An understated size (the file grew since discovery) still reads the whole file.
      const read = readWholeFile(`i${n}`, join(dir, `f${n}`), buffer);
      expect(read).toEqual(bytes);
      expect(buffer.take(0).buffer).toBe(read.buffer); // no new allocation
      // Free bytes before the file's, which a handler may write a header into (InputItem.headroom).
      expect(read.byteOffset).toBeGreaterThanOrEqual(READ_HEADROOM);
    }
    await writeFile(join(dir, 'grown'), new Uint8Array(150_000).fill(7));
    const grown = createBlockingFileInputItem('g', join(dir, 'grown'), 5, buffer);
    expect(grown.headroom).toBe(READ_HEADROOM);
    const read = await grown.read();
    expect(read).toEqual(new Uint8Array(150_000).fill(7));
    expect(read.byteOffset).toBeGreaterThanOrEqual(READ_HEADROOM);
  });

  it('stages released bytes with blocking writes, hashed from memory, and never replaces a file', async () => {
    const dir = await tempDir();
    const data = new Uint8Array(70_000).fill(9);
    for (const options of [{ blocking: true }, { blocking: false }, true]) {
      const result = await stageRelease(released(data), dir, options);
      expect(result.status).toBe('released');
      const staged = result as ReleasedItem;
      expect(staged.data).toBeUndefined();
      expect(staged.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      expect(readFileSync(staged.stagedPath!)).toEqual(Buffer.from(data));
    }
    // An unwritable staging folder quarantines the item and leaves nothing behind.
    const failed = await stageRelease(released(data), join(dir, 'missing'), { blocking: true });
    expect(failed.status).toBe('quarantined');
    expect(failed.status === 'quarantined' && failed.error.code).toBe('E_WRITE_FAILED');
    // A dry run only hashes.
    const dry = await stageRelease(released(data), undefined, { blocking: true });
    expect(dry.status === 'released' && dry.stagedPath).toBeUndefined();
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('places staged files, making each folder once and again when it was removed meanwhile', async () => {
    const dir = await tempDir();
    const placer = createOutputPlacer();
    const stage = async (name: string): Promise<string> => {
      const path = join(dir, `${name}.tmp`);
      await writeFile(path, name);
      return path;
    };
    await placer.place(await stage('one'), join(dir, 'out', 's1', 'one.dcm'));
    await placer.place(await stage('two'), join(dir, 'out', 's1', 'two.dcm'));
    await rm(join(dir, 'out', 's1'), { recursive: true });
    await placer.place(await stage('three'), join(dir, 'out', 's1', 'three.dcm'));
    expect(await readdir(join(dir, 'out', 's1'))).toEqual(['three.dcm']);
    await mkdir(join(dir, 'blocker'));
    await writeFile(join(dir, 'blocker', 'x'), 'x');
    // A target that is a non-empty folder is an error for the caller (who quarantines the item).
    await expect(placer.place(await stage('four'), join(dir, 'blocker'))).rejects.toThrow();
    expect(existsSync(join(dir, 'four.tmp'))).toBe(true);
  });
});
