import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/**
 * The worker count a `deidentify` command line asks for (`-j N`, `-jN`, `--concurrency N`,
 * `--concurrency=N`; default: the number of cores), or undefined when `argv` is not a `deidentify`
 * command that will start workers (another command, help, or a count the option parser will refuse).
 */
export function deidentifyConcurrency(argv: readonly string[]): number | undefined {
  if (argv[0] !== 'deidentify') return undefined;
  let concurrency: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '-h' || arg === '--help') return undefined;
    let value: string | undefined;
    if (arg === '-j' || arg === '--concurrency') value = argv[++i];
    else if (arg.startsWith('--concurrency=')) value = arg.slice('--concurrency='.length);
    else if (/^-j\d/.test(arg)) value = arg.slice(2);
    else continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 256) return undefined;
    concurrency = n;
  }
  return concurrency ?? availableParallelism();
}

/**
 * Starts the worker threads of a `deidentify` command line before the rest of the CLI loads, so that
 * their start (loading the handlers) and the main thread's (options, policy, key, discovery) overlap.
 * The run takes them if its settings match, else closes them; workers no run took never keep the
 * process alive (see `@medimagecleaner/core/prestart`). Never throws: this is an optimisation only.
 */
export async function prestartFromArgv(argv: readonly string[]): Promise<void> {
  try {
    const concurrency = deidentifyConcurrency(argv);
    if (concurrency === undefined) return;
    keepYoungGenerationSmall();
    const [{ prestartWorkers }, { resolvedHandlerModules }] = await Promise.all([
      import('@medimagecleaner/core/prestart'),
      import('./handler-modules.js'),
    ]);
    prestartWorkers({ handlerModules: resolvedHandlerModules(), concurrency });
  } catch {
    // the run starts its own workers
  }
}

/**
 * Keeps this thread's young generation at its initial size for the run. V8 doubles it (up to 16 MB per
 * semi-space) each time the bytes that survived scavenges since the last growth exceed its
 * size, and a run's coordinating thread keeps every in-flight item alive across a few scavenges, so the
 * young generation grew with the number of files: 8,192 files peaked 50 MB higher than 256 with no
 * more live data. This thread is idle most of the run, so more frequent scavenges of a small young
 * generation cost no measurable time (see tools/bench/README.md). It has to be set before the heap grows (that is, first thing);
 * the flag is read each time V8 considers growing. Worker threads have their own limit (WorkerPool).
 */
export function keepYoungGenerationSmall(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // an optimisation only
  }
}
