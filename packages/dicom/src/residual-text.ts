/**
 * The verifier's free-text check: a text value the policy keeps cleaned (Clean Descriptors, Clean
 * Structured Content) is scanned again with the policy's text engine, and a span at or above the
 * policy's residual confidence that is not one of our placeholders blocks the release.
 */
import type { InspectContext, PhiSpan, PhiType, ProfileOption } from '@medimagecleaner/core';
import { decide, findRow } from './profile.js';
import { groupOf, isPrivateTag } from './tags.js';

/** Free-text VRs the engine cleans. */
const FREE_TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC']);
/** Multi-valued text VRs (values separated by `\`). */
const MULTI_VALUED_VRS: ReadonlySet<string> = new Set(['LO', 'SH', 'UC']);

/** Sequences that hold structured content: their free text is cleaned under Clean Structured Content. */
const STRUCTURED_CONTENT_SEQUENCES: ReadonlySet<number> = new Set([0x0040a730, 0x00400555, 0x00400610]);

/** The residual confidence when the policy has none. */
export const DEFAULT_RESIDUAL_CONFIDENCE = 0.9;

/**
 * Types whose surrogates look like the real thing (keyed fake names, shifted dates, keyed digits):
 * not checked when the policy replaces with surrogates; every other type becomes a placeholder in both
 * modes and is checked in both.
 */
const SURROGATE_TYPES: ReadonlySet<PhiType> = new Set<PhiType>([
  'name',
  'date',
  'phone',
  'fax',
  'id',
  'mrn',
  'accession',
  'ssn',
  'zip',
]);

/** Our placeholders (`[NAME]`, `[REDACTED]`...): spans inside them are not residual PHI. */
const PLACEHOLDER = /\[[A-Z][A-Z_-]*\]/g;
/** Values that cannot hold free-text PHI: numbers, number lists, punctuation. */
const NOT_WORDS = /^[\d\s.,:;/+\-()%]*$/;

/** True for the attributes of a code sequence item (code value, scheme, meaning...): codes, not text. */
function isCodeAttribute(tag: number): boolean {
  const element = tag & 0xffff;
  return groupOf(tag) === 0x0008 && element >= 0x0100 && element <= 0x0124;
}

/**
 * True when the value of `tag` (VR `vr`, under the sequences `path`) is free text the policy keeps
 * cleaned: an attribute whose Table E.1-1 action is C under the options, or free text inside
 * structured content under Clean Structured Content (an SR TEXT item at any depth).
 */
export function isCleanedText(
  tag: number,
  vr: string | undefined,
  path: readonly number[],
  options: Readonly<Record<ProfileOption, boolean>>,
): boolean {
  if (vr === undefined || !FREE_TEXT_VRS.has(vr)) return false;
  if (!options.cleanDescriptors && !options.cleanStructuredContent) return false;
  if (isPrivateTag(tag) || isCodeAttribute(tag)) return false;
  const row = findRow(tag);
  if (row && decide(row, options, vr).code === 'C') return true;
  return (
    !row &&
    options.cleanStructuredContent &&
    path.some((sequence) => STRUCTURED_CONTENT_SEQUENCES.has(sequence))
  );
}

/**
 * The residual PHI spans of a released text value: spans at or above the policy's residual confidence,
 * outside our placeholders, and (with surrogate replacement) not of a type surrogates imitate. Short
 * values and values without words are skipped.
 */
export function residualTextSpans(
  value: string,
  vr: string,
  ctx: Pick<InspectContext, 'policy' | 'text'>,
): PhiSpan[] {
  const textPolicy = ctx.policy.text as Partial<InspectContext['policy']['text']> | undefined;
  const threshold = textPolicy?.residualConfidence ?? DEFAULT_RESIDUAL_CONFIDENCE;
  const surrogate = textPolicy?.replacement === 'surrogate';
  const found: PhiSpan[] = [];
  const parts = MULTI_VALUED_VRS.has(vr) ? value.split('\\') : [value];
  for (const part of parts) {
    const text = part.trim();
    if (text.length < 3 || NOT_WORDS.test(text)) continue;
    const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length]);
    for (const span of ctx.text.detect(text)) {
      if (span.confidence < threshold) continue;
      if (surrogate && SURROGATE_TYPES.has(span.type)) continue;
      if (placeholders.some(([s, e]) => span.start >= s! && span.end <= e!)) continue;
      found.push(span);
    }
  }
  return found;
}
