import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { copyFile, lstat, mkdir, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  ConfigurationError,
  ErrorCodes,
  MedImageCleanerError,
  type ErrorCode,
  type SerializedError,
} from '../errors.js';
import { createPseudonymizer } from '../pseudonym/pseudonymizer.js';
import { PROFILE_OPTIONS, type ResolvedPolicy } from '../policy/types.js';
import type { FormatHandler, LearnedWord } from '../types.js';
import { CORE_VERSION } from '../version.js';
import { writeFileAtomic } from './atomic-write.js';
import { placeOutput } from './collisions.js';
import { stageRelease } from './stage.js';
import { createDeidContext } from './context.js';
import { assertOutputOutsideInputs, discoverInputs, type DiscoveredFile } from './discover.js';
import { createFileInputItem, withLearned } from './input-item.js';
import { learnAcrossItems } from './learn-subjects.js';
import { JournalWriter, readJournal, type JournalEntry, type JournalState } from './journal.js';
import { loadHandlers } from './load-handlers.js';
import { writeRunPolicy } from './run-policy.js';
import { processItem, type ItemResult } from './process-item.js';
import { createOutputPlacer } from './place-output.js';
import type { QuarantineRecord, RunReport } from './report.js';
import { WorkerPool } from './worker-pool.js';
import { defaultWorkerEntry, takePrestartedWorkers } from './prestart.js';

export { defaultWorkerEntry } from './prestart.js';

/** Name of the run-state folder inside the output folder (journal, report). */
export const STATE_DIR = '.medimagecleaner';

/** A progress event, emitted after discovery and after each item. */
export interface ProgressEvent {
  phase: 'discovered' | 'item' | 'done';
  total: number;
  done: number;
  released: number;
  quarantined: number;
  /** Bytes of input processed so far. */
  bytes: number;
  /** Total bytes of input. */
  totalBytes: number;
  /** With phase `item`: the item that just finished, by its keyed id (never its path). */
  item?: ProgressItem;
}

/** The outcome of one item in a {@link ProgressEvent}. */
export interface ProgressItem {
  id: string;
  status: JournalEntry['status'];
  format?: string;
  /** Why it was quarantined. */
  code?: ErrorCode;
}

/** Options of {@link runDeidentification}. */
export interface RunOptions {
  /** Files, folders, glob patterns, or `@list.txt` files. */
  inputs: readonly string[];
  /** Output folder (created if needed). */
  outDir: string;
  /** Quarantine folder. Default: `<outDir>-quarantine` beside the output, never inside it. */
  quarantineDir?: string;
  policy: ResolvedPolicy;
  /** The project key and, for the report, where it came from. */
  key: { key: Uint8Array; source: string; fingerprint: string };
  /**
   * Handler modules to load in worker threads (each exports `createHandler()`), e.g.
   * `['@medimagecleaner/dicom']`. Use this for parallel runs.
   */
  handlerModules?: readonly string[];
  /** Handler objects to run in this thread instead (library use). */
  handlers?: readonly FormatHandler[];
  /** Worker threads (or in-thread concurrent items). Default: the number of cores. */
  concurrency?: number;
  /** Continue a previous run in the same output folder. */
  resume?: boolean;
  /** Replace a previous run's output (only a folder that holds a previous run). */
  overwrite?: boolean;
  /** Process and verify everything, write nothing but the report. */
  dryRun?: boolean;
  /**
   * fsync every output and journal line (survives power loss, slower). Without it a crash of the
   * process never loses work either, and `resume` re-hashes every journaled output before trusting it.
   */
  fsync?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  cwd?: string;
  /** Worker entry; defaults to this package's compiled worker. */
  workerEntry?: URL;
}

/**
 * De-identifies a batch, fail closed: each item is written (atomically) only after its handler
 * succeeded and independent verification found nothing; everything else goes to quarantine with a
 * reason file. A journal lets a killed run resume without redoing, losing or duplicating work.
 * Configuration problems throw {@link ConfigurationError}; problems with single items never throw.
 */
