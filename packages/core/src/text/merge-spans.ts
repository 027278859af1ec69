/** Merging of overlapping spans into one span per region of text. */
import type { PhiSpan, PhiType } from '../types.js';

/** Types in order of precedence when two overlapping spans are equally confident. */
const TYPE_PRECEDENCE: readonly PhiType[] = [
  'subject-identifier',
  'ssn',
  'mrn',
  'accession',
  'email',
  'url',
  'fax',
  'phone',
  'ip',
  'name',
  'address',
  'zip',
  'date',
  'age',
  'uid',
  'id',
  'other',
];

function rank(type: PhiType): number {
  const i = TYPE_PRECEDENCE.indexOf(type);
  return i < 0 ? TYPE_PRECEDENCE.length : i;
}

/** True when `a` should name a merged region rather than `b`. */
function better(a: PhiSpan, b: PhiSpan): boolean {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  const ra = rank(a.type);
  const rb = rank(b.type);
  if (ra !== rb) return ra < rb;
  return a.end - a.start > b.end - b.start;
}

/**
 * Merges overlapping spans: each group of spans that overlap (directly or through a chain) becomes
 * one span covering all of them, with the type, confidence and rule of the most confident one
 * (ties go to the more specific type, then to the wider span). Spans that only touch stay apart.
 * Empty spans are dropped. The result is sorted by start offset.
 */
export function mergeSpans(spans: readonly PhiSpan[]): PhiSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhiSpan[] = [];
  let current: PhiSpan | undefined;
  let best: PhiSpan | undefined;
  const flush = (): void => {
    if (current && best)
      out.push({ ...current, type: best.type, confidence: best.confidence, rule: best.rule });
  };
  for (const span of sorted) {
    if (current && best && span.start < current.end) {
      current.end = Math.max(current.end, span.end);
      if (better(span, best)) best = span;
    } else {
      flush();
      current = { ...span };
      best = span;
    }
  }
  flush();
  return out;
}
