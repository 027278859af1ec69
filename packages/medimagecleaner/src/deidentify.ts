import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  ConfigurationError,
  ErrorCodes,
  InputAccessError,
  createDeidContext,
  createMemoryInputItem,
  processItem,
  runDeidentification,
  writeFileAtomic,
  type Finding,
  type ItemResult,
  type ProgressEvent,
  type RunReport,
  type SerializedError,
  type SubjectRef,
} from '@medimagecleaner/core';
import { createAllHandlers, resolvedHandlerModules } from './handlers.js';
import { resolveOptionsKey, resolveOptionsPolicy, type PolicyAndKeyOptions } from './options.js';

/** Options of {@link deidentify}: the policy and key, and how the batch runs. */
export interface DeidentifyOptions extends PolicyAndKeyOptions {
  /** Worker threads. Default: the number of cores. */
  concurrency?: number;
  /** Quarantine folder. Default: `<outDir>-quarantine`, beside the output. */
  quarantineDir?: string;
  /** Continue an interrupted run in the same output folder. */
  resume?: boolean;
  /** Replace a previous run in the output folder. */
  overwrite?: boolean;
  /** Process and verify everything, write nothing (the report only). */
  dryRun?: boolean;
  /** Called after discovery and after each item (by item id, never by path). */
  onProgress?: (event: ProgressEvent) => void;
}

/** Options of {@link deidentifyFile} and {@link deidentifyBuffer}: the policy and key. */
export type DeidentifyItemOptions = PolicyAndKeyOptions;

/** The outcome of one item de-identified in memory. Free of PHI (findings name places, never values). */
export interface DeidentifyResult {
  /** `released`: `bytes` passed verification; `quarantined`: not releasable (see `error`); `dropped`: not released by policy. */
  status: 'released' | 'quarantined' | 'dropped';
  /** The de-identified bytes (released items only). */
  bytes?: Uint8Array;
  /** The format whose handler took the item (absent when none recognised it). */
  format?: string;
  /** 0..1: how sure the handler is that nothing identifying is left; 0 when not released. */
  confidence: number;
  /** What the handler and the independent verification noticed; `error` findings block release. */
  findings: Finding[];
  /** Why the item was quarantined or dropped: a stable code and a reason. */
  error?: SerializedError;
  /** The output name the handler gives a released item (e.g. by its pseudonymous UIDs). */
  relativePath?: string;
  /** The pseudonymous subject, study and series of a released item. */
  subject?: SubjectRef;
  /** Where {@link deidentifyFile} wrote the bytes, when it was given an output path. */
  outputPath?: string;
}

/**
 * De-identifies a batch (files, folders, glob patterns or `@list` files) into `outDir` with every
 * registered format handler in worker threads, fail closed: an item is written only after its
 * handler succeeded and independent verification found nothing; the rest goes to quarantine. Returns
 * the run report (PHI-free). Configuration problems (policy, key, folders) throw typed errors.
 *
 * @example
 * const report = await deidentify(['scans/'], 'released/', { profile: 'research', keyFile: 'project.key' });
 */
export async function deidentify(
  inputs: string | readonly string[],
  outDir: string,
  options: DeidentifyOptions = {},
): Promise<RunReport> {
  const list = typeof inputs === 'string' ? [inputs] : inputs;
  if (!Array.isArray(list) || list.length === 0 || list.some((i) => typeof i !== 'string' || i === '')) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'inputs must be one or more paths');
  }
  if (typeof outDir !== 'string' || outDir === '') {
    throw new ConfigurationError(ErrorCodes.USAGE, 'outDir must be a folder path');
  }
  const policy = resolveOptionsPolicy(options, createAllHandlers());
  const key = await resolveOptionsKey(options);
  return runDeidentification({
    inputs: list,
    outDir,
    policy,
    key,
    handlerModules: resolvedHandlerModules(),
    ...(options.quarantineDir !== undefined ? { quarantineDir: options.quarantineDir } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    resume: Boolean(options.resume),
    overwrite: Boolean(options.overwrite),
    dryRun: Boolean(options.dryRun),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
}

/**
 * De-identifies one object held in memory (any registered format, sniffed from its bytes) and
 * verifies the result independently. Never throws for bad data: it comes back `quarantined` with a
 * stable error code. Throws typed errors for bad arguments, policy or key. The input is not changed.
 */
export async function deidentifyBuffer(
  bytes: Uint8Array,
  options: DeidentifyItemOptions = {},
): Promise<DeidentifyResult> {
  if (!(bytes instanceof Uint8Array)) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'bytes must be a Uint8Array (or a Buffer)');
  }
  return processOne(bytes, 'memory', options);
}

/**
 * De-identifies one file. With `outputPath`, a released result is also written there (atomically:
 * complete or not at all); a quarantined or dropped one writes nothing. The input file is never
 * changed, and `outputPath` may not be the input itself.
 */
export async function deidentifyFile(
  inputPath: string,
  outputPath?: string,
  options: DeidentifyItemOptions = {},
): Promise<DeidentifyResult> {
  const cwd = options.cwd ?? process.cwd();
  if (typeof inputPath !== 'string' || inputPath === '') {
    throw new ConfigurationError(ErrorCodes.USAGE, 'inputPath must be a file path');
  }
  const input = resolve(cwd, inputPath);
  const output = outputPath === undefined ? undefined : resolve(cwd, outputPath);
  if (output === input) {
    throw new ConfigurationError(ErrorCodes.OUTPUT_INSIDE_INPUT, 'the output path is the input file', {
      file: inputPath,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputAccessError(
      missing ? ErrorCodes.INPUT_NOT_FOUND : ErrorCodes.READ_FAILED,
      missing ? 'the input file does not exist' : 'cannot read the input file',
      { file: inputPath, cause: error },
    );
  }
  const result = await processOne(bytes, basename(input), options);
  if (result.status !== 'released' || !result.bytes || output === undefined) return result;
  await writeFileAtomic(output, result.bytes);
  return { ...result, outputPath: output };
}

async function processOne(
  bytes: Uint8Array,
  name: string,
  options: DeidentifyItemOptions,
): Promise<DeidentifyResult> {
  const handlers = createAllHandlers();
  const policy = resolveOptionsPolicy(options, handlers);
  const key = await resolveOptionsKey(options);
  const ctx = createDeidContext({ policy, key: key.key });
  // The item id is what errors and findings name: never the file name, which may hold a name or an MRN.
  const result = await processItem(createMemoryInputItem('item', bytes, name), handlers, ctx);
  return toResult(result);
}

function toResult(result: ItemResult): DeidentifyResult {
  const format = result.format !== undefined ? { format: result.format } : {};
  if (result.status === 'released') {
    return {
      status: 'released',
      ...(result.data ? { bytes: result.data } : {}),
      ...format,
      confidence: result.confidence,
      findings: result.findings,
      relativePath: result.relativePath,
      subject: result.subject,
    };
  }
  if (result.status === 'dropped') {
    return {
      status: 'dropped',
      ...format,
      confidence: 0,
      findings: [],
      error: { code: ErrorCodes.DROPPED, reason: result.reason },
    };
  }
  return { status: 'quarantined', ...format, confidence: 0, findings: result.findings, error: result.error };
}