export async function runDeidentification(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir);
  const quarantineDir = resolve(cwd, options.quarantineDir ?? `${outDir}-quarantine`);
  const stateDir = join(outDir, STATE_DIR);
  const journalPath = join(stateDir, 'journal.jsonl');
  if (!options.handlerModules?.length && !options.handlers?.length) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'no format handler given');
  }
  if (options.resume && options.overwrite) {
    throw new ConfigurationError(ErrorCodes.USAGE, '--resume and --overwrite exclude each other');
  }

  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  // Workers write released bytes here (same file system as the output), the main thread renames them.
  const stagingDir = options.dryRun ? undefined : join(stateDir, 'staging');
  // Workers start (loading their handlers takes a few hundred milliseconds) while discovery runs.
  const runner = await createRunner(options, concurrency, stagingDir);
  try {
    return await runPrepared();
  } finally {
    await runner.close();
  }

  async function runPrepared(): Promise<RunReport> {
    // A handler module that cannot load is not skipped around: the workers quarantine every item for it.
    const sniffers =
      options.policy.pipeline.unrecognized === 'skip'
        ? (options.handlers ?? (await loadHandlers(options.handlerModules ?? []).catch(() => undefined)))
        : undefined;
    const discovery = await discoverInputs(options.inputs, cwd, { skipUnrecognized: sniffers });
    await assertOutputOutsideInputs(outDir, discovery.roots);
    await assertOutputOutsideInputs(quarantineDir, discovery.roots);
    if (discovery.files.length === 0 && discovery.errors.length === 0) {
      throw new ConfigurationError(ErrorCodes.USAGE, 'the inputs hold no files');
    }

    const previous = options.dryRun ? undefined : await prepareOutput(outDir, journalPath, options);
    if (
      previous &&
      (previous.header.policyHash !== options.policy.hash ||
        previous.header.keyFingerprint !== options.key.fingerprint)
    ) {
      throw new ConfigurationError(
        ErrorCodes.JOURNAL_INVALID,
        'the run being resumed used another policy or key; resume with the same ones, or start a new output folder',
        { file: journalPath },
      );
    }

    if (!options.dryRun) await writeRunPolicy(stateDir, options.policy); // `verify` checks against it
    const pseudonyms = createPseudonymizer(options.key.key, { dateShiftDays: options.policy.dateShiftDays });
    const itemId = (path: string): string => `i${pseudonyms.hash('item', path, 15)}`;
    const journal = options.dryRun
      ? undefined
      : await JournalWriter.open(
          journalPath,
          { journal: 1, policyHash: options.policy.hash, keyFingerprint: options.key.fingerprint },
          previous,
          Boolean(options.fsync),
        );

    const report = emptyReport(options, outDir, quarantineDir, started);
    report.counts.discovered = discovery.files.length + discovery.skipped;
    report.counts.skipped = discovery.skipped;
    report.inputErrors = discovery.errors.map((e) => e.toJSON());
    const outputs = new Map<string, { id: string; sha256: string }>();

    const totalBytes = discovery.files.reduce((n, f) => n + f.size, 0);
    const progress: ProgressEvent = {
      phase: 'discovered',
      total: discovery.files.length,
      done: 0,
      released: 0,
      quarantined: 0,
      bytes: 0,
      totalBytes,
    };
    options.onProgress?.({ ...progress });

    const todo: Array<{ file: DiscoveredFile; id: string }> = [];
    for (const file of discovery.files) {
      const id = itemId(file.path);
      const done = previous?.entries.get(id);
      if (done && (await previousStillValid(done, outDir))) {
        if (done.output && done.sha256) outputs.set(done.output, { id: done.id, sha256: done.sha256 });
        report.counts.resumed++;
        progress.done++;
        progress.bytes += file.size;
        continue;
      }
      todo.push({ file, id });
    }

    // Words each item's subject teaches across the batch (all items, resumed ones too, so a resumed
    // run cleans exactly as an uninterrupted one would).
    const learners =
      options.handlers ??
      sniffers ??
      (await loadHandlers(options.handlerModules ?? []).catch(() => [] as FormatHandler[]));
    const learnedByItem = await learnAcrossItems(
      discovery.files.map((file) => ({
        id: itemId(file.path),
        path: file.path,
        size: file.size,
        ...(file.format !== undefined ? { format: file.format } : {}),
      })),
      learners,
      () => createDeidContext({ policy: options.policy, key: options.key.key }),
    );

    if (stagingDir) {
      await rm(stagingDir, { recursive: true, force: true }); // left by a killed run: never released
      await mkdir(stagingDir, { recursive: true });
    }
    let bytesOut = 0;
    const placer = createOutputPlacer();
    try {
      // Results are handled in completion order, but writes, journal lines and the report are made by this
      // thread alone, so there is no race on output names.
      const inFlight = new Set<Promise<void>>();
      let next = 0;
      const handle = async (
        entry: { file: DiscoveredFile; id: string },
        result: ItemResult,
      ): Promise<void> => {
        const journalEntry = await settle(entry.file, result);
        if (journal) await journal.append(journalEntry);
        progress.done++;
        progress.bytes += entry.file.size;
        progress.phase = 'item';
        const { id, status, code } = journalEntry;
        const item = {
          id,
          status,
          ...(result.format ? { format: result.format } : {}),
          ...(code ? { code } : {}),
        };
        options.onProgress?.({ ...progress, item });
      };
      const settle = async (file: DiscoveredFile, result: ItemResult): Promise<JournalEntry> => {
        if (result.status === 'dropped') {
          report.counts.dropped++;
          if (result.format) report.formats[result.format] = (report.formats[result.format] ?? 0) + 1;
          return { id: result.id, status: 'dropped' };
        }
        if (result.status !== 'released') return quarantine(file, result);
        const sha256 = result.sha256!;
        const placement = placeOutput(outputs, result.id, result.relativePath, sha256, result.onCollision);
        if (placement.kind === 'duplicate') {
          await discardStaged(result.stagedPath);
          report.counts.duplicate++;
          report.collisions.push({ first: placement.of, second: result.id, resolution: 'deduplicated' });
          return { id: result.id, status: 'duplicate', output: placement.path, sha256 };
        }
        if (placement.kind === 'collision') {
          await discardStaged(result.stagedPath);
          report.collisions.push({ first: placement.with, second: result.id, resolution: 'quarantined' });
          return quarantine(file, {
            status: 'quarantined',
            id: result.id,
            format: result.format,
            error: {
              code: ErrorCodes.OUTPUT_COLLISION,
              reason: `another input (${placement.with}) with different content maps to the same output name (e.g. a reused SOP Instance UID)`,
              file: result.id,
            },
            findings: [],
          });
        }
        if (placement.suffixedAfter) {
          report.collisions.push({
            first: placement.suffixedAfter,
            second: result.id,
            resolution: 'suffixed',
          });
        }
        const relativePath = placement.path;
        // Reserve the name before any await: results settle concurrently, and a second input that maps
        // to the same name must see the first one.
        outputs.set(relativePath, { id: result.id, sha256 });
        if (result.stagedPath) {
          try {
            const target = join(outDir, ...relativePath.split('/'));
            await placer.place(result.stagedPath, target);
          } catch (error) {
            outputs.delete(relativePath);
            await discardStaged(result.stagedPath);
            return quarantine(file, {
              status: 'quarantined',
              id: result.id,
              format: result.format,
              error: {
                code: ErrorCodes.WRITE_FAILED,
                reason: `cannot write the output (${errno(error)})`,
                file: result.id,
              },
              findings: [],
            });
          }
        }
        recordReleased(report, result);
        bytesOut += result.size;
        progress.released++;
        return { id: result.id, status: 'released', output: relativePath, sha256 };
      };
      const quarantine = async (
        file: DiscoveredFile,
        result: Extract<ItemResult, { status: 'quarantined' }>,
      ): Promise<JournalEntry> => {
        report.counts.quarantined++;
        progress.quarantined++;
        const record: QuarantineRecord = {
          item: result.id,
          ...(result.format ? { format: result.format } : {}),
          code: result.error.code,
          reason: result.error.reason,
          findings: result.findings
            .filter((f) => f.severity === 'error')
            .map(({ rule, location, severity }) => ({ rule, location, severity })),
        };
        report.quarantine.push(record);
        for (const f of result.findings) report.findings[f.rule] = (report.findings[f.rule] ?? 0) + 1;
        if (!options.dryRun) await writeQuarantine(quarantineDir, file, record);
        return { id: result.id, status: 'quarantined', code: result.error.code };
      };

      while (next < todo.length || inFlight.size > 0) {
        while (next < todo.length && inFlight.size < runner.capacity) {
          const entry = todo[next++]!;
          const task: Promise<void> = runner
            .run(entry.file, entry.id, next, learnedByItem.get(entry.id))
            .then((result) => handle(entry, result))
            .finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
        if (inFlight.size > 0) await Promise.race(inFlight);
      }
    } finally {
      await journal?.close();
      if (stagingDir) await rm(stagingDir, { recursive: true, force: true });
    }

    const finished = Date.now();
    report.finishedAt = new Date(finished).toISOString();
    report.durationMs = finished - started;
    const seconds = Math.max(report.durationMs / 1000, 1e-3);
    const processed = todo.reduce((n, t) => n + t.file.size, 0);
    report.throughput = {
      files: todo.length,
      bytesIn: processed,
      bytesOut,
      filesPerSecond: todo.length / seconds,
      megabytesPerSecond: processed / 1e6 / seconds,
    };
    if (!options.dryRun) {
      await mkdir(stateDir, { recursive: true });
      await writeFileAtomic(
        join(stateDir, 'report.json'),
        Buffer.from(`${JSON.stringify(report, null, 2)}\n`),
      );
    }
    options.onProgress?.({ ...progress, phase: 'done' });
    return report;
  }
}

