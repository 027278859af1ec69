/** What the CLI tests share: an in-memory stdout/stderr for `main`, and a folder listing. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from '../src/index.js';

/** The IO a test passes to `main`, and what the command wrote. */
export interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

/** IO in memory, run from `cwd`, with saved profiles kept under `cwd/profiles`. */
export function capture(cwd: string, env: NodeJS.ProcessEnv = {}): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env: { MEDIMAGECLEANER_PROFILES_DIR: join(cwd, 'profiles'), ...env },
      cwd,
    },
    out: () => out,
    err: () => err,
  };
}

/** Every entry below `dir` that is not a folder (files, links, FIFOs), sorted. */
export async function files(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isDirectory()) found.push(join(e.parentPath, e.name));
  }
  return found.sort();
}
