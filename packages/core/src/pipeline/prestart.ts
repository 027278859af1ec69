/**
 * Worker threads started before a run's settings are known. Loading a worker's handlers takes a few
 * hundred milliseconds, as does the main thread's own start (the CLI, policy validation, the key): a
 * command line that is about to de-identify starts its workers first, so that both happen at once.
 * `runDeidentification` takes such a pool when it matches its handler modules, worker count and entry,
 * and otherwise closes it and starts its own. This module imports nothing heavy: it is meant to be
 * loaded first (`@medimagecleaner/core/prestart`).
 */
import { WorkerPool } from './worker-pool.js';

/** Options of {@link prestartWorkers}. */
export interface PrestartOptions {
  /** Handler module specifiers, exactly as the run will be given them. */
  handlerModules: readonly string[];
  /** Worker threads, as the run will be given them (`concurrency`). */
  concurrency: number;
  /** Worker entry; defaults to this package's compiled worker. */
  workerEntry?: URL;
}

let prestarted: WorkerPool | undefined;

/** The compiled worker entry beside this module (or, when running from sources in tests, in dist). */
export function defaultWorkerEntry(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts')
    ? new URL('../../dist/pipeline/worker-entry.js', here)
    : new URL('./worker-entry.js', here);
}

/**
 * Starts a pool of workers that load `handlerModules` and then wait for a run's settings. The workers
 * do not keep the process alive until a run takes them. A second call replaces the first pool.
 */
export function prestartWorkers(options: PrestartOptions): void {
  void discardPrestartedWorkers();
  prestarted = new WorkerPool(
    Math.max(1, Math.floor(options.concurrency)),
    { handlerModules: [...options.handlerModules] },
    options.workerEntry ?? defaultWorkerEntry(),
  );
  prestarted.setReferenced(false);
}

/**
 * The prestarted pool when it matches (same handler modules, worker count and entry), now keeping the
 * process alive; else undefined (a pool that does not match is closed).
 */
export function takePrestartedWorkers(
  handlerModules: readonly string[],
  concurrency: number,
  entry: URL,
): WorkerPool | undefined {
  const pool = prestarted;
  prestarted = undefined;
  if (!pool) return undefined;
  const matches =
    pool.size === concurrency &&
    pool.entry.href === entry.href &&
    pool.handlerModules.length === handlerModules.length &&
    pool.handlerModules.every((m, i) => m === handlerModules[i]);
  if (!matches) {
    void pool.close();
    return undefined;
  }
  pool.setReferenced(true);
  return pool;
}

/** Stops a prestarted pool no run took (e.g. the command failed before it started). */
export async function discardPrestartedWorkers(): Promise<void> {
  const pool = prestarted;
  prestarted = undefined;
  await pool?.close();
}
