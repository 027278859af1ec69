/**
 * medimagecleaner in one import: everything of `@medimagecleaner/core`, and every format handler
 * that has landed, registered explicitly through {@link createAllHandlers}.
 *
 * @packageDocumentation
 */
import type { FormatHandler } from '@medimagecleaner/core';
import { createHandler as createDicomHandler } from '@medimagecleaner/dicom';
import { createHandler as createTextHandler } from '@medimagecleaner/text';

export * from '@medimagecleaner/core';
export { createDicomHandler, createTextHandler };

/**
 * Module specifiers of every format handler, in sniffing order (for worker-thread runs). Plain text
 * comes last: it takes any text no other handler claims.
 */
export const ALL_HANDLER_MODULES: readonly string[] = ['@medimagecleaner/dicom', '@medimagecleaner/text'];

/** A new instance of every format handler, in sniffing order. */
export function createAllHandlers(): FormatHandler[] {
  return [createDicomHandler(), createTextHandler()];
}
