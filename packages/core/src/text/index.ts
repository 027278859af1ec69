/**
 * Rule-based detection and redaction of PHI in free text.
 *
 * ```ts
 * const detector = createTextPhiDetector();
 * detector.redact('Dr. Maria Garcia-Lopez reviewed on 03/15/2024').text;
 * // 'Dr. [NAME] reviewed on [DATE]'
 * ```
 */
export { createTextPhiDetector } from './detector.js';
export { ALL_PHI_TYPES } from './phi-types.js';
export type { TextPhiDetectorOptions } from './detector.js';
export { mergeSpans } from './merge-spans.js';
export { defaultPlaceholder, placeholderRanges, redactSpans, replaceSpans } from './redact.js';
export type { PlaceholderFn } from './redact.js';
export { compileKnownIdentifiers } from './known-identifiers.js';
export type { KnownIdentifierMatcher } from './known-identifiers.js';
export { findDates, isValidDate, parseDate } from './dates.js';
export type { CalendarDate, DateMatch } from './dates.js';
export { isValidSsn } from './identifiers.js';
export { isIpv6 } from './contact.js';
export { createTextEngine } from './engine.js';
export type { TextEngineOptions } from './engine.js';
export { replaceWithSurrogates, SURROGATE_TYPES } from './surrogates.js';
export { residualSpans } from './residual.js';
export type { SurrogateOptions } from './surrogates.js';
