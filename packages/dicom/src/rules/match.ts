/**
 * Which user rules select an element, best first: by rank (exact tag, private creator element, tag
 * pattern, VR), then the later rule of a rank (a child policy's rules come after its base's).
 * No dictionary here: selectors were resolved to tag numbers when the rules were compiled.
 */
import { isRepeatingGroup } from '../profile.js';
import type { CreatorLookup } from '../private-tags.js';
import { elementOf, groupOf, isPrivateCreatorTag, isPrivateTag } from '../tags.js';
import type { EngineEnv, RuleSite } from '../engine-env.js';
import { matchesPattern, protectedReason } from './tag-pattern.js';
import type { CompiledDicomRule } from './types.js';
import { actionVrProblem, valueProblem } from './vr-values.js';

/** Applies the best rule for an element (see `apply.ts`); injected so this module needs neither the engine nor dcmjs. */
export type RuleApplier = (rules: CompiledDicomRules, site: RuleSite, env: EngineEnv) => boolean;

/**
 * Rules compiled from `formats.dicom.rules`, indexed for matching (made by `compileDicomRules`). Matching
 * needs neither dcmjs nor the engine, so a verifier can ask which rule selects an element.
 */
export class CompiledDicomRules {
  /** The rules, in policy order. */
  readonly rules: readonly CompiledDicomRule[];
  private readonly exact = new Map<number, CompiledDicomRule[]>();
  private readonly others: CompiledDicomRule[] = [];

  constructor(
    rules: readonly CompiledDicomRule[],
    private readonly applier?: RuleApplier,
  ) {
    this.rules = rules;
    for (const rule of rules) {
      if (rule.selector.kind === 'exact') {
        const list = this.exact.get(rule.selector.tag) ?? [];
        list.push(rule);
        this.exact.set(rule.selector.tag, list);
      } else this.others.push(rule);
    }
  }

  /**
   * Applies the best rule for the element at `site` (the engine's hook). Returns false when no rule
   * selects it (or none fits its VR): the profile decides.
   */
  apply(site: RuleSite, env: EngineEnv): boolean {
    return this.rules.length > 0 && this.applier !== undefined && this.applier(this, site, env);
  }

  /** How many rules there are. */
  get size(): number {
    return this.rules.length;
  }

  /**
   * The rules that select the element `tag` (of VR `vr`, inside the sequences `sequences`, outermost
   * first), best first. Attributes no rule may act on (file meta, pixel data, the method attributes...)
   * are never selected by patterns or VRs.
   */
  candidates(
    tag: number,
    vr: string | undefined,
    sequences: readonly number[],
    creatorOf: CreatorLookup,
  ): CompiledDicomRule[] {
    const out: CompiledDicomRule[] = [];
    const inScope = (rule: CompiledDicomRule): boolean =>
      rule.inSequence === undefined || sequences.includes(rule.inSequence);
    for (const rule of this.exact.get(tag >>> 0) ?? []) if (inScope(rule)) out.push(rule);
    if (this.others.length > 0 && protectedReason(tag) === undefined) {
      for (const rule of this.others) {
        if (inScope(rule) && selects(rule, tag, vr, creatorOf)) out.push(rule);
      }
    }
    return out.sort((a, b) => a.rank - b.rank || b.index - a.index);
  }

  /**
   * The rule that decides for the element: the best candidate whose action fits the element's VR
   * (`replace` values checked against it). `skipped` hears about the candidates passed over. A verifier
   * can use it to know that a value is in the output by the policy's explicit choice.
   */
  decidingRule(
    tag: number,
    vr: string,
    sequences: readonly number[],
    creatorOf: CreatorLookup,
    skipped?: (rule: CompiledDicomRule, problem: string) => void,
  ): CompiledDicomRule | undefined {
    for (const rule of this.candidates(tag, vr, sequences, creatorOf)) {
      const problem =
        actionVrProblem(rule.action, vr) ??
        (rule.action === 'replace' && rule.value !== undefined ? valueProblem(vr, rule.value) : undefined);
      if (!problem) return rule;
      skipped?.(rule, problem);
    }
    return undefined;
  }

  /**
   * The private tags of one dataset level a rule may leave in the output (any action but `remove`),
   * with the creators of their blocks: what the handler must hand to the engine instead of cutting.
   */
  privateTagsToRead(
    tags: readonly number[],
    creatorOf: CreatorLookup,
    sequences: readonly number[] = [],
  ): Set<number> {
    const out = new Set<number>();
    if (this.rules.every((r) => r.action === 'remove')) return out;
    for (const tag of tags) {
      if (!isPrivateTag(tag)) continue;
      const best = this.candidates(tag, undefined, sequences, creatorOf)[0];
      if (!best || best.action === 'remove') continue;
      out.add(tag >>> 0);
      if (!isPrivateCreatorTag(tag)) out.add(creatorTagOf(tag));
    }
    return out;
  }
}

/** The private creator element that reserves the block of `tag`. */
export function creatorTagOf(tag: number): number {
  return ((groupOf(tag) << 16) | ((elementOf(tag) >> 8) & 0xff)) >>> 0;
}

function selects(
  rule: CompiledDicomRule,
  tag: number,
  vr: string | undefined,
  creatorOf: CreatorLookup,
): boolean {
  const s = rule.selector;
  switch (s.kind) {
    case 'exact':
      return s.tag === tag >>> 0;
    case 'pattern':
      return matchesPattern(tag, s.value, s.mask);
    case 'repeating':
      return elementOf(tag) === s.element && isRepeatingGroup(groupOf(tag), s.base);
    case 'privateCreator': {
      if (!isPrivateTag(tag) || elementOf(tag) < 0x1000) return false;
      if ((elementOf(tag) & 0xff) !== s.offset) return false;
      if (s.group !== undefined && groupOf(tag) !== s.group) return false;
      const creator = creatorOf(groupOf(tag), (elementOf(tag) >> 8) & 0xff);
      return creator !== undefined && creator.replace(/[\0 ]+$/, '').trim() === s.creator;
    }
    case 'vr':
      return !isPrivateTag(tag) && vr === s.vr;
  }
}
