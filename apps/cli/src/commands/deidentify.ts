import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  ConfigurationError,
  EXIT_CODES,
  ErrorCodes,
  assertFolderWritable,
  assertInputsExist,
  formatReportSummary,
  loadKey,
  runDeidentification,
  type RunReport,
} from '@medimagecleaner/core';
import { cliHandlers, resolvedHandlerModules } from '../handlers.js';
import type { CliIo } from '../io.js';
import { assertKeyEntropy, keyFilePermissionWarning } from '../key-checks.js';
import { itemLine, quietLines } from '../outcome-lines.js';
import { policyFromOptions } from '../policy-option.js';
import { createProgressReporter } from '../progress.js';

/** The default key file, used (and generated if absent) when no key is given. */
export const DEFAULT_KEY_FILE = 'medimagecleaner.key';

/** Options of `medimagecleaner deidentify`. */
export interface DeidentifyOptions {
  output: string;
  profile?: string;
  config?: string;
  recipe?: string;
  keyFile?: string;
  concurrency?: number;
  resume?: boolean;
  overwrite?: boolean;
  dryRun?: boolean;
  fsync?: boolean;
  report?: string;
  json?: boolean;
  quarantine?: string;
  progress?: boolean;
  /** Print only errors (no progress, no summary). */
  quiet?: boolean;
  /** Also print one line per finished item (by item id, never its path). */
  verbose?: boolean;
}

/**
 * Runs `deidentify`; returns the exit code. Everything the user typed (inputs, output and quarantine
 * folders, policy, key) is checked before anything is created, so a mistyped command leaves nothing
 * behind and can simply be run again corrected.
 */
export async function deidentifyCommand(
  inputs: string[],
  opts: DeidentifyOptions,
  io: CliIo,
): Promise<number> {
  if (opts.quiet && opts.verbose) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'give either --quiet or --verbose');
  }
  const handlers = await cliHandlers();
  const policy = policyFromOptions(opts, handlers, io);
  await assertInputsExist(inputs, io.cwd);
  if (!opts.dryRun) {
    await assertFolderWritable(resolve(io.cwd, opts.output), opts.output);
    const quarantine = opts.quarantine ?? `${opts.output.replace(/[\\/]+$/, '')}-quarantine`;
    await assertFolderWritable(resolve(io.cwd, quarantine), quarantine);
  }
  const key = await loadKey({
    ...(opts.keyFile ? { keyFile: resolve(io.cwd, opts.keyFile) } : {}),
    env: io.env,
    defaultKeyFile: resolve(io.cwd, DEFAULT_KEY_FILE),
  });
  assertKeyEntropy(key.key);
  if (key.source === 'file' && key.path && !opts.quiet) {
    const warning = await keyFilePermissionWarning(key.path);
    if (warning) io.stderr.write(`medimagecleaner: ${warning}\n`);
  }
  if (key.source === 'generated') {
    io.stderr.write(
      [
        '',
        '!!! No project key was given, so a new one was generated into',
        `!!!   ${key.path}  (mode 0600, fingerprint ${key.fingerprint})`,
        '!!! Keep it secret and keep it safe: the same key is needed to give the same',
        '!!! pseudonyms in later batches. Pass it with --key-file or MEDIMAGECLEANER_KEY.',
        '',
      ].join('\n') + '\n',
    );
  }
  // Per-item lines would break a progress bar: with --verbose, the lines are the progress.
  const progress = createProgressReporter(
    io,
    opts.progress !== false && !opts.json && !opts.quiet && !opts.verbose,
  );
  let report: RunReport;
  try {
    report = await runDeidentification({
      inputs,
      outDir: opts.output,
      ...(opts.quarantine ? { quarantineDir: opts.quarantine } : {}),
      policy,
      key: { key: key.key, source: key.source, fingerprint: key.fingerprint },
      handlerModules: resolvedHandlerModules(),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      resume: Boolean(opts.resume),
      overwrite: Boolean(opts.overwrite),
      dryRun: Boolean(opts.dryRun),
      fsync: Boolean(opts.fsync),
      cwd: io.cwd,
      onProgress: (e) => {
        if (opts.verbose && e.item) io.stderr.write(`${itemLine(e.item)}\n`);
        progress.update(e);
      },
    });
  } finally {
    progress.stop();
  }
  if (opts.report) await writeFile(resolve(io.cwd, opts.report), `${JSON.stringify(report, null, 2)}\n`);
  if (opts.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (opts.quiet) for (const line of quietLines(report)) io.stderr.write(`medimagecleaner: ${line}\n`);
  else io.stdout.write(`${formatReportSummary(report)}\n`);
  const clean = report.counts.quarantined === 0 && report.inputErrors.length === 0;
  return clean ? EXIT_CODES.OK : EXIT_CODES.PARTIAL;
}
