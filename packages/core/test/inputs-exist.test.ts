/** The check that runs before anything is created: every typed input, list and glob folder exists. */
import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCodes } from '../src/errors.js';
import { assertInputsExist } from '../src/pipeline/discover.js';

describe('assertInputsExist', () => {
  it('accepts existing files, folders, lists and glob patterns whose folder exists', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mic-inputs-'));
    try {
      await mkdir(join(root, 'scans', 'a'), { recursive: true });
      await writeFile(join(root, 'scans', 'a', 'x.dcm'), 'x');
      await writeFile(join(root, 'list.txt'), 'scans\n');
      await expect(
        assertInputsExist(['scans', 'scans/a/x.dcm', '@list.txt', 'scans/**/*.dcm', '*.none'], root),
      ).resolves.toBeUndefined();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['a missing folder', 'scnas', 'scnas', 'no such file or folder'],
    ['a missing list', '@lsit.txt', 'lsit.txt', 'no such file list'],
    ['a glob in a missing folder', 'scnas/**/*.dcm', 'scnas', 'no such folder for the pattern'],
  ])('refuses %s, naming what the user typed', async (_label, input, file, reason) => {
    const root = await mkdtemp(join(tmpdir(), 'mic-inputs-'));
    try {
      await mkdir(join(root, 'scans'));
      await expect(assertInputsExist(['scans', input], root)).rejects.toMatchObject({
        code: ErrorCodes.INPUT_NOT_FOUND,
        reason,
        file,
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
