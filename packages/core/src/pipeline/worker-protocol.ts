import type { ResolvedPolicy } from '../policy/types.js';
import type { LearnedWord } from '../types.js';
import type { ItemResult } from './process-item.js';

/** The settings of one run, which a worker needs before its first job. */
export interface WorkerInit {
  handlerModules: string[];
  policy: ResolvedPolicy;
  key: Uint8Array;
  /** Where workers write released bytes before the main thread renames them (undefined: dry run). */
  stagingDir?: string;
  /** fsync each staged file before reporting it. */
  fsync?: boolean;
}

/**
 * A worker's `workerData`: the handler modules to load at once and, unless the worker was started
 * before the run's settings were known (see `prestartWorkers`), those settings. A worker started
 * without them waits for a {@link WorkerStart} message before it runs a job.
 */
export interface WorkerBoot {
  handlerModules: string[];
  init?: WorkerInit;
}

/** The run's settings, sent to a worker that was started without them. */
export interface WorkerStart {
  start: WorkerInit;
}

/** One job sent to a worker. */
export interface WorkerJob {
  jobId: number;
  id: string;
  path: string;
  size: number;
  /** Words learned from the other items of the item's subject (see `learnAcrossItems`). */
  learned?: readonly LearnedWord[];
}

/** A worker's answer. */
export interface WorkerReply {
  jobId: number;
  result: ItemResult;
}
