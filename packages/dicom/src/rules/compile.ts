/**
 * Validation and compilation of user rules: every problem found (unknown keyword, bad tag, bad regular
 * expression, a value not valid for the VR, a protected attribute...) is reported with the rule's
 * position, and nothing half-valid is ever used.
 */
import { ErrorCodes, PolicyError } from '@medimagecleaner/core';
import { formatTag, isPrivateTag } from '../tags.js';
import { attributeOfKeyword, attributeOfTag, suggestKeywords } from './dictionary.js';
import { applyUserRules } from './apply.js';
import { CompiledDicomRules } from './match.js';
import { SUBJECT_PSEUDONYM_TAGS, formatPattern, parseTagText, protectedReason } from './tag-pattern.js';
import {
  DICOM_RULE_ACTIONS,
  RULE_RANKS,
  type CompiledDicomRule,
  type CompiledSelector,
  type DicomRule,
  type DicomRuleAction,
  type RuleRank,
} from './types.js';
import { actionVrProblem, valueProblem } from './vr-values.js';

/** The VRs of PS3.5 Table 6.2-1. */
export const DICOM_VRS: readonly string[] = [
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV',
  'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]; // prettier-ignore

/** The keys a rule may have. */
export const RULE_KEYS = [
  'keyword',
  'tag',
  'privateCreator',
  'element',
  'group',
  'vr',
  'inSequence',
  'action',
  'value',
  'days',
  'pattern',
  'flags',
  'replacement',
] as const;

const SELECTOR_KEYS = ['keyword', 'tag', 'privateCreator', 'vr'] as const;

/** Parameters and the actions that take them. */
const PARAMETER_ACTIONS: Readonly<Record<string, readonly DicomRuleAction[]>> = {
  value: ['replace'],
  days: ['jitter'],
  pattern: ['regex-replace'],
  flags: ['regex-replace'],
  replacement: ['regex-replace'],
};

/** The outcome of checking one rule: the compiled rule, or its problems. */
type Checked = { rule: CompiledDicomRule; problems?: undefined } | { rule?: undefined; problems: string[] };

/** Short text naming a rule in messages: its selector and action. */
export function describeRule(rule: unknown): string {
  if (!isObject(rule)) return 'not an object';
  const parts: string[] = [];
  for (const key of SELECTOR_KEYS) {
    if (typeof rule[key] === 'string') parts.push(`${key} '${String(rule[key])}'`);
  }
  if (typeof rule['action'] === 'string') parts.push(`action ${String(rule['action'])}`);
  return parts.join(', ') || 'no selector';
}

/**
 * Checks one rule (a JSON value) and compiles it. `index` is its position in the merged rule list.
 * Problems are plain sentences without the rule's position (the caller adds it).
 */
export function checkRule(input: unknown, index: number): Checked {
  const problems: string[] = [];
  if (!isObject(input)) return { problems: ['a rule must be an object'] };
  for (const key of Object.keys(input)) {
    if (!(RULE_KEYS as readonly string[]).includes(key)) problems.push(`unknown key '${key}'`);
  }
  const rule = input as DicomRule & Record<string, unknown>;

  // Action and its parameters.
  const action = rule.action;
  if (action === undefined) problems.push(`'action' is required (one of ${DICOM_RULE_ACTIONS.join(', ')})`);
  else if (!DICOM_RULE_ACTIONS.includes(action)) {
    problems.push(`unknown action '${String(action)}' (one of ${DICOM_RULE_ACTIONS.join(', ')})`);
  }
  for (const [key, actions] of Object.entries(PARAMETER_ACTIONS)) {
    if (rule[key] !== undefined && action !== undefined && !actions.includes(action)) {
      problems.push(`'${key}' is only used with action ${actions.join(' or ')}`);
    }
  }
  let days: number | undefined;
  let regex: RegExp | undefined;
  let values: string | undefined;
  if (action === 'replace') {
    if (typeof rule.value === 'number' && Number.isFinite(rule.value)) values = String(rule.value);
    else if (typeof rule.value === 'string') values = rule.value;
    else problems.push(`action replace needs 'value' (a string, or a number)`);
  }
  if (action === 'jitter') {
    if (
      typeof rule.days === 'number' &&
      Number.isInteger(rule.days) &&
      rule.days >= 1 &&
      rule.days <= 36500
    ) {
      days = rule.days;
    } else problems.push(`action jitter needs 'days', a whole number of days from 1 to 36500`);
  }
  if (action === 'regex-replace') {
    const flags = rule.flags ?? '';
    if (typeof rule.replacement !== 'string')
      problems.push(`action regex-replace needs 'replacement' (a string)`);
    if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
      problems.push(`'flags' may hold i, m, s and u, each once (every match is replaced: g is implied)`);
    } else if (typeof rule.pattern !== 'string' || rule.pattern === '') {
      problems.push(`action regex-replace needs 'pattern' (a regular expression)`);
    } else {
      try {
        regex = new RegExp(rule.pattern, `g${flags}`);
      } catch (error) {
        problems.push(`'pattern' is not a valid regular expression: ${(error as Error).message}`);
      }
    }
  }

  // Selector: exactly one kind.
  const kinds = SELECTOR_KEYS.filter((k) => rule[k] !== undefined);
  if (kinds.length === 0) {
    problems.push('a rule needs one selector: keyword, tag, privateCreator (with element) or vr');
  } else if (kinds.length > 1) {
    problems.push(`a rule has one selector, not ${kinds.join(' and ')}`);
  }
  if (rule.privateCreator === undefined) {
    if (rule.element !== undefined) problems.push(`'element' is only used with 'privateCreator'`);
    if (rule.group !== undefined) problems.push(`'group' is only used with 'privateCreator'`);
  }
  let selector: CompiledSelector | undefined;
  let rank: RuleRank | undefined;
  let label = '';
  let knownVr: string | undefined;
  if (kinds.length === 1) {
    const found = selectorOf(rule, problems);
    if (found) ({ selector, rank, label, knownVr } = found);
  }

  // inSequence.
  let inSequence: number | undefined;
  if (rule.inSequence !== undefined) {
    const seq = sequenceOf(rule.inSequence, problems);
    if (seq) {
      inSequence = seq.tag;
      label += ` in ${seq.label}`;
    }
  } else if (selector?.kind === 'exact' && SUBJECT_PSEUDONYM_TAGS.has(selector.tag)) {
    problems.push(
      `${formatTag(selector.tag)} at the top level always holds the subject's keyed pseudonym; add 'inSequence' to act on nested copies`,
    );
  }

  // The action against the VR, when the selector names it.
  if (knownVr !== undefined && action !== undefined && DICOM_RULE_ACTIONS.includes(action)) {
    const vrProblem = actionVrProblem(action, knownVr);
    if (vrProblem) problems.push(vrProblem);
    else if (action === 'replace' && values !== undefined) {
      const bad = valueProblem(knownVr, values);
      if (bad) problems.push(`'value' is ${bad}`);
    }
  }
  if (problems.length > 0 || !selector || !rank || action === undefined) return { problems };
  return {
    rule: {
      index,
      rank,
      selector,
      label,
      knownVr,
      inSequence,
      action,
      value: values,
      days,
      regex,
      replacement: typeof rule.replacement === 'string' ? rule.replacement : undefined,
    },
  };
}