interface Runner {
  run(file: DiscoveredFile, id: string, jobId: number, learned?: readonly LearnedWord[]): Promise<ItemResult>;
  close(): Promise<void>;
  /** Items worked on at once; bounds memory. */
  capacity: number;
}

async function createRunner(
  options: RunOptions,
  concurrency: number,
  stagingDir: string | undefined,
): Promise<Runner> {
  if (options.handlers?.length) {
    const ctx = createDeidContext({ policy: options.policy, key: options.key.key });
    const handlers = options.handlers;
    return {
      run: async (file, id, _jobId, learned) =>
        stageRelease(
          await processItem(
            withLearned(createFileInputItem(id, file.path, file.size), { learned }),
            handlers,
            ctx,
          ),
          stagingDir,
          { fsync: Boolean(options.fsync) },
        ),
      close: async () => undefined,
      capacity: concurrency,
    };
  }
  const handlerModules = [...(options.handlerModules ?? [])];
  const entry = options.workerEntry ?? defaultWorkerEntry();
  const init = {
    handlerModules,
    policy: options.policy,
    key: options.key.key,
    ...(stagingDir ? { stagingDir } : {}),
    fsync: Boolean(options.fsync),
  };
  // Workers the command line started before it knew the run's settings (see prestart.ts), else new ones.
  const pool =
    takePrestartedWorkers(handlerModules, concurrency, entry) ??
    new WorkerPool(concurrency, { handlerModules, init }, entry);
  pool.start(init);
  return {
    run: (file, id, jobId, learned) =>
      pool.run({ id, path: file.path, size: file.size, ...(learned ? { learned } : {}) }, jobId),
    close: () => pool.close(),
    capacity: pool.capacity,
  };
}

