/** Replacing spans of text with typed placeholders. */
import type { PhiSpan, PhiType } from '../types.js';

/** Makes the text that replaces a span of the given type. */
export type PlaceholderFn = (type: PhiType) => string;

/** The default placeholder: the type in upper case in brackets, e.g. `[NAME]`, `[DATE]`. */
export const defaultPlaceholder: PlaceholderFn = (type) => `[${type.toUpperCase()}]`;

/**
 * Replaces each span of `text` with `placeholder(span.type)`. `spans` should not overlap (see
 * `mergeSpans`); a span that overlaps one already replaced is skipped after its overlapping part.
 */
export function redactSpans(
  text: string,
  spans: readonly PhiSpan[],
  placeholder: PlaceholderFn = defaultPlaceholder,
): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, pos);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(pos, start), placeholder(span.type));
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
