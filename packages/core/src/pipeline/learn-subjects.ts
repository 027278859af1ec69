/**
 * The batch's learning pass: before items are processed, every item whose handler can learn
 * (`FormatHandler.learn`, the plain-text notes today) is read once and tells its subject and the words
 * its text teaches; each of those items then gets the words of all items of its subject. Runs on the
 * main thread and only when a handler can learn, so batches of other formats pay nothing.
 */
import type { DeidContext, FormatHandler, LearnedWord, PhiType } from '../types.js';
import { chooseHandler } from './choose-handler.js';
import { createFileInputItem } from './input-item.js';
import { readHead } from './read-head.js';

/** An item of the batch: its opaque id and where it is. */
export interface LearningItem {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  /** Its format when discovery already sniffed it (then its first bytes are not read again). */
  readonly format?: string;
}

/** How many items are read at once. */
const LEARN_CONCURRENCY = 8;

/**
 * The learned words of every item that has some, by item id (`context` is called once, and only when
 * an item is claimed by a handler that can learn): the union (sorted by word) of the words
 * of all items of the same subject. Deterministic: it does not depend on the order items are read in.
 */
export async function learnAcrossItems(
  items: readonly LearningItem[],
  handlers: readonly FormatHandler[],
  context: () => DeidContext,
): Promise<Map<string, readonly LearnedWord[]>> {
  const byItem = new Map<string, readonly LearnedWord[]>();
  if (!handlers.some((h) => typeof h.learn === 'function')) return byItem;
  let made: DeidContext | undefined;
  const ctx = (): DeidContext => (made ??= context());
  const subjectOf = new Map<string, string>();
  const wordsOf = new Map<string, Map<string, PhiType>>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      const learned = await learnOne(item, handlers, ctx);
      if (!learned) continue;
      // An item that teaches nothing itself still gets what the other items of its subject teach.
      subjectOf.set(item.id, learned.subject);
      let words = wordsOf.get(learned.subject);
      if (!words) wordsOf.set(learned.subject, (words = new Map()));
      // A word taught as a name anywhere stays a name (the stricter placeholder).
      for (const { word, type } of learned.words) if (words.get(word) !== 'name') words.set(word, type);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LEARN_CONCURRENCY, items.length) }, lane));
  const sorted = new Map<string, readonly LearnedWord[]>();
  for (const [subject, words] of wordsOf) {
    sorted.set(
      subject,
      [...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([word, type]) => ({ word, type })),
    );
  }
  for (const [id, subject] of subjectOf) {
    const words = sorted.get(subject);
    if (words) byItem.set(id, words);
  }
  return byItem;
}

/** What one item teaches, or `undefined` (no learning handler claims it, or it cannot be read). */
async function learnOne(
  item: LearningItem,
  handlers: readonly FormatHandler[],
  ctx: () => DeidContext,
): Promise<{ subject: string; words: readonly LearnedWord[] } | undefined> {
  // The handler that will process the item: the first that recognises it (as processItem chooses).
  let handler: FormatHandler | undefined;
  if (item.format !== undefined) {
    handler = handlers.find((h) => h.format === item.format);
  } else {
    const head = await readHead(item.path);
    if (!head) return undefined;
    handler = chooseHandler(handlers, head, item.path);
  }
  if (!handler?.learn) return undefined;
  try {
    return await handler.learn(createFileInputItem(item.id, item.path, item.size), ctx());
  } catch {
    return undefined; // the item is processed (and, if it is bad, quarantined with a typed error) later
  }
}
