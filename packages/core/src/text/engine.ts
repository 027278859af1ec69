/** The free-text PHI engine configured by a policy: the one every format handler uses. */
import type { ResolvedPolicy } from '../policy/types.js';
import type { PhiType, Pseudonymizer, TextPhiDetector } from '../types.js';
import { createTextPhiDetector } from './detector.js';
import { ALL_PHI_TYPES } from './phi-types.js';

/** Options of {@link createTextEngine}. */
export interface TextEngineOptions {
  /** Needed for `surrogate` replacement (keyed fake names and digits). */
  pseudonyms?: Pseudonymizer;
}

/**
 * Builds the text engine a policy asks for: its confidence floor, disabled types, allow and deny
 * lists, and its replacement (typed placeholders, or keyed surrogates when `pseudonyms` is given).
 * Build it once per worker: dictionaries and patterns are compiled here, never per call.
 */
export function createTextEngine(policy: ResolvedPolicy, options: TextEngineOptions = {}): TextPhiDetector {
  const text = policy.text;
  const disabled = new Set<string>(text.disabledTypes);
  const enabledTypes: PhiType[] = ALL_PHI_TYPES.filter((t) => !disabled.has(t));
  const surrogate = text.replacement === 'surrogate' && options.pseudonyms !== undefined;
  return createTextPhiDetector({
    minConfidence: text.minConfidence,
    enabledTypes,
    allow: text.allow,
    deny: text.deny,
    ...(text.model ? { model: true } : {}),
    ...(surrogate && options.pseudonyms ? { surrogates: { pseudonyms: options.pseudonyms } } : {}),
  });
}
