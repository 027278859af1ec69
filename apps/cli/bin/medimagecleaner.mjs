#!/usr/bin/env node
// The `medimagecleaner` command as npm links it. npm links a workspace's bin only when the file exists
// at install time, and dist/ is built after `npm ci`; this committed entry point loads the built CLI.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'medimagecleaner: the command is not built yet; run `npm run build` (or `npm start`) in the repository first\n',
  );
  process.exit(70);
}
// Node's on-disk compile cache: later runs reuse the code V8 compiled in this one (a faster start).
try {
  enableCompileCache?.();
} catch {
  // an optimisation only
}
await import(built.href);