function selectorOf(
  rule: DicomRule,
  problems: string[],
): { selector: CompiledSelector; rank: RuleRank; label: string; knownVr: string | undefined } | undefined {
  if (rule.keyword !== undefined) {
    if (typeof rule.keyword !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(rule.keyword)) {
      problems.push(`'keyword' must be a DICOM keyword such as StudyDescription`);
      return undefined;
    }
    const attribute = attributeOfKeyword(rule.keyword);
    if (!attribute) {
      const hints = suggestKeywords(rule.keyword);
      problems.push(
        `unknown keyword '${rule.keyword}'${hints.length ? ` (did you mean ${hints.join(', ')}?)` : ''}`,
      );
      return undefined;
    }
    const reason = protectedReason(attribute.tag);
    if (reason) {
      problems.push(`${attribute.keyword} cannot be targeted: ${reason}`);
      return undefined;
    }
    if (attribute.repeating) {
      const base = (attribute.tag >>> 16) & 0xffff;
      const element = attribute.tag & 0xffff;
      return {
        selector: { kind: 'repeating', base, element },
        rank: RULE_RANKS.exact,
        label: `${formatPattern(((base << 16) | element) >>> 0, 0xff00ffff)} ${attribute.keyword}`,
        knownVr: attribute.vr,
      };
    }
    return {
      selector: { kind: 'exact', tag: attribute.tag },
      rank: RULE_RANKS.exact,
      label: `${formatTag(attribute.tag)} ${attribute.keyword}`,
      knownVr: attribute.vr,
    };
  }
  if (rule.tag !== undefined) {
    const parsed = typeof rule.tag === 'string' ? parseTagText(rule.tag) : undefined;
    if (!parsed) {
      problems.push(
        `'tag' must be (GGGG,EEEE) or GGGGEEEE in hex, with x for any digit in a pattern, e.g. (0010,0010) or (0009,xx10)`,
      );
      return undefined;
    }
    if (parsed.exact) {
      const reason = protectedReason(parsed.value);
      if (reason) {
        problems.push(`${formatTag(parsed.value)} cannot be targeted: ${reason}`);
        return undefined;
      }
      const attribute = isPrivateTag(parsed.value) ? undefined : attributeOfTag(parsed.value);
      return {
        selector: { kind: 'exact', tag: parsed.value },
        rank: RULE_RANKS.exact,
        label: attribute ? `${formatTag(parsed.value)} ${attribute.keyword}` : formatTag(parsed.value),
        knownVr: attribute?.vr,
      };
    }
    const groupMask = parsed.mask >>> 16;
    const group = parsed.value >>> 16;
    if (groupMask === 0xffff && (group === 0x0002 || group === 0x0000 || group === 0xfffe)) {
      problems.push(
        `${formatPattern(parsed.value, parsed.mask)} cannot be targeted: ${protectedReason(((group << 16) | 1) >>> 0)}`,
      );
      return undefined;
    }
    return {
      selector: { kind: 'pattern', value: parsed.value, mask: parsed.mask },
      rank: RULE_RANKS.pattern,
      label: formatPattern(parsed.value, parsed.mask),
      knownVr: undefined,
    };
  }
  if (rule.privateCreator !== undefined) {
    let ok = true;
    const creator = typeof rule.privateCreator === 'string' ? rule.privateCreator.trim() : '';
    if (!creator || creator.length > 64 || creator.includes('\\')) {
      problems.push(`'privateCreator' must be a private creator string (1-64 characters, no backslash)`);
      ok = false;
    }
    const element =
      typeof rule.element === 'string' ? /^(?:0[xX])?([0-9A-Fa-f]{1,2})$/.exec(rule.element) : null;
    if (!element) {
      problems.push(`'element' must be the offset in the private block, hex 00-FF such as "0x10" or "10"`);
      ok = false;
    }
    let group: number | undefined;
    if (rule.group !== undefined) {
      const g = typeof rule.group === 'string' ? /^(?:0[xX])?([0-9A-Fa-f]{4})$/.exec(rule.group) : null;
      group = g ? Number.parseInt(g[1]!, 16) : undefined;
      if (group === undefined || group % 2 === 0 || group <= 0x0008 || group === 0xffff) {
        problems.push(`'group' must be an odd private group in hex (0009-FFFD), e.g. "0029"`);
        ok = false;
      }
    }
    if (!ok) return undefined;
    const offset = Number.parseInt(element![1]!, 16);
    const groupText = group === undefined ? 'xxxx' : group.toString(16).toUpperCase().padStart(4, '0');
    return {
      selector: { kind: 'privateCreator', creator, offset, group },
      rank: RULE_RANKS.privateCreator,
      label: `(${groupText},"${creator}",${offset.toString(16).toUpperCase().padStart(2, '0')})`,
      knownVr: undefined,
    };
  }
  if (rule.vr !== undefined) {
    if (typeof rule.vr !== 'string' || !DICOM_VRS.includes(rule.vr)) {
      problems.push(`'vr' must be a VR of PS3.5 (${DICOM_VRS.join(', ')})`);
      return undefined;
    }
    return {
      selector: { kind: 'vr', vr: rule.vr },
      rank: RULE_RANKS.vr,
      label: `VR ${rule.vr}`,
      knownVr: rule.vr,
    };
  }
  return undefined;
}

