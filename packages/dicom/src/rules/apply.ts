/**
 * Applies the user rule that selects an element, if any, in place of the profile. Called by the
 * engine for every element it meets (at every depth) before the profile decides; returns false when
 * no rule applies, so the profile decides as usual.
 */
import type { Finding } from '@medimagecleaner/core';
import { shiftDate, shiftDateTime } from '../dates.js';
import type { DcmjsElement } from '../dcmjs-io.js';
import { defaultCode, isCodeAttribute } from '../default-codes.js';
import type { EngineEnv, RuleSite } from '../engine-env.js';
import { decide, findRow, isRepeatingGroup } from '../profile.js';
import { elementOf, formatTag, groupOf, isPrivateCreatorTag, isPrivateTag, parseTagKey } from '../tags.js';
import { cleanText } from '../text-cleaning.js';
import { remapUnregisteredUid } from '../uid-registry.js';
import { personNameText, setEmpty, setValues, stringValues } from '../values.js';
import type { CompiledDicomRules } from './match.js';
import type { CompiledDicomRule } from './types.js';
import { CLEANABLE_VRS, maxLengthOf, toDcmjsValues } from './vr-values.js';

/** Finding rules user rules report. */
export const RULE_FINDINGS = {
  /** A user rule keeps a value the profile in force would not keep as it is (warning). */
  keepsRemoved: 'dicom/user-rule-keeps',
  /** A rule selected an element of a VR its action cannot act on; a lower rule or the profile decided (info). */
  notApplicable: 'dicom/user-rule-not-applicable',
  /** A date a rule was to shift could not be parsed and was emptied (info). */
  unparseableDate: 'dicom/unparseable-date',
} as const;

/** The VR the engine acts on (dcmjs's `ox`/`xs` choices read as OW/US). */
function actingVr(element: DcmjsElement): string {
  if (element.vr === 'ox') return 'OW';
  if (element.vr === 'xs') return 'US';
  return element.vr;
}

/**
 * Applies the best user rule for the element at `site`. Returns true when a rule decided (the profile
 * must then leave the element alone), false when none applies.
 */
export function applyUserRules(rules: CompiledDicomRules, site: RuleSite, env: EngineEnv): boolean {
  const { tag, element } = site;
  const vr = actingVr(element);
  if (isPrivateCreatorTag(tag) && creatorNeeded(rules, site)) {
    env.recorder.add('private-creator (block kept by a user rule)', 'keep');
    return true;
  }
  const rule = rules.decidingRule(tag, vr, site.sequences, site.creatorOf, (r, problem) =>
    note(env, {
      rule: RULE_FINDINGS.notApplicable,
      severity: 'info',
      location: locationOf(site),
      message: `rules[${r.index}] ${r.label}: ${problem}; a lower-ranked rule or the profile decided`,
    }),
  );
  if (!rule) return false;
  if (vr !== element.vr) element.vr = vr;
  if ((rule.action === 'keep' || rule.action === 'regex-replace') && !profileKeeps(site, vr, env)) {
    note(env, {
      rule: RULE_FINDINGS.keepsRemoved,
      severity: 'warning',
      location: locationOf(site),
      message: `rules[${rule.index}] ${rule.label} (${rule.action}) keeps a value the profile in force would not keep as it is: the policy's explicit choice`,
    });
  }
  perform(rule, site, vr, env);
  return true;
}

/** A private creator is kept when an element of its block at the same level is left in place by a rule. */
function creatorNeeded(rules: CompiledDicomRules, site: RuleSite): boolean {
  const group = groupOf(site.tag);
  const block = elementOf(site.tag);
  for (const key of Object.keys(site.dataset)) {
    const tag = parseTagKey(key);
    if (Number.isNaN(tag) || groupOf(tag) !== group || elementOf(tag) >> 8 !== block) continue;
    const other = site.dataset[key]!;
    const rule = rules.decidingRule(tag, actingVr(other), site.sequences, site.creatorOf);
    if (rule && rule.action !== 'remove') return true;
  }
  return false;
}

/** True when the profile in force would leave the value as it is (K). */
function profileKeeps(site: RuleSite, vr: string, env: EngineEnv): boolean {
  const tag = site.tag;
  if (vr === 'UN') return false; // the engine removes what it cannot interpret
  if (isPrivateTag(tag)) return site.keptPrivate.has(tag);
  const group = groupOf(tag);
  if (isRepeatingGroup(group, 0x6000) || isRepeatingGroup(group, 0x5000)) return false;
  const row = findRow(tag);
  if (row) return decide(row, env.options, vr).code === 'K';
  if (site.profileCleansText && CLEANABLE_VRS.has(vr) && !isCodeAttribute(tag)) return false;
  return defaultCode(tag, vr, env.options) === 'K';
}

