/**
 * The verifier's free-text check: a text value the policy keeps cleaned (Clean Descriptors, Clean
 * Structured Content) is scanned again with the policy's text engine, and a span at or above the
 * policy's residual confidence that is not one of our placeholders blocks the release.
 */
import { residualSpans, type InspectContext, type PhiSpan, type ProfileOption } from '@medimagecleaner/core';
import { decide, findRow } from './profile.js';
import { groupOf, isPrivateTag } from './tags.js';

/** Free-text VRs the engine cleans. */
const FREE_TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC']);
/** Multi-valued text VRs (values separated by `\`). */
const MULTI_VALUED_VRS: ReadonlySet<string> = new Set(['LO', 'SH', 'UC']);

/** Sequences that hold structured content: their free text is cleaned under Clean Structured Content. */
const STRUCTURED_CONTENT_SEQUENCES: ReadonlySet<number> = new Set([0x0040a730, 0x00400555, 0x00400610]);

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
  const found: PhiSpan[] = [];
  const parts = MULTI_VALUED_VRS.has(vr) ? value.split('\\') : [value];
  for (const part of parts) {
    const text = part.trim();
    if (text.length < 3 || NOT_WORDS.test(text)) continue;
    found.push(...residualSpans(text, ctx.text, ctx.policy.text));
  }
  return found;
}
