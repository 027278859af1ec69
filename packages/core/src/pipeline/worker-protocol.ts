import type { ResolvedPolicy } from '../policy/types.js';
import type { ItemResult } from './process-item.js';

/** What a worker is started with. */
export interface WorkerInit {
  handlerModules: string[];
  policy: ResolvedPolicy;
  key: Uint8Array;
  /** Where workers write released bytes before the main thread renames them (undefined: dry run). */
  stagingDir?: string;
  /** fsync each staged file before reporting it. */
  fsync?: boolean;
}

/** One job sent to a worker. */
export interface WorkerJob {
  jobId: number;
  id: string;
  path: string;
  size: number;
}

/** A worker's answer. */
export interface WorkerReply {
  jobId: number;
  result: ItemResult;
}
