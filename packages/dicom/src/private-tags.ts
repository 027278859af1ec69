/**
 * Private attributes: which may be kept under the Retain Safe Private Option. Every other private
 * attribute (odd group, private creator, private sequence of any length) is removed.
 */
import { SAFE_PRIVATE_ATTRIBUTES } from './generated/safe-private.js';
import { elementOf, groupOf, isPrivateTag } from './tags.js';

const SAFE = new Set(SAFE_PRIVATE_ATTRIBUTES.map((e) => safeKey(e.creator, e.group, e.elementOffset)));

function safeKey(creator: string, group: number, offset: number): string {
  return `${creator}\u0000${group}\u0000${offset}`;
}

/** Looks up the private creator string reserved for `block` (0x10-0xFF) of `group`. */
export type CreatorLookup = (group: number, block: number) => string | undefined;

/**
 * True when the private attribute `tag` is on the safe list for its creator. Private creator elements
 * are decided by {@link retainedPrivateTags} (kept only when one of their elements is kept).
 */
export function isSafePrivateElement(tag: number, creatorOf: CreatorLookup): boolean {
  if (!isPrivateTag(tag)) return false;
  const element = elementOf(tag);
  if (element < 0x1000) return false;
  const creator = creatorOf(groupOf(tag), (element >> 8) & 0xff);
  if (creator === undefined) return false;
  return SAFE.has(safeKey(creator.trim(), groupOf(tag), element & 0xff));
}

/**
 * The private tags of one dataset level to keep under the Retain Safe Private Option: safe elements
 * and the creators of their blocks.
 */
export function retainedPrivateTags(tags: readonly number[], creatorOf: CreatorLookup): Set<number> {
  const kept = new Set<number>();
  for (const tag of tags) {
    if (isSafePrivateElement(tag, creatorOf)) {
      kept.add(tag);
      const block = (elementOf(tag) >> 8) & 0xff;
      kept.add(((groupOf(tag) << 16) | block) >>> 0);
    }
  }
  return kept;
}
