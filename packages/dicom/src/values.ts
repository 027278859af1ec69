/**
 * Reading and writing values of dcmjs tag-keyed dictionaries (not naturalized): strings, person names
 * (`{ Alphabetic, Ideographic, Phonetic }`), numbers, binary, sequences.
 */
import type { DcmjsDataset, DcmjsElement } from './dcmjs-io.js';

/** VRs whose values are text (checked for identifiers, cleaned as text). */
export const TEXT_VRS: ReadonlySet<string> = new Set([
  'AE',
  'CS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'UC',
  'UR',
  'UT',
]);
/** VRs whose values are numbers, dates or times written as strings. */
export const NUMERIC_STRING_VRS: ReadonlySet<string> = new Set(['AS', 'DA', 'DS', 'DT', 'IS', 'TM']);
/** Binary VRs. */
export const BINARY_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
/** VRs whose values dcmjs holds as numbers. */
export const NUMBER_VRS: ReadonlySet<string> = new Set([
  'DS',
  'IS',
  'FD',
  'FL',
  'SL',
  'SS',
  'SV',
  'UL',
  'US',
  'UV',
  'AT',
]);

/** Longest value in characters per VR (PS3.5 Table 6.2-1), where there is a limit worth enforcing. */
export const MAX_CHARS: Readonly<Record<string, number>> = {
  AE: 16,
  AS: 4,
  CS: 16,
  DA: 8,
  DS: 16,
  DT: 26,
  IS: 12,
  LO: 64,
  LT: 10240,
  PN: 64,
  SH: 16,
  ST: 1024,
  TM: 14,
  UI: 64,
};

/** A person name value as dcmjs holds it. */
export interface PersonNameValue {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

/** The text of one PN value (its component groups joined with `=`). */
export function personNameText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const pn = value as PersonNameValue;
    const groups = [pn.Alphabetic ?? '', pn.Ideographic ?? '', pn.Phonetic ?? ''];
    while (groups.length > 1 && groups[groups.length - 1] === '') groups.pop();
    return groups.join('=');
  }
  return '';
}

/** The component groups of one PN value (Alphabetic, Ideographic, Phonetic), non-empty ones. */
export function personNameGroups(value: unknown): string[] {
  if (typeof value === 'string') return value.split('=').filter((g) => g.length > 0);
  if (value && typeof value === 'object') {
    const pn = value as PersonNameValue;
    return [pn.Alphabetic, pn.Ideographic, pn.Phonetic].filter(
      (g): g is string => typeof g === 'string' && g.length > 0,
    );
  }
  return [];
}

/** The values of an element as strings (PN values as text, numbers as written, null as empty). */
export function stringValues(element: DcmjsElement | undefined): string[] {
  if (!element || !Array.isArray(element.Value)) return [];
  return element.Value.map((v) => {
    if (v === null || v === undefined) return '';
    if (element.vr === 'PN') return personNameText(v);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    return '';
  });
}

/** Trims spaces and NUL padding (values read from UN keep their padding). */
export function trimValue(value: string): string {
  return value.replace(/^[\s\0]+|[\s\0]+$/g, '');
}

/** The first value, trimmed of spaces and NUL padding, or `''`. */
export function firstString(dataset: DcmjsDataset, key: string): string {
  return trimValue(stringValues(dataset[key])[0] ?? '');
}

/** True when the element has no value, or only empty ones. */
export function isEmptyElement(element: DcmjsElement): boolean {
  const values = element.Value;
  if (!Array.isArray(values) || values.length === 0) return true;
  if (element.vr === 'SQ') return false;
  return values.every((v) => {
    if (v === null || v === undefined || v === '') return true;
    if (v instanceof ArrayBuffer) return v.byteLength === 0;
    if (ArrayBuffer.isView(v)) return v.byteLength === 0;
    if (element.vr === 'PN') return personNameText(v) === '';
    return false;
  });
}

/** Replaces the values of an element (and drops dcmjs's raw copy, so the new values are written). */
export function setValues(element: DcmjsElement, values: unknown[]): void {
  element.Value = values;
  delete element._rawValue;
}

/** Empties an element, keeping it (Z). */
export function setEmpty(element: DcmjsElement): void {
  if (element.vr === 'SQ') setValues(element, []);
  else if (BINARY_VRS.has(element.vr)) setValues(element, [new ArrayBuffer(0)]);
  else setValues(element, []);
}

/** Creates a new element. */
export function makeElement(vr: string, values: unknown[]): DcmjsElement {
  return { vr, Value: values };
}

/** The items of a sequence element. */
export function sequenceItems(element: DcmjsElement): DcmjsDataset[] {
  if (element.vr !== 'SQ' || !Array.isArray(element.Value)) return [];
  return element.Value.filter((v): v is DcmjsDataset => v !== null && typeof v === 'object');
}

/**
 * Calls `visit` for every element of `dataset` and of its sequence items that is not itself a
 * sequence, depth first in dataset order, down to `maxDepth` nested sequences (deeper items are left
 * out). `depth` is 0 at the top level. `visit` returns `false` to end the walk.
 */
export function visitElements(
  dataset: DcmjsDataset,
  visit: (key: string, element: DcmjsElement, depth: number) => boolean | void,
  maxDepth = 16,
): void {
  const walk = (ds: DcmjsDataset, depth: number): boolean => {
    if (depth > maxDepth) return true;
    for (const [key, element] of Object.entries(ds)) {
      if (element.vr === 'SQ') {
        for (const item of sequenceItems(element)) if (!walk(item, depth + 1)) return false;
      } else if (visit(key, element, depth) === false) {
        return false;
      }
    }
    return true;
  };
  walk(dataset, 0);
}
