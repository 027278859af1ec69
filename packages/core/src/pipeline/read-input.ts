import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { notARegularFile, openFailed, readFailed } from './read-errors.js';
import type { InputItem } from '../types.js';

/**
 * An input on disk for a worker thread: `read()` opens the file once without following a path twice,
 * refuses anything but a regular file (a FIFO would block, a device never ends), and reads it with
 * blocking calls straight into one buffer of the file's size (no copy, no promise per chunk). A worker
 * has nothing else to do meanwhile, so blocking costs nothing there; never use this on the main thread.
 * Every failure is a typed error that names the item by id only.
 */
export function createBlockingFileInputItem(
  id: string,
  path: string,
  size: number,
  buffer?: ReadBuffer,
): InputItem {
  return { id, path, size, headroom: READ_HEADROOM, read: async () => readWholeFile(id, path, buffer) };
}

/**
 * Free bytes kept before every file read here (see `InputItem.headroom`): room for a handler to write a
 * header that grew in front of bytes it keeps, so that its output is a view of the read buffer.
 */
export const READ_HEADROOM = 64 * 1024;

/** Largest file read into a {@link ReadBuffer} (larger ones get a buffer of their own, freed after use). */
export const READ_BUFFER_LIMIT = 64 * 1024 * 1024;

/**
 * One buffer reused for every input a worker reads, so a run does not allocate (and the garbage
 * collector does not chase) a new buffer per file. What {@link readWholeFile} returns from it is valid
 * only until the next read into the same buffer: a worker must finish each item (and write its output)
 * before reading the next.
 */
export class ReadBuffer {
  private bytes: Buffer = Buffer.allocUnsafeSlow(0);

  /**
   * A buffer of at least `size` bytes (headroom included): the shared one, or for files over the limit
   * a new one.
   */
  take(size: number): Buffer {
    if (size > READ_BUFFER_LIMIT) return Buffer.allocUnsafeSlow(size);
    if (this.bytes.length < size) this.bytes = Buffer.allocUnsafeSlow(Math.max(size, this.bytes.length * 2));
    return this.bytes;
  }
}

/**
 * Reads a regular file into one buffer (into `buffer` when given: see {@link ReadBuffer}), after
 * {@link READ_HEADROOM} free bytes. Throws an `InputAccessError` (`E_READ_FAILED`).
 */
export function readWholeFile(id: string, path: string, buffer?: ReadBuffer): Uint8Array {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openFailed(error, id);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw notARegularFile(id);
    return readAll(fd, info.size, buffer);
  } catch (error) {
    throw readFailed(error, id);
  } finally {
    closeSync(fd);
  }
}

const probe = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * Reads to the end of the file: `expected` bytes into one buffer after {@link READ_HEADROOM} bytes, more
 * if the file grew meanwhile. Returns a view of the file's bytes only.
 */
function readAll(fd: number, expected: number, shared: ReadBuffer | undefined): Uint8Array {
  const room = READ_HEADROOM;
  let buffer = shared ? shared.take(room + expected) : Buffer.allocUnsafeSlow(room + expected);
  let length = 0;
  const view = (): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset + room, length);
  for (;;) {
    // Read `expected` bytes (the shared buffer may be longer), then probe for more.
    const want = length < expected ? expected : buffer.length - room;
    while (length < want) {
      const n = readSync(fd, buffer, room + length, want - length, null);
      if (n === 0) return view();
      length += n;
    }
    // The buffer is full: at the end of the file unless it grew since fstat (rare; then grow and go on).
    const more = readSync(fd, probe, 0, probe.length, null);
    if (more === 0) return view();
    const larger = Buffer.allocUnsafeSlow(room + Math.max(buffer.length * 2, length + more));
    buffer.copy(larger, room, room, room + length);
    probe.copy(larger, room + length, 0, more);
    buffer = larger;
    length += more;
  }
}
