/** Which registered handler takes a file: the one place the pipeline asks the handlers' sniffers. */
import { basename } from 'node:path';
import type { FormatHandler } from '../types.js';

/**
 * The first of `handlers` (registration order) whose `sniff` recognises `head`, the file's first
 * bytes, for the file at `path` (only its base name is passed on). A sniffer that throws counts as
 * "not mine". `undefined` when none recognises it.
 */
export function chooseHandler<H extends Pick<FormatHandler, 'sniff'>>(
  handlers: readonly H[],
  head: Uint8Array,
  path: string,
): H | undefined {
  const name = basename(path);
  return handlers.find((handler) => {
    try {
      return handler.sniff(head, name);
    } catch {
      return false;
    }
  });
}
