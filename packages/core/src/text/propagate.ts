/**
 * Propagation: a word found as a name or a place once, with enough confidence, is the same PHI
 * wherever else it appears in the same text (`Dr. Ostrava` ... `Ostrava called back`).
 */
import type { PhiSpan, PhiType } from '../types.js';
import type { TokenContext } from './tokens.js';

const PROPAGATED: ReadonlySet<PhiType> = new Set(['name', 'location']);
/** Spans at or above this confidence teach their words. */
const TEACH_CONFIDENCE = 0.75;

/** Adds a span for every other occurrence of a word taught by a confident name or place span. */
export function propagate(ctx: TokenContext, spans: readonly PhiSpan[], out: PhiSpan[]): void {
  markTaught(ctx, taughtWords(ctx, spans), out, 'propagated');
}

/**
 * The words that confident name and place spans teach (folded key -> type): words that are PHI
 * wherever else they appear, in this text or in other texts of the same record.
 */
export function taughtWords(ctx: TokenContext, spans: readonly PhiSpan[]): Map<string, PhiType> {
  const taught = new Map<string, PhiType>();
  const tokens = ctx.tokens;
  let k = 0;
  const sorted = spans
    .filter((s) => PROPAGATED.has(s.type) && s.confidence >= TEACH_CONFIDENCE)
    .sort((a, b) => a.start - b.start);
  for (const span of sorted) {
    while (k < tokens.length && tokens[k]!.end <= span.start) k++;
    for (let i = k; i < tokens.length && tokens[i]!.start < span.end; i++) {
      const t = tokens[i]!;
      if (t.initial || t.key.length < 2) continue;
      const w = t.info;
      if (w.stop || w.medical || w.credential || t.month) continue;
      // Clipped words (`cont`, `levo`) are taught only by a title: `Dr. Cole`.
      if (w.clipped && span.rule !== 'name/title') continue;
      // Very common English words (`will`, `grace`) are not taught: one context is not enough.
      if (w.english !== undefined && w.english <= 35) continue;
      if (!taught.has(t.key)) taught.set(t.key, span.type);
    }
  }
  return taught;
}

/** Adds a span (rule `<type>/<how>`) for every token of `ctx` whose folded key `taught` lists. */
export function markTaught(
  ctx: TokenContext,
  taught: ReadonlyMap<string, PhiType>,
  out: PhiSpan[],
  how: string,
): void {
  if (taught.size === 0) return;
  for (const t of ctx.tokens) {
    const type = taught.get(t.key);
    if (type) out.push({ start: t.start, end: t.end, type, confidence: 0.75, rule: `${type}/${how}` });
  }
}