function perform(rule: CompiledDicomRule, site: RuleSite, vr: string, env: EngineEnv): void {
  const { element } = site;
  const selector = `rules[${rule.index}] ${rule.label}`;
  const rec = env.recorder;
  switch (rule.action) {
    case 'keep':
      if (vr === 'SQ') site.recurse();
      rec.add(selector, 'keep');
      return;
    case 'remove':
      delete site.dataset[site.key];
      rec.add(selector, 'remove');
      return;
    case 'empty':
      setEmpty(element);
      rec.add(selector, 'empty');
      return;
    case 'replace':
      setValues(element, toDcmjsValues(vr, rule.value ?? ''));
      rec.add(selector, 'replace');
      return;
    case 'hash': {
      const length = Math.min(maxLengthOf(vr) ?? 64, 64);
      const hashed = stringValues(element).map((v) => {
        const value = v.replace(/[\0 ]+$/, '').trim();
        if (!value) return '';
        const h = env.pseudonyms.hash('dicom-rule', value, length);
        return vr === 'CS' || vr === 'AE' ? h.toUpperCase() : h;
      });
      setValues(element, vr === 'PN' ? hashed.map((h) => ({ Alphabetic: h })) : hashed);
      rec.add(selector, 'hash');
      return;
    }
    case 'uid': {
      const out = stringValues(element).map((v) => remapUnregisteredUid(v, (uid) => env.pseudonyms.uid(uid)));
      setValues(element, out);
      rec.add(selector, 'uid');
      return;
    }
    case 'shift':
    case 'jitter': {
      const offset =
        rule.action === 'shift'
          ? env.pseudonyms.dateOffsetDays(env.subjectKey)
          : jitterDays(rule.days ?? 1, env);
      const shift = vr === 'DA' ? shiftDate : shiftDateTime;
      const values = stringValues(element);
      const shifted = values.map((v) => (v.trim() ? shift(v, offset) : ''));
      if (shifted.some((v) => v === undefined)) {
        setEmpty(element);
        rec.add(selector, 'empty');
        note(env, {
          rule: RULE_FINDINGS.unparseableDate,
          severity: 'info',
          location: locationOf(site),
          message: 'a date value could not be parsed and was emptied instead of shifted',
          phiType: 'date',
        });
        return;
      }
      setValues(element, shifted);
      rec.add(selector, 'shift');
      return;
    }
    case 'clean': {
      const values = stringValues(element);
      setValues(
        element,
        values.map((v) => cleanText(v, vr, env)),
      );
      rec.add(selector, 'clean');
      return;
    }
    case 'regex-replace': {
      const max = maxLengthOf(vr);
      const out = (element.Value ?? []).map((raw) => {
        const text = vr === 'PN' ? personNameText(raw) : raw === null || raw === undefined ? '' : String(raw);
        let replaced = text.replace(rule.regex!, rule.replacement ?? '');
        if (vr === 'PN') {
          const [alphabetic = '', ideographic, phonetic] = replaced.split('=').map((g) => g.slice(0, 64));
          return {
            Alphabetic: alphabetic,
            ...(ideographic ? { Ideographic: ideographic } : {}),
            ...(phonetic ? { Phonetic: phonetic } : {}),
          };
        }
        if (max !== undefined && replaced.length > max) replaced = replaced.slice(0, max);
        return replaced;
      });
      setValues(element, out);
      rec.add(selector, 'replace');
      return;
    }
  }
}

/** The subject's keyed jitter for a range of `days`: in [-days, days], never 0, the same for every date of the subject. */
export function jitterDays(days: number, env: Pick<EngineEnv, 'pseudonyms' | 'subjectKey'>): number {
  const h = Number.parseInt(env.pseudonyms.hash('dicom-jitter', `${days}\u0000${env.subjectKey}`, 12), 16);
  const offset = (h % (2 * days)) - days;
  return offset >= 0 ? offset + 1 : offset;
}

/** `(0040,0275)[*](0008,1030)`: the element's tag under its sequences. */
function locationOf(site: RuleSite): string {
  return site.sequences.map((s) => `${formatTag(s)}[*]`).join('') + formatTag(site.tag);
}

/** Adds a finding once per item (same rule, place and message). */
function note(env: EngineEnv, finding: Finding): void {
  if (
    !env.findings.some(
      (f) => f.rule === finding.rule && f.location === finding.location && f.message === finding.message,
    )
  ) {
    env.findings.push(finding);
  }
}