async function prepareOutput(
  outDir: string,
  journalPath: string,
  options: RunOptions,
): Promise<JournalState | undefined> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  if (entries.length === 0) {
    await mkdir(outDir, { recursive: true });
    return undefined;
  }
  const hasState = entries.includes(STATE_DIR);
  if (options.resume) {
    const state = await readJournal(journalPath);
    if (!state) {
      throw new ConfigurationError(
        ErrorCodes.JOURNAL_INVALID,
        'nothing to resume: the output folder has no journal',
        { file: outDir },
      );
    }
    return state;
  }
  if (options.overwrite && hasState) {
    for (const name of entries) await rm(join(outDir, name), { recursive: true, force: true });
    return undefined;
  }
  throw new ConfigurationError(
    ErrorCodes.OUTPUT_NOT_EMPTY,
    hasState
      ? 'the output folder holds a previous run: pass --resume to continue it or --overwrite to replace it'
      : 'the output folder is not empty and was not made by medimagecleaner',
    { file: outDir },
  );
}

/** A journaled release counts only if its output is there with the journaled hash (else it is redone). */
async function previousStillValid(entry: JournalEntry, outDir: string): Promise<boolean> {
  if (entry.status !== 'released' || !entry.output) return true;
  try {
    const bytes = await readFile(join(outDir, ...entry.output.split('/')));
    return createHash('sha256').update(bytes).digest('hex') === entry.sha256;
  } catch {
    return false;
  }
}

