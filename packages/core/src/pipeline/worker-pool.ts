import { Worker } from 'node:worker_threads';
import { ErrorCodes } from '../errors.js';
import type { ItemResult } from './process-item.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';

interface Slot {
  worker: Worker;
  job?: { job: WorkerJob; resolve: (r: ItemResult) => void };
}

/**
 * A fixed-size pool of worker threads, one job per worker at a time. A worker that dies fails only its
 * current job (as a typed, quarantinable result) and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<{ job: WorkerJob; resolve: (r: ItemResult) => void }> = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
    private readonly entry: URL,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Runs one job on the next free worker. */
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
    const worker = new Worker(this.entry, { workerData: this.init, stdout: false, stderr: false });
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => {
      const current = slot.job;
      slot.job = undefined;
      if (current && current.job.jobId === reply.jobId) current.resolve(reply.result);
      this.dispatch();
    });
    const fail = (): void => {
      const current = slot.job;
      slot.job = undefined;
      if (current) {
        current.resolve({
          status: 'quarantined',
          id: current.job.id,
          error: {
            code: ErrorCodes.WORKER_FAILED,
            reason: 'the worker thread stopped while processing this file',
            file: current.job.id,
          },
          findings: [],
        });
      }
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
    for (const slot of this.slots) {
      if (slot.job) continue;
      const next = this.waiting.shift();
      if (!next) return;
      slot.job = next;
      slot.worker.postMessage(next.job);
    }
  }
}
