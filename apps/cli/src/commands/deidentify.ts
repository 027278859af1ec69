import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  EXIT_CODES,
  formatReportSummary,
  loadKey,
  runDeidentification,
  type RunReport,
} from '@medimagecleaner/core';
import { cliHandlers, resolvedHandlerModules } from '../handlers.js';
import type { CliIo } from '../io.js';
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
}

/** Runs `deidentify`; returns the exit code. */
export async function deidentifyCommand(
  inputs: string[],
  opts: DeidentifyOptions,
  io: CliIo,
): Promise<number> {
  const handlers = await cliHandlers();
  const policy = policyFromOptions(opts, handlers, io);
  const key = await loadKey({
    ...(opts.keyFile ? { keyFile: resolve(io.cwd, opts.keyFile) } : {}),
    env: io.env,
    defaultKeyFile: resolve(io.cwd, DEFAULT_KEY_FILE),
  });
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
  const progress = createProgressReporter(io, opts.progress !== false && !opts.json);
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
      onProgress: (e) => progress.update(e),
    });
  } finally {
    progress.stop();
  }
  if (opts.report) await writeFile(resolve(io.cwd, opts.report), `${JSON.stringify(report, null, 2)}\n`);
  io.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportSummary(report)}\n`);
  const clean = report.counts.quarantined === 0 && report.inputErrors.length === 0;
  return clean ? EXIT_CODES.OK : EXIT_CODES.PARTIAL;
}
