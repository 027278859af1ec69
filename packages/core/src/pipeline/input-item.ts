import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { notARegularFile, openFailed, readFailed } from './read-errors.js';
import type { InputItem, LearnedWord } from '../types.js';

/** `item` with the words learned for its subject, when there are some. */
export function withLearned(item: InputItem, from: { learned?: readonly LearnedWord[] }): InputItem {
  return from.learned && from.learned.length > 0 ? { ...item, learned: from.learned } : item;
}

/** An input in memory (for library callers and tests). */
export function createMemoryInputItem(id: string, bytes: Uint8Array, path = `memory:${id}`): InputItem {
  return { id, path, size: bytes.length, read: async () => bytes };
}

/**
 * An input on disk. `read()` opens it without following a path twice, refuses anything but a regular
 * file (a FIFO would block, a device never ends) and turns every failure into a typed error that names
 * the item by id only.
 */
export function createFileInputItem(id: string, path: string, size: number): InputItem {
  return {
    id,
    path,
    size,
    async read() {
      let handle;
      try {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
        handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch (error) {
        throw openFailed(error, id);
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          throw notARegularFile(id);
        }
        return new Uint8Array(await handle.readFile());
      } catch (error) {
        throw readFailed(error, id);
      } finally {
        await handle.close();
      }
    },
  };
}
