/**
 * Worker-thread entry of the pipeline pool. It turns on Node's on-disk compile cache before anything
 * else is loaded, so that a worker's start (the core, the handlers, their dependencies: most of a
 * short run) reuses the code V8 compiled in an earlier run instead of compiling it again. Then it loads
 * the worker proper ({@link ./worker-main.js}); jobs posted meanwhile wait in the port's queue.
 */
import { enableCompileCache } from 'node:module';

try {
  // Optional: an unwritable cache folder or an older Node only means a slower start.
  enableCompileCache?.();
} catch {
  // the cache is an optimisation, never a requirement
}
await import('./worker-main.js');
