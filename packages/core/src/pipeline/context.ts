import { createPseudonymizer } from '../pseudonym/pseudonymizer.js';
import { createTextEngine } from '../text/index.js';
import type { ResolvedPolicy } from '../policy/types.js';
import type { AuditSink, DeidContext, VisionPort } from '../types.js';

/** Options of {@link createDeidContext}. */
export interface CreateDeidContextOptions {
  policy: ResolvedPolicy;
  /** The project key. */
  key: Uint8Array;
  vision?: VisionPort;
  audit?: AuditSink;
  signal?: AbortSignal;
}

/** An audit sink that drops events. */
export const NULL_AUDIT_SINK: AuditSink = { record() {} };

/** Builds the context handlers receive: pseudonyms under the key, the text detector, the ports. */
export function createDeidContext(options: CreateDeidContextOptions): DeidContext {
  const pseudonyms = createPseudonymizer(options.key, { dateShiftDays: options.policy.dateShiftDays });
  return {
    policy: options.policy,
    pseudonyms,
    text: createTextEngine(options.policy, { pseudonyms }),
    ...(options.vision ? { vision: options.vision } : {}),
    audit: options.audit ?? NULL_AUDIT_SINK,
    signal: options.signal ?? new AbortController().signal,
  };
}