function sequenceOf(value: unknown, problems: string[]): { tag: number; label: string } | undefined {
  if (typeof value !== 'string') {
    problems.push(`'inSequence' must be a sequence keyword or tag`);
    return undefined;
  }
  const parsed = parseTagText(value);
  if (parsed) {
    if (!parsed.exact) {
      problems.push(`'inSequence' names one sequence: a keyword or a tag without x`);
      return undefined;
    }
    const attribute = isPrivateTag(parsed.value) ? undefined : attributeOfTag(parsed.value);
    if (attribute && attribute.vr !== 'SQ') {
      problems.push(
        `'inSequence' ${formatTag(parsed.value)} ${attribute.keyword} is not a sequence (VR ${attribute.vr})`,
      );
      return undefined;
    }
    return {
      tag: parsed.value,
      label: attribute ? `${formatTag(parsed.value)} ${attribute.keyword}` : formatTag(parsed.value),
    };
  }
  const attribute = /^[A-Za-z][A-Za-z0-9_]*$/.test(value) ? attributeOfKeyword(value) : undefined;
  if (!attribute) {
    const hints = /^[A-Za-z]/.test(value) ? suggestKeywords(value) : [];
    problems.push(
      `'inSequence': unknown keyword '${value}'${hints.length ? ` (did you mean ${hints.join(', ')}?)` : ''}`,
    );
    return undefined;
  }
  if (attribute.vr !== 'SQ') {
    problems.push(`'inSequence' ${attribute.keyword} is not a sequence (VR ${attribute.vr})`);
    return undefined;
  }
  return { tag: attribute.tag, label: `${formatTag(attribute.tag)} ${attribute.keyword}` };
}

