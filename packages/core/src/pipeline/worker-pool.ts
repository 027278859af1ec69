import { Worker } from 'node:worker_threads';
import { ErrorCodes } from '../errors.js';
import type { ItemResult } from './process-item.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';

interface Pending {
  job: WorkerJob;
  resolve: (r: ItemResult) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
}

/**
 * A fixed-size pool of worker threads. Each worker holds up to `jobsPerWorker` jobs at once, so one
 * job's file I/O overlaps another's computation. A worker that dies fails only its current jobs (as
 * typed, quarantinable results) and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private closed = false;

  constructor(
    size: number,
    private readonly init: WorkerInit,
    private readonly entry: URL,
    private readonly jobsPerWorker = 2,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** How many jobs the pool works on at once. */
  get capacity(): number {
    return this.slots.length * this.jobsPerWorker;
  }

  /** Runs one job on the least busy worker. */
  run(job: Omit<WorkerJob, 'jobId'>, jobId: number): Promise<ItemResult> {
    return new Promise((resolve) => {
      this.waiting.push({ job: { ...job, jobId }, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    // A small young generation: file buffers die young, and a large nursery let them pile up until
    // full collections walked every loaded module (measured: -25 % time, -35 % peak RSS on 2,048 CT slices).
    const worker = new Worker(this.entry, {
      workerData: this.init,
      stdout: false,
      stderr: false,
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const pending = slot.jobs.get(reply.jobId);
      slot.jobs.delete(reply.jobId);
      pending?.resolve(reply.result);
      this.dispatch();
    });
    const fail = (): void => {
      for (const pending of slot.jobs.values()) {
        pending.resolve({
          status: 'quarantined',
          id: pending.job.id,
          error: {
            code: ErrorCodes.WORKER_FAILED,
            reason: 'the worker thread stopped while processing this file',
            file: pending.job.id,
          },
          findings: [],
        });
      }
      slot.jobs.clear();
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) {
        worker.removeAllListeners();
        this.slots[index] = this.spawn();
        this.dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return slot;
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots.reduce((best, s) => (s.jobs.size < best.jobs.size ? s : best), this.slots[0]!);
      if (slot.jobs.size >= this.jobsPerWorker) return;
      const next = this.waiting.shift()!;
      slot.jobs.set(next.job.jobId, next);
      slot.worker.postMessage(next.job);
    }
  }
}
