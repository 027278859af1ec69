/**
 * medimagecleaner in one import: everything of `@medimagecleaner/core`, every format handler that
 * has landed (registered through {@link createAllHandlers}), and the one-call API:
 * {@link deidentify} for batches, {@link deidentifyFile} and {@link deidentifyBuffer} for one item,
 * {@link saveConfig} and {@link loadConfig} for saved profiles.
 *
 * @packageDocumentation
 */
import { createHandler as createDicomHandler } from '@medimagecleaner/dicom';
import { createHandler as createTextHandler } from '@medimagecleaner/text';

export * from '@medimagecleaner/core';
export { createDicomHandler, createTextHandler };
export { ALL_HANDLER_MODULES, createAllHandlers, resolvedHandlerModules } from './handlers.js';
export {
  deidentify,
  deidentifyBuffer,
  deidentifyFile,
  type DeidentifyItemOptions,
  type DeidentifyOptions,
  type DeidentifyResult,
} from './deidentify.js';
export { loadConfig, saveConfig, type ConfigStoreOptions } from './config.js';
export type { PolicyAndKeyOptions } from './options.js';
