/** Word tokens of a text with what the word book knows of each, and the text's casing. */
import { foldText, forEachMatch } from './fold.js';
import { MONTH_WORDS } from './stop-words.js';
import type { WordBook, WordInfo } from './word-info.js';

/** One word of the text. */
export interface Token {
  start: number;
  end: number;
  /** Folded, without apostrophes or a possessive `'s`. */
  key: string;
  /** Starts with a capital. */
  cap: boolean;
  /** Two or more letters, all capitals. */
  upper: boolean;
  /** One letter. */
  initial: boolean;
  /** A month name or abbreviation. */
  month: boolean;
  /** A clipped verb (`dc'd`, `Rx'd`, `NTS'd`): never a name. */
  verbForm: boolean;
  /** A digit follows at once (`PaO2`, `T1`, `WARDNAME3`): a code, rarely a name. */
  digitAttached: boolean;
  info: WordInfo;
}

/** The tokens of one text and how it is written. */
export interface TokenContext {
  tokens: Token[];
  /** The text case- and accent-folded (`foldText`), offsets unchanged. */
  folded: string;
  /** `upper`: an ALL CAPS note; `lower`: an all lower-case note; `mixed` otherwise. */
  casing: 'mixed' | 'upper' | 'lower';
  /** Index of the first token starting at `pos` with only spaces or tabs before it, or -1. */
  indexAt(pos: number): number;
  /** Index of the first token that ends after `pos` (tokens.length when none). */
  firstEndingAfter(pos: number): number;
}

const TOKEN_RE = /(?<![\p{L}\p{M}\p{N}])\p{L}[\p{L}\p{M}'’-]*(?<![-'’])(?![\p{L}\p{M}])/gu;
const MONTHS = new Set(MONTH_WORDS);

/** Cuts `text` into word tokens and looks each up in `book`. */
export function tokenContext(text: string, book: WordBook): TokenContext {
  const folded = foldText(text);
  const tokens: Token[] = [];
  let upperLetters = 0;
  let lowerLetters = 0;
  forEachMatch(TOKEN_RE, text, (m) => {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const key = folded
      .slice(start, end)
      .replace(/['’]s$/, '')
      .replace(/['’]/g, '');
    const hasLower = /\p{Ll}/u.test(raw);
    const hasUpper = /\p{Lu}/u.test(raw);
    if (raw.length > 1) {
      if (hasUpper && !hasLower) upperLetters += raw.length;
      else if (hasLower && !hasUpper) lowerLetters += raw.length;
      else lowerLetters += raw.length - 1;
    }
    tokens.push({
      start,
      end,
      key,
      cap: /^\p{Lu}/u.test(raw),
      upper: raw.length > 1 && hasUpper && !hasLower,
      initial: raw.length === 1,
      month: MONTHS.has(key),
      digitAttached: /\p{N}/u.test(text[end] ?? ''),
      verbForm: /['’]d$/i.test(raw),
      info: book.info(key),
    });
  });
  const letters = upperLetters + lowerLetters;
  const casing =
    letters > 0 && upperLetters / letters > 0.75
      ? 'upper'
      : letters > 0 && tokens.filter((t) => t.cap && !t.initial).length <= Math.max(1, tokens.length * 0.06)
        ? 'lower'
        : 'mixed';
  return {
    tokens,
    folded,
    casing,
    firstEndingAfter(pos) {
      let lo = 0;
      let hi = tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((tokens[mid]?.end ?? 0) <= pos) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    indexAt: (pos) => tokenIndexAt(tokens, text, pos),
  };
}

/**
 * Index of the first of `tokens` (sorted by start) that starts at or after `pos` with only spaces or
 * tabs of `text` before it, or -1.
 */
export function tokenIndexAt(tokens: ReadonlyArray<{ start: number }>, text: string, pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  const t = tokens[lo];
  if (!t || !/^[ \t]*$/.test(text.slice(pos, t.start))) return -1;
  return lo;
}
