import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** A fresh temporary folder. */
export function tempDir(prefix = 'mic-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes a toy-format file. */
export async function writeToy(path: string, fields: Record<string, string>): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const body = Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  await writeFile(path, `TOY1\n${body}\n`);
}

/** Every file below `dir` (relative path -> sha256), skipping names that start with `skip`. */
export async function treeHashes(dir: string, skip?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (skip && rel.startsWith(skip)) continue;
      if (e.isDirectory()) await walk(full);
      else
        out.set(
          rel,
          createHash('sha256')
            .update(await readFile(full))
            .digest('hex'),
        );
    }
  };
  await walk(dir);
  return out;
}

/** Every byte of every file below `dir`, plus the paths, as one latin1 string (for leak searches). */
export async function treeText(dir: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      parts.push(relative(dir, full));
      if (e.isDirectory()) await walk(full);
      else parts.push((await readFile(full)).toString('latin1'));
    }
  };
  await walk(dir);
  return parts.join('\n');
}

/** A fixed 32-byte test key. */
export const TEST_KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
