/**
 * What verification looks for in released text: the spans the engine still finds that are PHI, not
 * the engine's own output. One definition for every format's verifier.
 */
import type { TextPolicy } from '../policy/types.js';
import type { PhiSpan, TextPhiDetector } from '../types.js';
import { placeholderRanges } from './redact.js';
import { SURROGATE_TYPES } from './surrogates.js';

/**
 * The residual PHI spans of released `text`: the subject's own identifiers always; other spans at or
 * above the policy's `residualConfidence`, outside the engine's placeholders (`[NAME]`) and, under
 * surrogate replacement, not of a type whose surrogates look like the real thing.
 */
export function residualSpans(
  text: string,
  engine: TextPhiDetector,
  policy: Pick<TextPolicy, 'residualConfidence' | 'replacement'>,
  knownIdentifiers: readonly string[] = [],
): PhiSpan[] {
  const surrogate = policy.replacement === 'surrogate';
  const placeholders = placeholderRanges(text);
  return engine.detect(text, { knownIdentifiers }).filter((span) => {
    if (span.type === 'subject-identifier') return true;
    if (span.confidence < policy.residualConfidence) return false;
    if (surrogate && SURROGATE_TYPES.has(span.type)) return false;
    return !placeholders.some(([s, e]) => span.start >= s && span.end <= e);
  });
}
