import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ErrorCodes, InputAccessError } from '../errors.js';
import type { InputItem } from '../types.js';

/**
 * An input on disk for a worker thread: `read()` opens the file once without following a path twice,
 * refuses anything but a regular file (a FIFO would block, a device never ends), and reads it with
 * blocking calls straight into one buffer of the file's size (no copy, no promise per chunk). A worker
 * has nothing else to do meanwhile, so blocking costs nothing there; never use this on the main thread.
 * Every failure is a typed error that names the item by id only.
 */
export function createBlockingFileInputItem(id: string, path: string, size: number): InputItem {
  return { id, path, size, read: async () => readWholeFile(id, path) };
}

/** Reads a regular file into one buffer. Throws {@link InputAccessError} (`E_READ_FAILED`). */
export function readWholeFile(id: string, path: string): Uint8Array {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputAccessError(ErrorCodes.READ_FAILED, `cannot open the file (${errnoOf(error)})`, {
      file: id,
      cause: error,
    });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile())
      throw new InputAccessError(ErrorCodes.READ_FAILED, 'not a regular file', { file: id });
    return readAll(fd, info.size);
  } catch (error) {
    if (error instanceof InputAccessError) throw error;
    throw new InputAccessError(ErrorCodes.READ_FAILED, `cannot read the file (${errnoOf(error)})`, {
      file: id,
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
}

const probe = Buffer.allocUnsafeSlow(64 * 1024);

/** Reads to the end of the file: `expected` bytes in one buffer, more if the file grew meanwhile. */
function readAll(fd: number, expected: number): Uint8Array {
  let buffer = Buffer.allocUnsafeSlow(expected);
  let length = 0;
  for (;;) {
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
      length += n;
    }
    // The buffer is full: at the end of the file unless it grew since fstat (rare; then grow and go on).
    const more = readSync(fd, probe, 0, probe.length, null);
    if (more === 0) return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    const larger = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, length + more));
    buffer.copy(larger, 0, 0, length);
    probe.copy(larger, length, 0, more);
    buffer = larger;
    length += more;
  }
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'unknown error';
}
