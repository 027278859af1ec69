/**
 * The free text of a DICOM record, for the text engine's learning pass: a name or a place that
 * context shows in one text value (an SR content item, a comment) is PHI in every other one.
 */
import type { LearnedWord, TextPhiDetector } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import { sequenceItems } from './values.js';

/** Value representations that hold free text a person wrote. */
const FREE_TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'LT', 'ST', 'UT', 'SH', 'UC']);

/** Stop collecting after this many characters (a record with megabytes of text learns from the start). */
const MAX_LEARNING_CHARS = 256 * 1024;

/** Every free-text value of `dataset` at any depth, in dataset order, up to `limit` characters in all. */
export function freeTextValuesOf(dataset: DcmjsDataset, limit = MAX_LEARNING_CHARS): string[] {
  const out: string[] = [];
  let total = 0;
  const walk = (ds: DcmjsDataset, depth: number): void => {
    if (depth > 16) return;
    for (const element of Object.values(ds)) {
      if (total >= limit) return;
      if (element.vr === 'SQ') {
        for (const item of sequenceItems(element)) walk(item, depth + 1);
      } else if (FREE_TEXT_VRS.has(element.vr) && Array.isArray(element.Value)) {
        for (const value of element.Value) {
          if (typeof value !== 'string' || value.trim().length < 3 || total >= limit) continue;
          out.push(value);
          total += value.length;
        }
      }
    }
  };
  walk(dataset, 0);
  return out;
}

/** The words the record's own free text teaches the text engine (see `TextPhiDetector.learn`). */
export function learnedWordsOf(dataset: DcmjsDataset, text: TextPhiDetector): LearnedWord[] {
  return text.learn(freeTextValuesOf(dataset));
}
