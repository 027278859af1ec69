/**
 * Counts what the engine did, by selector and kind, without values.
 */
import type { ActionKind, ActionRecord } from '@medimagecleaner/core';
import { keywordOf } from './dcmjs-io.js';
import { formatTag, tagKey } from './tags.js';

/** Accumulates {@link ActionRecord}s: one record per selector and kind, with a count. */
export class ActionRecorder {
  private readonly counts = new Map<string, { selector: string; action: ActionKind; count: number }>();

  /** Counts `count` actions of `kind` on `selector`. */
  add(selector: string, action: ActionKind, count = 1): void {
    const id = `${selector}\u0000${action}`;
    const entry = this.counts.get(id);
    if (entry) entry.count += count;
    else this.counts.set(id, { selector, action, count });
  }

  /** Counts an action on an attribute, named `(GGGG,EEEE) Keyword`. */
  addTag(tag: number, action: ActionKind, count = 1): void {
    this.add(tagSelector(tag), action, count);
  }

  /** The records, sorted by selector then kind. */
  toRecords(): ActionRecord[] {
    return [...this.counts.values()]
      .sort((a, b) =>
        a.selector === b.selector ? a.action.localeCompare(b.action) : a.selector < b.selector ? -1 : 1,
      )
      .map((e) => ({ selector: e.selector, action: e.action, count: e.count }));
  }
}

/** `(GGGG,EEEE) Keyword` (the keyword when the dictionary knows the tag). */
export function tagSelector(tag: number): string {
  const keyword = keywordOf(tagKey(tag));
  return keyword ? `${formatTag(tag)} ${keyword}` : formatTag(tag);
}
