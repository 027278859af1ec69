/** A small engine for rules that are one regular expression plus an optional check. */
import type { PhiSpan, PhiType } from '../types.js';
import { groupRange } from './fold.js';

/** What a rule's check may change about a match. */
export interface RuleOverride {
  type?: PhiType;
  confidence?: number;
  start?: number;
  end?: number;
}

/** One regular-expression rule. */
export interface PatternRule {
  /** Rule id reported in {@link PhiSpan.rule}, e.g. `ssn/pattern`. */
  id: string;
  type: PhiType;
  /** Global regular expression with the `d` (indices) flag. */
  re: RegExp;
  confidence: number;
  /** The capture group that holds the PHI (the label before it stays); 0 or absent: the whole match. */
  group?: number;
  /** Rejects a match (`false`) or adjusts it; `true` or absent keeps it as it is. */
  check?: (m: RegExpExecArray, text: string) => boolean | RuleOverride;
}

/** Builds a global, Unicode, indices-enabled regular expression (`i` added when `ignoreCase`). */
export function rx(source: string, ignoreCase = false): RegExp {
  return new RegExp(source, ignoreCase ? 'giud' : 'gud');
}

/**
 * Runs `rules` over `text` and appends their spans to `out`. A match its check rejects is tried again
 * one character later, so `MRN MRN: 750388` still finds the second label and its value.
 */
export function runPatternRules(rules: readonly PatternRule[], text: string, out: PhiSpan[]): void {
  for (const rule of rules) {
    const re = rule.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const range: [number, number] | undefined = rule.group
        ? groupRange(m, rule.group)
        : [m.index, m.index + m[0].length];
      let verdict: boolean | RuleOverride = true;
      if (range && rule.check) verdict = rule.check(m, text);
      if (!range || verdict === false) {
        re.lastIndex = m.index + 1;
        continue;
      }
      if (m[0].length === 0) re.lastIndex++;
      let [start, end] = range;
      let type = rule.type;
      let confidence = rule.confidence;
      if (verdict !== true) {
        type = verdict.type ?? type;
        confidence = verdict.confidence ?? confidence;
        start = verdict.start ?? start;
        end = verdict.end ?? end;
      }
      if (end > start) out.push({ start, end, type, confidence, rule: rule.id });
    }
    re.lastIndex = 0;
  }
}

/** Counts the decimal digits in `value`. */
export function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
