import { Worker } from 'node:worker_threads';
import { ErrorCodes } from '../errors.js';
import type { ItemResult } from './process-item.js';
import type { WorkerBoot, WorkerInit, WorkerJob, WorkerReply, WorkerStart } from './worker-protocol.js';

interface Pending {
  job: WorkerJob;
  resolve: (r: ItemResult) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
}

/**
 * A fixed-size pool of worker threads. Each worker holds up to `jobsPerWorker` jobs at once (it runs
 * them one after another; the next one is there when the current one ends). A worker that dies fails
 * only its current jobs (as typed, quarantinable results) and is replaced.
 *
 * A pool may be made before the run's settings are known (`boot` without `init`): its workers load
 * their handlers meanwhile, and {@link WorkerPool.start} hands them the settings later.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private closed = false;
  private referenced = true;
  private init: WorkerInit | undefined;

  constructor(
    size: number,
    private readonly boot: WorkerBoot,
    readonly entry: URL,
    private readonly jobsPerWorker = 2,
  ) {
    this.init = boot.init;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** How many jobs the pool works on at once. */
  get capacity(): number {
    return this.slots.length * this.jobsPerWorker;
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /** The handler modules the workers load. */
  get handlerModules(): readonly string[] {
    return this.boot.handlerModules;
  }

  /** Gives workers started without settings the run's settings (once; later calls are ignored). */
  start(init: WorkerInit): void {
    if (this.init) return;
    this.init = init;
    const message: WorkerStart = { start: init };
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  /**
   * Whether the workers keep the process alive. A pool started ahead of a run that may never come is
   * unreferenced, so that an early exit (a usage error) is not held up by it.
   */
  setReferenced(referenced: boolean): void {
    this.referenced = referenced;
    for (const slot of this.slots) {
      if (referenced) slot.worker.ref();
      else slot.worker.unref();
    }
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
    // A small young generation: short-lived garbage is collected often and cheaply, and full
    // collections (which walk every loaded module) stay rare.
    const boot: WorkerBoot = this.init ? { ...this.boot, init: this.init } : this.boot;
    const worker = new Worker(this.entry, {
      workerData: boot,
      stdout: false,
      stderr: false,
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    if (!this.referenced) worker.unref();
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
