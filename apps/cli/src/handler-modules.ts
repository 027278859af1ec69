import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The format handler modules the CLI registers, in sniffing order (plain text last: it takes any text
 * no other handler claims). Resolved to file URLs here so worker threads load exactly the packages
 * this CLI was installed with. This module loads nothing but Node built-ins (the command line reads it
 * before anything else, to start the workers early).
 */
export const HANDLER_MODULES = ['@medimagecleaner/dicom', '@medimagecleaner/text'] as const;

/** File URLs of {@link HANDLER_MODULES}. */
export function resolvedHandlerModules(): string[] {
  return HANDLER_MODULES.map((m) => pathToFileURL(compiled(require.resolve(m))).href);
}

/** Worker threads run compiled code: under a test runner that maps packages to sources, use their build. */
function compiled(path: string): string {
  return path.endsWith('/src/index.ts') ? `${path.slice(0, -'/src/index.ts'.length)}/dist/index.js` : path;
}
