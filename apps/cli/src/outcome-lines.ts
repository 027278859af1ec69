import type { ProgressItem, RunReport } from '@medimagecleaner/core';

/** One `--verbose` line for a finished item: its keyed id, outcome, format and error code; never a path. */
export function itemLine(item: ProgressItem): string {
  const format = item.format ? ` (${item.format})` : '';
  const code = item.code ? ` ${item.code}` : '';
  return `item ${item.id} ${item.status}${code}${format}`;
}

/** What `--quiet` still prints after a run: only its errors (quarantined items, unreadable inputs). */
export function quietLines(report: RunReport): string[] {
  const lines = report.quarantine.map((q) => `quarantined ${q.item}: ${q.code} ${q.reason}`);
  for (const e of report.inputErrors)
    lines.push(`input error: ${e.code} ${e.reason}${e.file ? ` (${e.file})` : ''}`);
  if (report.counts.quarantined) lines.push(`quarantine folder: ${report.paths.quarantine}`);
  return lines;
}
