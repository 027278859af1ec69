/**
 * Keyword and VR look-ups in the dcmjs dictionary for rule validation. Only dictionary data is read:
 * no dataset ever reaches dcmjs from here.
 */
import dcmjs from 'dcmjs';

/** A dictionary attribute: its tag (or repeating-group base), VR and keyword. */
export interface DictionaryAttribute {
  /** The tag; for a repeating group (50xx, 60xx) the tag in the base group (5000, 6000). */
  readonly tag: number;
  /** True for curve (50xx) and overlay (60xx) attributes, which exist in every even group base..base+1E. */
  readonly repeating: boolean;
  /** The VR, with dcmjs's choices settled the way the engine reads them (`ox` -> OW, `xs` -> US). */
  readonly vr: string;
  /** The keyword (without dcmjs's `RETIRED_` prefix). */
  readonly keyword: string;
}

/** dcmjs's VR codes for choices, as the engine reads them. */
function settledVr(vr: string): string {
  switch (vr) {
    case 'ox':
    case 'lt':
      return 'OW';
    case 'xs':
      return 'US';
    case 'up':
      return 'UL';
    default:
      return vr;
  }
}

function fromEntry(entry: { tag: string; vr: string; name: string }): DictionaryAttribute | undefined {
  const m = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(entry.tag);
  if (!m) return undefined;
  const group = Number.parseInt(m[1]!, 16);
  const tag = ((group << 16) | Number.parseInt(m[2]!, 16)) >>> 0;
  return {
    tag,
    repeating: group === 0x5000 || group === 0x6000,
    vr: settledVr(entry.vr),
    keyword: entry.name.replace(/^RETIRED_/, ''),
  };
}

/** The attribute of a keyword (`PatientSex`; retired keywords with or without `RETIRED_`), if the dictionary has it. */
export function attributeOfKeyword(keyword: string): DictionaryAttribute | undefined {
  const map = dcmjs.data.DicomMetaDictionary.nameMap;
  if (!Object.hasOwn(map, keyword) && !Object.hasOwn(map, `RETIRED_${keyword}`)) return undefined;
  const entry = map[keyword] ?? map[`RETIRED_${keyword}`];
  return entry ? fromEntry(entry) : undefined;
}

/** The dictionary attribute of a public tag (repeating groups found through their base group). */
export function attributeOfTag(tag: number): DictionaryAttribute | undefined {
  const group = (tag >>> 16) & 0xffff;
  const element = tag & 0xffff;
  const low = group & 0xff;
  const base =
    (group & 0xff00) === 0x5000 || (group & 0xff00) === 0x6000
      ? low <= 0x1e && low % 2 === 0
        ? group & 0xff00
        : group
      : group;
  const key = `(${hex4(base)},${hex4(element)})`;
  const entry = dcmjs.data.DicomMetaDictionary.dictionary[key];
  return entry ? fromEntry(entry) : undefined;
}

/** Keywords close to `keyword` (same letters ignoring case, or one edit away), for "did you mean". */
export function suggestKeywords(keyword: string, limit = 3): string[] {
  const lower = keyword.toLowerCase();
  const out: string[] = [];
  for (const name of Object.keys(dcmjs.data.DicomMetaDictionary.nameMap)) {
    const candidate = name.replace(/^RETIRED_/, '');
    const c = candidate.toLowerCase();
    if (c === lower || (Math.abs(c.length - lower.length) <= 2 && editDistance(c, lower, 2) <= 2)) {
      if (!out.includes(candidate)) out.push(candidate);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** Levenshtein distance, giving up (returning `max + 1`) once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
