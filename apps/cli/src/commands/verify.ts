import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_PROFILE,
  EXIT_CODES,
  ErrorCodes,
  InputAccessError,
  SNIFF_BYTES,
  STATE_DIR,
  createTextEngine,
  discoverInputs,
  readRunPolicy,
  type Finding,
  type FormatHandler,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import { cliHandlers } from '../handlers.js';
import { policyFromOptions } from '../policy-option.js';
import type { CliIo } from '../io.js';

/** Options of `verify`. */
export interface VerifyOptions {
  profile?: string;
  config?: string;
  recipe?: string;
  /** A file with identifiers to look for, one per line (e.g. the subjects' original names and IDs). */
  identifiers?: string;
  json?: boolean;
}

/**
 * `verify <dir>`: re-reads every released file with the handlers' independent inspectors and reports
 * what identifying data is left, under the policy the run recorded in `dir` (or the one given with
 * `--profile`/`--config`/`--recipe`). Exit 0 when nothing blocks release, 1 otherwise, 2 when `dir`
 * is not a folder.
 */
export async function verifyCommand(dir: string, opts: VerifyOptions, io: CliIo): Promise<number> {
  await assertFolder(dir, io);
  const handlers = await cliHandlers();
  const policy = await verifyPolicy(dir, opts, handlers, io);
  const identifiers = opts.identifiers
    ? (await readFile(resolve(io.cwd, opts.identifiers), 'utf8'))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
  const { files, errors } = await discoverInputs([dir], io.cwd);
  const root = resolve(io.cwd, dir);
  const text = createTextEngine(policy);
  const results: Array<{ file: string; format?: string; findings: Finding[] }> = [];
  for (const file of files) {
    const rel = file.path.startsWith(root + sep) ? file.path.slice(root.length + 1) : file.path;
    if (rel.split(sep)[0] === STATE_DIR) continue;
    const bytes = new Uint8Array(await readFile(file.path));
    const handler = handlers.find((h) => h.sniff(bytes.subarray(0, SNIFF_BYTES), basename(file.path)));
    if (!handler) {
      results.push({
        file: rel,
        findings: [
          {
            rule: 'verify/unknown-format',
            severity: 'error',
            location: rel,
            message: 'no handler recognises this file',
          },
        ],
      });
      continue;
    }
    const findings = await handler.inspect(bytes, {
      policy,
      text,
      knownIdentifiers: identifiers,
      signal: new AbortController().signal,
    });
    results.push({ file: rel, format: handler.format, findings });
  }
  const failed = results.filter((r) => r.findings.some((f) => f.severity === 'error'));
  if (opts.json) {
    io.stdout.write(
      `${JSON.stringify({ files: results.length, failed: failed.length, results, inputErrors: errors.map((e) => e.toJSON()) }, null, 2)}\n`,
    );
  } else {
    for (const r of failed) {
      for (const f of r.findings.filter((x) => x.severity === 'error'))
        io.stdout.write(`FAIL ${r.file} ${f.rule} ${f.location}: ${f.message}\n`);
    }
    io.stdout.write(
      `verified ${results.length} file(s): ${results.length - failed.length} clean, ${failed.length} with findings\n`,
    );
  }
  return failed.length === 0 && errors.length === 0 ? EXIT_CODES.OK : EXIT_CODES.PARTIAL;
}

async function assertFolder(dir: string, io: CliIo): Promise<void> {
  let info;
  try {
    info = await stat(resolve(io.cwd, dir));
  } catch (error) {
    throw new InputAccessError(ErrorCodes.INPUT_NOT_FOUND, 'no such folder to verify', {
      file: dir,
      cause: error,
    });
  }
  if (!info.isDirectory()) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'verify takes the output folder of a run, not a file', {
      file: dir,
    });
  }
}

/**
 * The policy to verify against: the options' one when any is given, else the one the run recorded in
 * its state folder, else the default profile (said on stderr, since findings depend on it).
 */
async function verifyPolicy(
  dir: string,
  opts: VerifyOptions,
  handlers: FormatHandler[],
  io: CliIo,
): Promise<ResolvedPolicy> {
  if (opts.profile || opts.config || opts.recipe) return policyFromOptions(opts, handlers, io);
  const recorded = await readRunPolicy(join(resolve(io.cwd, dir), STATE_DIR));
  if (recorded) return recorded;
  io.stderr.write(
    `medimagecleaner: no policy is recorded in ${dir} (not a medimagecleaner output folder?) and none was given: checking against the '${DEFAULT_PROFILE}' profile; pass --profile, --config or --recipe to choose\n`,
  );
  return policyFromOptions({}, handlers, io);
}
