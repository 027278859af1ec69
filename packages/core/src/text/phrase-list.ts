/** Site allow and deny lists: whole-word phrases found in folded text. */
import { escapeRegExp, foldText, forEachMatch } from './fold.js';

/** A compiled list of phrases. */
export interface PhraseList {
  /** Number of phrases. */
  readonly size: number;
  /** `[start, end)` of every whole-word occurrence in `folded` (the output of `foldText`). */
  find(folded: string): Array<[number, number]>;
}

/**
 * Compiles phrases (any case and accents; inner whitespace matches any whitespace) into one regular
 * expression, built once.
 */
export function compilePhraseList(phrases: readonly string[]): PhraseList {
  const parts = [
    ...new Set(
      phrases
        .map((p) => foldText(p.trim()))
        .filter((p) => p.length > 0)
        .map((p) => p.split(/\s+/).map(escapeRegExp).join('\\s+')),
    ),
  ].sort((a, b) => b.length - a.length);
  if (parts.length === 0) return { size: 0, find: () => [] };
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return {
    size: parts.length,
    find(folded) {
      const out: Array<[number, number]> = [];
      forEachMatch(re, folded, (m) => out.push([m.index, m.index + m[0].length]));
      return out;
    },
  };
}
