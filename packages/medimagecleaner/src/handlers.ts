import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FormatHandler } from '@medimagecleaner/core';
import { createHandler as createDicomHandler } from '@medimagecleaner/dicom';
import { createHandler as createTextHandler } from '@medimagecleaner/text';

const require = createRequire(import.meta.url);

/**
 * Module specifiers of every format handler, in sniffing order (for worker-thread runs). Plain text
 * comes last: it takes any text no other handler claims.
 */
export const ALL_HANDLER_MODULES: readonly string[] = ['@medimagecleaner/dicom', '@medimagecleaner/text'];

/** A new instance of every format handler, in sniffing order. */
export function createAllHandlers(): FormatHandler[] {
  return [createDicomHandler(), createTextHandler()];
}

/**
 * {@link ALL_HANDLER_MODULES} as file URLs resolved from this package, so worker threads load exactly
 * the handler packages this one was installed with (their compiled build, also under a test runner
 * that maps packages to their sources).
 */
export function resolvedHandlerModules(): string[] {
  return ALL_HANDLER_MODULES.map((m) => pathToFileURL(compiled(require.resolve(m))).href);
}

function compiled(path: string): string {
  return path.endsWith('/src/index.ts') ? `${path.slice(0, -'/src/index.ts'.length)}/dist/index.js` : path;
}
