/**
 * Tag texts of user rules: `(0010,0010)`, `00100010`, and patterns where `x` stands for any hex digit
 * (`(0009,xx10)`, `(50xx,xxxx)`, `(0019,10xx)`). Pure functions, no dictionary.
 */
import { ALWAYS_REMOVED_TAGS } from '../tags.js';

/** A parsed tag text: the tag's bits where `mask` has 1s (a tag without `x` has a full mask). */
export interface TagPattern {
  readonly value: number;
  readonly mask: number;
  /** True when the text has no `x`. */
  readonly exact: boolean;
}

/** The syntax of a tag text. */
export const TAG_TEXT_RE =
  /^(?:\(([0-9A-Fa-fxX]{4}),([0-9A-Fa-fxX]{4})\)|([0-9A-Fa-fxX]{4})([0-9A-Fa-fxX]{4}))$/;

/** Parses a tag text, or returns undefined when it is not one. */
export function parseTagText(text: string): TagPattern | undefined {
  const m = TAG_TEXT_RE.exec(text.trim());
  if (!m) return undefined;
  const digits = (m[1] ?? m[3]!) + (m[2] ?? m[4]!);
  let value = 0;
  let mask = 0;
  for (const ch of digits) {
    const wild = ch === 'x' || ch === 'X';
    value = value * 16 + (wild ? 0 : Number.parseInt(ch, 16));
    mask = mask * 16 + (wild ? 0 : 0xf);
  }
  return { value: value >>> 0, mask: mask >>> 0, exact: mask >>> 0 === 0xffffffff };
}

/** True when `tag` matches `pattern`. */
export function matchesPattern(tag: number, value: number, mask: number): boolean {
  return (tag & mask) >>> 0 === value;
}

/** `(GGGG,EEEE)` with `x` for the wildcard digits. */
export function formatPattern(value: number, mask: number): string {
  let out = '';
  for (let shift = 28; shift >= 0; shift -= 4) {
    const digitMask = (mask >>> shift) & 0xf;
    out += digitMask === 0 ? 'x' : ((value >>> shift) & 0xf).toString(16).toUpperCase();
  }
  return `(${out.slice(0, 4)},${out.slice(4)})`;
}

/** Attributes the de-identification itself writes or keeps byte for byte: no user rule may act on them. */
const PROTECTED: ReadonlyMap<number, string> = new Map([
  [0x00080005, 'Specific Character Set is set by the writer (outputs are UTF-8)'],
  [0x00120062, 'Patient Identity Removed is set by the de-identification'],
  [0x00120063, 'De-identification Method is set by the de-identification'],
  [0x00120064, 'De-identification Method Code Sequence is set by the de-identification'],
  [0x00280303, 'Longitudinal Temporal Information Modified is set by the de-identification'],
  [0x7fe00008, 'pixel data is copied byte for byte'],
  [0x7fe00009, 'pixel data is copied byte for byte'],
  [0x7fe00010, 'pixel data is copied byte for byte'],
]);

/** Why no user rule may act on `tag` (at any depth), or undefined when rules may. */
export function protectedReason(tag: number): string | undefined {
  const group = (tag >>> 16) & 0xffff;
  if (group === 0x0002) return 'file meta information (group 0002) is written by the de-identification';
  if (group === 0x0000) return 'command elements (group 0000) are not part of a stored object';
  if (group === 0xfffe) return 'item and delimitation tags are structure, not attributes';
  if ((tag & 0xffff) === 0) return 'group lengths are recomputed by the writer';
  if (ALWAYS_REMOVED_TAGS.has(tag >>> 0)) {
    return 'signatures, MACs, encrypted and original attribute copies and trailing padding are always removed';
  }
  return PROTECTED.get(tag >>> 0);
}

/** Top-level attributes that always hold the subject's keyed pseudonyms. */
export const SUBJECT_PSEUDONYM_TAGS: ReadonlySet<number> = new Set([0x00100010, 0x00100020]);