async function writeQuarantine(dir: string, file: DiscoveredFile, record: QuarantineRecord): Promise<void> {
  const itemDir = join(dir, record.item);
  await mkdir(itemDir, { recursive: true, mode: 0o700 });
  let copied = false;
  const info = await lstat(file.path).catch(() => undefined);
  if (info?.isFile()) {
    copied = await copyFile(file.path, join(itemDir, 'original')).then(
      () => true,
      () => false,
    );
  }
  // The quarantine holds originals, so it is the one place that names the source path.
  const reason = { ...record, sourcePath: file.path, originalCopied: copied, at: new Date().toISOString() };
  await writeFile(join(itemDir, 'reason.json'), `${JSON.stringify(reason, null, 2)}\n`, { mode: 0o600 });
}

function recordReleased(report: RunReport, result: Extract<ItemResult, { status: 'released' }>): void {
  report.counts.released++;
  report.formats[result.format] = (report.formats[result.format] ?? 0) + 1;
  for (const a of result.actions) {
    report.actions.byKind[a.action] = (report.actions.byKind[a.action] ?? 0) + a.count;
    const key = `${a.selector} ${a.action}`;
    report.actions.bySelector[key] = (report.actions.bySelector[key] ?? 0) + a.count;
  }
  for (const f of result.findings) report.findings[f.rule] = (report.findings[f.rule] ?? 0) + 1;
  const fallback = result.subject.keyFallback;
  if (fallback) report.subjectKey.fallbacks[fallback] = (report.subjectKey.fallbacks[fallback] ?? 0) + 1;
  const subject = (report.subjects[result.subject.subject] ??= { studies: {} });
  const study = (subject.studies[result.subject.study ?? '-'] ??= { series: {} });
  const series = result.subject.series ?? '-';
  study.series[series] = (study.series[series] ?? 0) + 1;
}

function emptyReport(options: RunOptions, outDir: string, quarantineDir: string, started: number): RunReport {
  return {
    tool: { name: 'medimagecleaner', version: CORE_VERSION, node: process.version },
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    durationMs: 0,
    dryRun: Boolean(options.dryRun),
    durability: options.fsync ? 'fsync' : 'verify-on-resume',
    policy: {
      name: options.policy.name,
      hash: options.policy.hash,
      chain: options.policy.chain,
      options: PROFILE_OPTIONS.filter((o) => options.policy.options[o]),
    },
    key: { source: options.key.source, fingerprint: options.key.fingerprint },
    counts: { discovered: 0, released: 0, quarantined: 0, duplicate: 0, resumed: 0, dropped: 0, skipped: 0 },
    actions: { byKind: {}, bySelector: {} },
    findings: {},
    formats: {},
    subjectKey: { key: [...options.policy.subject.key], fallbacks: {} },
    collisions: [],
    subjects: {},
    quarantine: [],
    inputErrors: [] as SerializedError[],
    paths: { output: options.outDir, quarantine: options.quarantineDir ?? `${options.outDir}-quarantine` },
    throughput: { files: 0, bytesIn: 0, bytesOut: 0, filesPerSecond: 0, megabytesPerSecond: 0 },
  };
}

async function discardStaged(path: string | undefined): Promise<void> {
  if (path) await unlink(path).catch(() => undefined);
}

function errno(error: unknown): string {
  return error instanceof MedImageCleanerError
    ? error.code
    : ((error as NodeJS.ErrnoException)?.code ?? 'unknown');
}
