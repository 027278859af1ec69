import { loadHandlers, type FormatHandler } from '@medimagecleaner/core';
import { resolvedHandlerModules } from './handler-modules.js';

export { HANDLER_MODULES, resolvedHandlerModules } from './handler-modules.js';

/** Handler objects for this thread (policy validation, verify). */
export async function cliHandlers(): Promise<FormatHandler[]> {
  return loadHandlers(resolvedHandlerModules());
}
