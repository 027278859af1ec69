/**
 * The worker proper (loaded by `worker-entry.ts`). It loads its handlers at once, builds the context
 * when the run's settings are known (at start, or from the first message when the worker was started
 * early), then processes jobs one at a time: each input is read with one blocking read into a reused
 * buffer, released bytes go to a staging file, and only PHI-free results go back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDeidContext } from './context.js';
import { ReadBuffer, createBlockingFileInputItem } from './read-input.js';
import { withLearned } from './input-item.js';
import { loadHandlers } from './load-handlers.js';
import { processItem } from './process-item.js';
import { stageRelease } from './stage.js';
import type { WorkerBoot, WorkerInit, WorkerJob, WorkerReply, WorkerStart } from './worker-protocol.js';
import { ErrorCodes, toMedImageCleanerError } from '../errors.js';

// Libraries print values in warnings (dcmjs does): nothing a handler or its dependencies write to the
// console may reach the logs, so the console of a worker is mute.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const) {
  console[method] = () => undefined;
}

const boot = workerData as WorkerBoot;
const handlersReady = loadHandlers(boot.handlerModules);
let resolveInit!: (init: WorkerInit) => void;
const initReady = new Promise<WorkerInit>((resolve) => (resolveInit = resolve));
if (boot.init) resolveInit(boot.init);
const ready = (async () => {
  const handlers = await handlersReady;
  const init = await initReady;
  const ctx = createDeidContext({ policy: init.policy, key: init.key });
  return { handlers, ctx, init };
})();
// A failed start is reported on each job (below), never as an unhandled rejection that kills the worker.
ready.catch(() => undefined);

// Jobs run one after another: the pool sends a second one so that it is here when the first ends, but
// inputs are read into one reused buffer, valid until the next read (and nothing is gained by
// interleaving blocking I/O anyway).
const buffer = new ReadBuffer();
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (message: WorkerJob | WorkerStart) => {
  if ('start' in message) {
    resolveInit(message.start);
    return;
  }
  queue = queue.then(() => runJob(message));
});

async function runJob(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  try {
    const { handlers, ctx, init } = await ready;
    const result = await stageRelease(
      await processItem(
        withLearned(createBlockingFileInputItem(job.id, job.path, job.size, buffer), job),
        handlers,
        ctx,
      ),
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
