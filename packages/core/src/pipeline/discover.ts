import { constants } from 'node:fs';
import { access, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { ConfigurationError, ErrorCodes, InputAccessError, type MedImageCleanerError } from '../errors.js';
import type { FormatHandler } from '../types.js';
import { chooseHandler } from './choose-handler.js';
import { readHead } from './read-head.js';

/** A file found among the inputs. */
export interface DiscoveredFile {
  /** Absolute real path. */
  path: string;
  size: number;
  /** The format of the first handler that recognised its first bytes, when discovery sniffed it. */
  format?: string;
}

/** What discovery found: files in a stable order, and the problems it met (no PHI in them). */
export interface DiscoveryResult {
  files: DiscoveredFile[];
  errors: MedImageCleanerError[];
  /** Real paths of the input folders (for the output-inside-input check). */
  roots: string[];
  /** Files found inside input folders or by patterns that no handler recognises, left out (see {@link DiscoverOptions}). */
  skipped: number;
}

/** Options of {@link discoverInputs}. */
export interface DiscoverOptions {
  /**
   * When given, a file found inside an input folder or by a glob pattern whose first bytes none of
   * these handlers recognises (stray `.DS_Store`, JPEG, spreadsheet, empty file) is left out and only
   * counted in {@link DiscoveryResult.skipped}. A file named on its own (or in an `@list` file) is
   * always listed, so that an unrecognised one is reported. Files that cannot be read, and anything
   * that is not a regular file, stay listed too: processing reports them.
   */
  skipUnrecognized?: readonly SniffingHandler[];
}

/** What discovery needs of a handler: its sniffer, and its format name to record on the files it claims. */
export type SniffingHandler = Pick<FormatHandler, 'sniff'> & Partial<Pick<FormatHandler, 'format'>>;

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Expands inputs: files, folders (recursively, following links to files and folders but refusing
 * loops), glob patterns, and `@list.txt` files that name one input per line. Each file appears once,
 * in a sorted, stable order. An input that matches nothing is an error, not a silent skip.
 */
export async function discoverInputs(
  inputs: readonly string[],
  cwd = process.cwd(),
  options: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const found = new Map<string, DiscoveredFile>();
  const named = new Set<string>();
  const errors: MedImageCleanerError[] = [];
  const roots: string[] = [];
  const expanded = await expandLists(inputs, cwd, errors);

  for (const input of expanded) {
    const pattern = GLOB_CHARS.test(input);
    const targets = pattern
      ? await glob(input, { cwd, absolute: true, dot: false, followSymbolicLinks: true, onlyFiles: true })
      : [resolve(cwd, input)];
    if (targets.length === 0) {
      errors.push(
        new InputAccessError(ErrorCodes.INPUT_NOT_FOUND, 'a glob pattern matched no file', {
          file: `input #${expanded.indexOf(input) + 1}`,
        }),
      );
      continue;
    }
    for (const target of targets) {
      await addPath(
        target,
        found,
        errors,
        roots,
        `input #${expanded.indexOf(input) + 1}`,
        pattern ? undefined : named,
      );
    }
  }
  const skipped = options.skipUnrecognized
    ? await dropUnrecognized(found, named, options.skipUnrecognized)
    : 0;
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, errors, roots, skipped };
}

/** How many files are sniffed at once while looking for unrecognised ones. */
const SNIFF_CONCURRENCY = 16;

/** Removes the files no handler recognises (except those named on their own); returns how many. */
async function dropUnrecognized(
  found: Map<string, DiscoveredFile>,
  named: ReadonlySet<string>,
  handlers: readonly SniffingHandler[],
): Promise<number> {
  const candidates = [...found.keys()].filter((path) => !named.has(path));
  let skipped = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < candidates.length) {
      const path = candidates[next++]!;
      const head = await readHead(path);
      if (!head) continue;
      const match = chooseHandler(handlers, head, path);
      if (!match) {
        found.delete(path);
        skipped++;
      } else if (match.format) {
        found.get(path)!.format = match.format;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SNIFF_CONCURRENCY, candidates.length) }, lane));
  return skipped;
}

/**
 * Checks, before anything is created, that every input the user typed exists: each path, each `@list`
 * file, and the fixed folder part of each glob pattern (the pattern itself is matched later: a pattern
 * in an existing folder that matches nothing is reported by the run). The error names the argument as
 * typed, since it is the user's own.
 */
export async function assertInputsExist(inputs: readonly string[], cwd = process.cwd()): Promise<void> {
  for (const input of inputs) {
    // A glob pattern: its fixed folder part (`scans/2024` of `scans/2024/**/*.dcm`) must exist.
    const pattern = !input.startsWith('@') && GLOB_CHARS.test(input);
    const path = input.startsWith('@') ? input.slice(1) : pattern ? globBase(input) : input;
    if (pattern && path === '') continue;
    try {
      await stat(resolve(cwd, path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const what = input.startsWith('@')
        ? 'file list'
        : pattern
          ? 'folder for the pattern'
          : 'file or folder';
      throw new InputAccessError(
        code === 'ENOENT' || code === 'ENOTDIR' ? ErrorCodes.INPUT_NOT_FOUND : ErrorCodes.READ_FAILED,
        code === 'ENOENT' || code === 'ENOTDIR' ? `no such ${what}` : `cannot access the ${what} (${code})`,
        { file: path, cause: error },
      );
    }
  }
}

/** The folder part of a glob pattern before its first wildcard (`''` when the pattern starts with one). */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || (pattern.startsWith('/') ? '/' : '');
}

/**
 * Checks, before anything is created, that a folder can be created (or, if it exists, written): it
 * is not a file, no parent of it is a file, and the closest existing folder is writable. `label` is
 * how the error names it (the path as the user typed it).
 */
export async function assertFolderWritable(path: string, label = path): Promise<void> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new ConfigurationError(ErrorCodes.OUTPUT_UNWRITABLE, reason, { file: label, cause });
  };
  let current = resolve(path);
  for (;;) {
    let info;
    try {
      info = await stat(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== current) {
        current = parent;
        continue;
      }
      return fail(`cannot create the folder (${code})`, error);
    }
    if (!info.isDirectory()) {
      return fail(
        current === resolve(path)
          ? 'it exists and is not a folder'
          : 'cannot create the folder: a parent of it is a file, not a folder',
      );
    }
    try {
      await access(current, constants.W_OK | constants.X_OK);
    } catch (error) {
      return fail(
        current === resolve(path)
          ? 'no permission to write in the folder'
          : 'cannot create the folder: no permission to write in its parent',
        error,
      );
    }
    return;
  }
}

