import cliProgress from 'cli-progress';
import type { ProgressEvent } from '@medimagecleaner/core';
import type { CliIo } from './io.js';

/** Shows progress: a bar with counts and ETA on a terminal, a plain line every few seconds otherwise. */
export function createProgressReporter(
  io: CliIo,
  enabled: boolean,
): { update(e: ProgressEvent): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  if (io.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          '[{bar}] {percentage}% | {value}/{total} files | released {released} | quarantined {quarantined} | ETA {eta_formatted}',
        stream: io.stderr as NodeJS.WritableStream,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(e) {
        if (!started) {
          bar.start(e.total, e.done, { released: e.released, quarantined: e.quarantined });
          started = true;
        } else bar.update(e.done, { released: e.released, quarantined: e.quarantined });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  const begun = Date.now();
  return {
    update(e) {
      const now = Date.now();
      if (e.phase === 'item' && now - last < 2000 && e.done !== e.total) return;
      last = now;
      const elapsed = (now - begun) / 1000;
      const eta =
        e.done > 0 && e.total > e.done ? ` ETA ${Math.round((elapsed / e.done) * (e.total - e.done))} s` : '';
      io.stderr.write(
        `progress ${e.done}/${e.total} files (${e.total ? Math.floor((100 * e.done) / e.total) : 100}%) released ${e.released} quarantined ${e.quarantined}${eta}\n`,
      );
    },
    stop() {},
  };
}
