/**
 * Case and accent folding that keeps UTF-16 offsets: every code unit of the input maps to exactly
 * one code unit of the output, so an offset found in the folded text is valid in the original.
 */

const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (stripped.length === 1) {
      folded = stripped;
    } else {
      const lower = ch.toLowerCase();
      folded = lower.length === 1 ? lower : ch;
    }
    foldCache.set(ch, folded);
  }
  return folded;
}

/**
 * Lower-cases `text` and strips diacritics (`José` → `jose`) without changing its length: a code
 * unit whose folded form would not be a single code unit is only lower-cased, or kept as it is.
 */
export function foldText(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase();
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    parts.push(ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : foldChar(ch));
  }
  return parts.join('');
}

/** Escapes `value` for use as a literal inside a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Calls `onMatch` for every match of the global regular expression `re` in `text`. Resets
 * `lastIndex` first, so a shared regular expression can be reused (synchronously) across calls.
 */
export function forEachMatch(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  // Without the g (or y) flag, exec never advances: refuse rather than loop forever.
  if (!re.global && !re.sticky)
    throw new TypeError(`forEachMatch needs a global pattern: ${re.source.slice(0, 40)}`);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    onMatch(m);
  }
  re.lastIndex = 0;
}

/** Start and end offsets of capture group `group` of a match made with the `d` flag. */
export function groupRange(m: RegExpExecArray, group: number): [number, number] | undefined {
  return m.indices?.[group];
}