async function expandLists(
  inputs: readonly string[],
  cwd: string,
  errors: MedImageCleanerError[],
): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (!input.startsWith('@')) {
      out.push(input);
      continue;
    }
    const listPath = resolve(cwd, input.slice(1));
    try {
      const lines = (await readFile(listPath, 'utf8')).split(/\r?\n/).map((l) => l.trim());
      out.push(
        ...lines.filter((l) => l && !l.startsWith('#')).map((l) => (isAbsolute(l) ? l : resolve(cwd, l))),
      );
    } catch (error) {
      errors.push(
        new InputAccessError(ErrorCodes.INPUT_NOT_FOUND, 'cannot read the file list', {
          file: input,
          cause: error,
        }),
      );
    }
  }
  return out;
}

async function addPath(
  path: string,
  found: Map<string, DiscoveredFile>,
  errors: MedImageCleanerError[],
  roots: string[],
  label: string,
  named: Set<string> | undefined,
): Promise<void> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP'
        ? 'a symbolic link loop'
        : code === 'ENOENT'
          ? 'no such file or folder'
          : `cannot resolve (${code})`;
    errors.push(
      new InputAccessError(
        code === 'ELOOP'
          ? ErrorCodes.SYMLINK_LOOP
          : code === 'ENOENT'
            ? ErrorCodes.INPUT_NOT_FOUND
            : ErrorCodes.READ_FAILED,
        reason,
        {
          file: label,
          cause: error,
        },
      ),
    );
    return;
  }
  const info = await stat(real);
  if (info.isDirectory()) {
    roots.push(real);
    await walk(real, [real], found, errors, label);
  } else {
    found.set(real, { path: real, size: info.size });
    named?.add(real);
  }
}

async function walk(
  dir: string,
  ancestors: string[],
  found: Map<string, DiscoveredFile>,
  errors: MedImageCleanerError[],
  label: string,
): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(
      new InputAccessError(ErrorCodes.READ_FAILED, 'cannot list a folder', { file: label, cause: error }),
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, [...ancestors, full], found, errors, label);
      continue;
    }
    if (entry.isFile()) {
      const info = await stat(full).catch(() => undefined);
      if (info) found.set(full, { path: full, size: info.size });
      continue;
    }
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = await realpath(full);
      } catch (error) {
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        errors.push(
          new InputAccessError(
            loop ? ErrorCodes.SYMLINK_LOOP : ErrorCodes.READ_FAILED,
            loop ? 'a symbolic link loop' : 'a broken symbolic link',
            {
              file: `${label}, entry ${relativeLabel(ancestors[0]!, full)}`,
              cause: error,
            },
          ),
        );
        continue;
      }
      const info = await stat(real);
      if (info.isDirectory()) {
        if (ancestors.some((a) => real === a || a.startsWith(real + sep))) {
          errors.push(
            new InputAccessError(
              ErrorCodes.SYMLINK_LOOP,
              'a symbolic link points back to a folder above it',
              {
                file: `${label}, entry ${relativeLabel(ancestors[0]!, full)}`,
              },
            ),
          );
          continue;
        }
        await walk(real, [...ancestors, real], found, errors, label);
      } else if (info.isFile()) {
        found.set(real, { path: real, size: info.size });
      }
      continue;
    }
    // FIFOs, sockets, devices: listed so they are reported and quarantined, never read blindly.
    found.set(full, { path: full, size: 0 });
  }
}

/** Depth of an entry below its root, as `depth N`: the entry's own name may hold PHI. */
function relativeLabel(root: string, full: string): string {
  return `at depth ${relative(root, full).split(sep).length}`;
}

/**
 * Refuses an output folder inside an input folder (a second run would read its own outputs) or an input
 * folder inside the output folder.
 */
export async function assertOutputOutsideInputs(outDir: string, roots: readonly string[]): Promise<void> {
  const out = await realpathOrResolved(outDir);
  for (const root of roots) {
    if (out === root || out.startsWith(root + sep) || root.startsWith(out + sep)) {
      throw new ConfigurationError(
        ErrorCodes.OUTPUT_INSIDE_INPUT,
        'the output folder must not be inside an input folder (nor contain one)',
        { file: outDir },
      );
    }
  }
}

async function realpathOrResolved(path: string): Promise<string> {
  // The output folder may not exist yet: resolve its closest existing ancestor.
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = resolve(absolute, '..');
    if (parent === absolute) return absolute;
    return join(await realpathOrResolved(parent), absolute.slice(parent.length + 1));
  }
}
