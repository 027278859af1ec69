/** Replacing spans of text with typed placeholders. */
import type { PhiSpan, PhiType } from '../types.js';

/** Makes the text that replaces a span of the given type. */
export type PlaceholderFn = (type: PhiType) => string;

/** The default placeholder: the type in upper case in brackets, e.g. `[NAME]`, `[DATE]`. */
export const defaultPlaceholder: PlaceholderFn = (type) => `[${type.toUpperCase()}]`;

/**
 * Replaces each span of `text` with `replacement(span, original)`. `spans` should not overlap (see
 * `mergeSpans`); a span that overlaps one already replaced is skipped after its overlapping part.
 */
export function replaceSpans(
  text: string,
  spans: readonly PhiSpan[],
  replacement: (span: PhiSpan, original: string) => string,
): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, pos);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(pos, start), replacement(span, text.slice(start, end)));
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** Replaces each span of `text` with `placeholder(span.type)` (see {@link replaceSpans}). */
export function redactSpans(
  text: string,
  spans: readonly PhiSpan[],
  placeholder: PlaceholderFn = defaultPlaceholder,
): string {
  return replaceSpans(text, spans, (span) => placeholder(span.type));
}

/** A typed placeholder in the default form, such as `[NAME]` or `[SUBJECT-IDENTIFIER]`. */
const PLACEHOLDER_RE = /\[[A-Z][A-Z_-]*\]/g;

/**
 * The `[start, end)` ranges of the default placeholders in `text`: a verifier that re-scans cleaned
 * text skips spans inside them.
 */
export function placeholderRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) out.push([m.index, m.index + m[0].length]);
  return out;
}