/** One problem of a rule list: the rule's position and what is wrong. */
export interface DicomRuleProblem {
  /** Position in the rule list. */
  readonly index: number;
  /** Plain sentence, e.g. `unknown keyword 'PatientSexx' (did you mean PatientSex?)`. */
  readonly message: string;
}

/** Checks a rule list (e.g. `formats.dicom.rules`) and returns every problem, or none. */
export function checkDicomRules(rules: unknown): DicomRuleProblem[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) return [{ index: -1, message: `'rules' must be a list` }];
  const problems: DicomRuleProblem[] = [];
  rules.forEach((rule, index) => {
    const checked = checkRule(rule, index);
    for (const message of checked.problems ?? []) problems.push({ index, message });
  });
  return problems;
}

/**
 * Validates and compiles a rule list. Throws {@link PolicyError} (`E_POLICY_INVALID`) listing every
 * problem as `rules[<index>] (<selector, action>): <problem>`.
 */
export function compileDicomRules(rules: unknown, source = 'formats.dicom.rules'): CompiledDicomRules {
  if (rules === undefined) return new CompiledDicomRules([], applyUserRules);
  if (!Array.isArray(rules)) {
    throw new PolicyError(ErrorCodes.POLICY_INVALID, `formats.dicom.rules must be a list`, { file: source });
  }
  const compiled: CompiledDicomRule[] = [];
  const messages: string[] = [];
  rules.forEach((rule, index) => {
    const checked = checkRule(rule, index);
    if (checked.rule) compiled.push(checked.rule);
    else for (const m of checked.problems) messages.push(`rules[${index}] (${describeRule(rule)}): ${m}`);
  });
  if (messages.length > 0) {
    throw new PolicyError(ErrorCodes.POLICY_INVALID, `formats.dicom: ${messages.join('; ')}`, {
      file: source,
    });
  }
  return new CompiledDicomRules(compiled, applyUserRules);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
