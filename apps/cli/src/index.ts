/**
 * The `medimagecleaner` command as a library: `main(argv, io)` runs it and returns the exit code.
 *
 * @packageDocumentation
 */
export { main } from './main.js';
export type { CliIo } from './io.js';
export { processIo } from './io.js';
export { HANDLER_MODULES } from './handlers.js';
