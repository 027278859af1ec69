/** The first bytes of a file, for sniffing its format before it is read whole. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SNIFF_BYTES } from './process-item.js';

/** The first bytes of a regular file; `undefined` when it is not one or cannot be read. */
export async function readHead(path: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
