import type { FormatHandler } from '../types.js';
import { ErrorCodes, MedImageCleanerError } from '../errors.js';

/**
 * Loads format handlers by module specifier (a package name such as `@medimagecleaner/dicom`, or a file
 * URL). Each module exports `createHandler()`. This is how worker threads get their handlers: explicit,
 * with no import side effects.
 */
export async function loadHandlers(specifiers: readonly string[]): Promise<FormatHandler[]> {
  const handlers: FormatHandler[] = [];
  for (const specifier of specifiers) {
    let mod: { createHandler?: () => FormatHandler };
    try {
      mod = (await import(specifier)) as { createHandler?: () => FormatHandler };
    } catch (error) {
      throw new MedImageCleanerError(
        ErrorCodes.USAGE,
        `cannot load the format handler module '${specifier}': is it installed?`,
        {
          cause: error,
        },
      );
    }
    if (typeof mod.createHandler !== 'function') {
      throw new MedImageCleanerError(
        ErrorCodes.USAGE,
        `module '${specifier}' does not export createHandler()`,
      );
    }
    handlers.push(mod.createHandler());
  }
  return handlers;
}
