import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import {
  EXIT_CODES,
  SNIFF_BYTES,
  STATE_DIR,
  createTextEngine,
  discoverInputs,
  type Finding,
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
 * what identifying data is left. Exit 0 when nothing blocks release, 1 otherwise.
 */
export async function verifyCommand(dir: string, opts: VerifyOptions, io: CliIo): Promise<number> {
  const handlers = await cliHandlers();
  const policy = policyFromOptions(opts, handlers, io);
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
