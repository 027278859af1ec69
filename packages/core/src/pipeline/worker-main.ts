/**
 * The worker proper (loaded by `worker-entry.ts`). It builds handlers and the context once, then
 * processes jobs one at a time: each input is read with one blocking read into a reused buffer, released bytes go to a staging file, and
 * only PHI-free results go back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDeidContext } from './context.js';
import { ReadBuffer, createBlockingFileInputItem } from './read-input.js';
import { loadHandlers } from './load-handlers.js';
import { processItem } from './process-item.js';
import { stageRelease } from './stage.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';
import { ErrorCodes, toMedImageCleanerError } from '../errors.js';

// Libraries print values in warnings (dcmjs does): nothing a handler or its dependencies write to the
// console may reach the logs, so the console of a worker is mute.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const) {
  console[method] = () => undefined;
}

const init = workerData as WorkerInit;
const ready = (async () => {
  const handlers = await loadHandlers(init.handlerModules);
  const ctx = createDeidContext({ policy: init.policy, key: init.key });
  return { handlers, ctx };
})();
// A failed start is reported on each job (below), never as an unhandled rejection that kills the worker.
ready.catch(() => undefined);

// Jobs run one after another: the pool sends a second one so that it is here when the first ends, but
// inputs are read into one reused buffer, valid until the next read (and nothing is gained by
// interleaving blocking I/O anyway).
const buffer = new ReadBuffer();
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (job: WorkerJob) => {
  queue = queue.then(() => runJob(job));
});

async function runJob(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  try {
    const { handlers, ctx } = await ready;
    const result = await stageRelease(
      await processItem(createBlockingFileInputItem(job.id, job.path, job.size, buffer), handlers, ctx),
      init.stagingDir,
      { fsync: Boolean(init.fsync), blocking: true },
    );
    reply = { jobId: job.jobId, result };
  } catch (error) {
    const typed = toMedImageCleanerError(error, ErrorCodes.WORKER_FAILED, job.id);
    reply = {
      jobId: job.jobId,
      result: { status: 'quarantined', id: job.id, error: typed.toJSON(), findings: [] },
    };
  }
  parentPort?.postMessage(reply);
}
