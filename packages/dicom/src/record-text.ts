/**
 * The free text of a DICOM record, for the text engine's learning pass: a name or a place that
 * context shows in one text value (an SR content item, a comment) is PHI in every other one.
 */
import type { LearnedWord, TextPhiDetector } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import { visitElements } from './values.js';

/** Value representations that hold free text a person wrote. */
const FREE_TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'LT', 'ST', 'UT', 'SH', 'UC']);

/** Stop collecting after this many characters (a record with megabytes of text learns from the start). */
const MAX_LEARNING_CHARS = 256 * 1024;

/** Every free-text value of `dataset` at any depth, in dataset order, up to `limit` characters in all. */
export function freeTextValuesOf(dataset: DcmjsDataset, limit = MAX_LEARNING_CHARS): string[] {
  const out: string[] = [];
  let total = 0;
  visitElements(dataset, (_key, element) => {
    if (!FREE_TEXT_VRS.has(element.vr) || !Array.isArray(element.Value)) return true;
    for (const value of element.Value) {
      if (total >= limit) return false;
      if (typeof value !== 'string' || value.trim().length < 3) continue;
      out.push(value);
      total += value.length;
    }
    return total < limit;
  });
  return out;
}

/** The words the record's own free text teaches the text engine (see `TextPhiDetector.learn`). */
export function learnedWordsOf(dataset: DcmjsDataset, text: TextPhiDetector): LearnedWord[] {
  return text.learn(freeTextValuesOf(dataset));
}
