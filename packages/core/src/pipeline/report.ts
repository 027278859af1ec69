import type { ErrorCode, SerializedError } from '../errors.js';
import type { ActionKind, Finding, SubjectKeyFallback } from '../types.js';
import type { ProfileOption, SubjectKeyMember } from '../policy/types.js';

/** Counts of items by final status. */
export interface StatusCounts {
  /** Files found among the inputs. */
  discovered: number;
  /** Written to the output in this run. */
  released: number;
  /** Sent to quarantine in this run. */
  quarantined: number;
  /** Same output as another input (same de-identified bytes): not written twice. */
  duplicate: number;
  /** Already done by the run being resumed. */
  resumed: number;
  /** Not released by policy (e.g. DICOMDIR files): nothing written, not a failure. */
  dropped: number;
  /**
   * Found inside an input folder but recognised by no handler, and left alone because the policy's
   * `pipeline.unrecognized` is `skip` (the default): nothing written, not a failure.
   */
  skipped: number;
}

/** One quarantined item in the report (item id, never its path). */
export interface QuarantineRecord {
  item: string;
  format?: string;
  code: ErrorCode;
  reason: string;
  /** Rules of the blocking findings. */
  findings: Array<Pick<Finding, 'rule' | 'location' | 'severity'>>;
}

/**
 * Two items whose outputs took one path (in DICOM: one SOP Instance UID in two files), by item id,
 * never by path or value.
 */
export interface CollisionRecord {
  /** The item that took the path first. */
  first: string;
  /** The item that came later. */
  second: string;
  /**
   * `deduplicated`: both de-identified to the same bytes, written once (counted as duplicate);
   * `quarantined`: different bytes, the later one refused with `E_OUTPUT_COLLISION`; `suffixed`:
   * different bytes, the later one released under a suffixed name (a warning: two outputs now share
   * one instance identity).
   */
  resolution: 'deduplicated' | 'quarantined' | 'suffixed';
}

/** Which subject key the run used, and how often it could not be used. Never holds key values. */
export interface SubjectKeyReport {
  /** The policy's key definition, e.g. `['PatientID']`. */
  key: SubjectKeyMember[];
  /** Items of this run whose key came from a fallback (their ID was empty), by fallback. */
  fallbacks: Partial<Record<SubjectKeyFallback, number>>;
}

/** The run report: JSON for machines; {@link formatReportSummary} renders it for people. Free of PHI. */
export interface RunReport {
  tool: { name: 'medimagecleaner'; version: string; node: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  dryRun: boolean;
  /** `fsync`: every output and journal line flushed to disk; `verify-on-resume`: hashes re-checked on resume. */
  durability: 'fsync' | 'verify-on-resume';
  policy: { name: string; hash: string; chain: string[]; options: ProfileOption[] };
  key: { source: string; fingerprint: string };
  counts: StatusCounts;
  /** Actions taken, by kind and by selector. */
  actions: { byKind: Partial<Record<ActionKind, number>>; bySelector: Record<string, number> };
  /** Findings by rule id (all severities). */
  findings: Record<string, number>;
  /** Items by format. */
  formats: Record<string, number>;
  /** The subject key used (one pseudonym and one date shift per key value). */
  subjectKey: SubjectKeyReport;
  /** Items whose outputs took the same path, in the order they were met. */
  collisions: CollisionRecord[];
  /** Per-subject/study/series counts of released items (pseudonymous keys). */
  subjects: Record<string, { studies: Record<string, { series: Record<string, number> }> }>;
  quarantine: QuarantineRecord[];
  /** Problems with inputs that are not files (loops, patterns that matched nothing). */
  inputErrors: SerializedError[];
  /** Where things went. */
  paths: { output: string; quarantine: string };
  throughput: {
    files: number;
    bytesIn: number;
    bytesOut: number;
    filesPerSecond: number;
    megabytesPerSecond: number;
  };
}

/** A short human summary of a report. */
export function formatReportSummary(report: RunReport): string {
  const c = report.counts;
  const lines = [
    `medimagecleaner ${report.tool.version}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    `policy   ${report.policy.name} (${report.policy.chain.join(' > ')}) sha256:${report.policy.hash.slice(0, 16)}`,
    `options  ${report.policy.options.length ? report.policy.options.join(', ') : 'none'}`,
    `key      ${report.key.source}, fingerprint ${report.key.fingerprint}`,
    `files    ${c.discovered} found: ${c.released} released, ${c.quarantined} quarantined, ${c.duplicate} duplicate, ${c.dropped} dropped by policy, ${c.skipped} skipped (not recognised), ${c.resumed} done before`,
  ];
  const kinds = Object.entries(report.actions.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  if (kinds) lines.push(`actions  ${kinds}`);
  lines.push(subjectKeyLine(report.subjectKey));
  const subjects = Object.keys(report.subjects).length;
  if (subjects) {
    const studies = Object.values(report.subjects).reduce((n, s) => n + Object.keys(s.studies).length, 0);
    lines.push(`subjects ${subjects} subject(s), ${studies} study(ies)`);
  }
  const seriesLines: string[] = [];
  for (const [subject, s] of Object.entries(report.subjects)) {
    for (const [study, st] of Object.entries(s.studies)) {
      for (const [series, n] of Object.entries(st.series))
        seriesLines.push(`  ${subject} / ${study} / ${series}: ${n} file(s)`);
    }
  }
  if (seriesLines.length)
    lines.push('series   (subject / study / series, pseudonymous)', ...seriesLines.slice(0, 30));
  if (seriesLines.length > 30)
    lines.push(`  ... and ${seriesLines.length - 30} more series (see the JSON report)`);
  for (const q of report.quarantine.slice(0, 20))
    lines.push(`  quarantined ${q.item}: ${q.code} ${q.reason}`);
  if (report.quarantine.length > 20)
    lines.push(`  ... and ${report.quarantine.length - 20} more (see the JSON report)`);
  for (const c of report.collisions.slice(0, 20)) lines.push(`  ${collisionLine(c)}`);
  if (report.collisions.length > 20)
    lines.push(`  ... and ${report.collisions.length - 20} more output collisions (see the JSON report)`);
  for (const e of report.inputErrors)
    lines.push(`  input error: ${e.code} ${e.reason}${e.file ? ` (${e.file})` : ''}`);
  lines.push(
    `time     ${(report.durationMs / 1000).toFixed(2)} s, ${report.throughput.filesPerSecond.toFixed(1)} files/s, ${report.throughput.megabytesPerSecond.toFixed(1)} MB/s`,
    `output   ${report.paths.output}`,
  );
  if (c.quarantined) lines.push(`quarantine ${report.paths.quarantine}`);
  return lines.join('\n');
}

function subjectKeyLine(subjectKey: SubjectKeyReport): string {
  const fallbacks = Object.entries(subjectKey.fallbacks)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return `subject  key ${subjectKey.key.join(' + ')}${fallbacks ? `; ID empty, fell back to: ${fallbacks}` : ''}`;
}

function collisionLine(c: CollisionRecord): string {
  switch (c.resolution) {
    case 'deduplicated':
      return `duplicate ${c.second}: same output as ${c.first}, written once`;
    case 'quarantined':
      return `collision ${c.second}: same output name as ${c.first}, different content (quarantined)`;
    case 'suffixed':
      return `warning  ${c.second}: same output name as ${c.first}, different content, released under a suffixed name`;
  }
}
