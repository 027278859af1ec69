/**
 * Top-level private attributes a user rule may leave in the output: the handler hands them to the
 * engine instead of cutting them with the other private attributes.
 */
import { asciiValue, type Part10File } from '../part10.js';
import { isPrivateCreatorTag } from '../tags.js';
import type { CompiledDicomRules } from './match.js';

/**
 * `kept` (the private tags the handler keeps anyway, e.g. under Retain Safe Private) plus the
 * top-level private tags a rule of `rules` may leave in place, with the creators of their blocks.
 */
export function withRuleKeptPrivate(
  part10: Part10File,
  rules: CompiledDicomRules,
  kept: Set<number>,
): Set<number> {
  if (rules.size === 0) return kept;
  const creators = new Map<number, string>();
  for (const e of part10.dataset) {
    if (isPrivateCreatorTag(e.tag))
      creators.set(e.tag, asciiValue(part10.datasetBytes, e.valueStart, e.valueLength));
  }
  const creatorOf = (group: number, block: number): string | undefined =>
    creators.get(((group << 16) | block) >>> 0);
  const out = new Set(kept);
  for (const tag of rules.privateTagsToRead(
    part10.dataset.map((e) => e.tag),
    creatorOf,
  ))
    out.add(tag);
  return out;
}
