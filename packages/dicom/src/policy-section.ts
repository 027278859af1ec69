/**
 * The `formats.dicom` section of a policy: its JSON Schema (checked by the core at policy load), its
 * reading with defaults, and its user rules compiled once per policy.
 */
import type { OutputCollisionMode, ResolvedPolicy } from '@medimagecleaner/core';
import type { BurnedInAnnotationPolicy } from './burned-in.js';
import { compileDicomRules } from './rules/compile.js';
import type { CompiledDicomRules } from './rules/match.js';
import { DICOM_RULE_SCHEMA } from './rules/schema.js';
import type { DicomRule } from './rules/types.js';

export type { BurnedInAnnotationPolicy } from './burned-in.js';

/** The DICOM section of a policy, defaults filled in. */
export interface DicomPolicySection {
  /**
   * `quarantine` (default): refuse objects that may carry burned-in text while no vision pass can
   * clean pixels. `accept`: release them with their pixels as they are (the user takes the risk).
   */
  readonly burnedInAnnotation: BurnedInAnnotationPolicy;
  /**
   * User rules applied before the profile (see the README's precedence table), base policy's first
   * (`extends` concatenates them). Empty by default.
   */
  readonly rules: readonly DicomRule[];
  /**
   * Overlay planes under Clean Graphics: `remove` (default) removes them whole, since text drawn into
   * a bitmap cannot be found without a vision pass; `keep` keeps the bitmaps unchecked (text
   * attributes cleaned), with a warning. Without Clean Graphics overlays are always removed.
   */
  readonly overlayBitmaps: 'remove' | 'keep';
  /**
   * DICOMDIR files (they list patients and the input layout): `drop` (default) leaves them out of the
   * output as a policy decision, not an error; `quarantine` refuses them like a failed file.
   */
  readonly dicomdir: 'drop' | 'quarantine';
  /**
   * Two different files with one SOP Instance UID (one instance re-encoded or re-sent with other
   * attributes) map to one output name: `quarantine` (default) releases the first met and quarantines
   * the other (`E_OUTPUT_COLLISION`); `suffix` releases both, the later one under a name with a suffix
   * from its own content hash, with a warning. Identical outputs are written once either way.
   */
  readonly duplicateInstances: OutputCollisionMode;
}

/** JSON Schema of `formats.dicom` (draft 2020-12 compatible, no unknown keys). */
export const DICOM_POLICY_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'medimagecleaner policy: DICOM section',
  type: 'object',
  additionalProperties: false,
  properties: {
    burnedInAnnotation: {
      description:
        'Objects that may show burned-in text (BurnedInAnnotation YES, ultrasound, secondary capture, ...): "quarantine" (default) refuses them until a vision pass can clean pixels; "accept" releases them with pixels unchanged.',
      enum: ['quarantine', 'accept'],
    },
    dicomdir: {
      description:
        'DICOMDIR files list patients and describe the input layout: "drop" (default) leaves them out of the output (rebuild one from the outputs if needed); "quarantine" refuses them like a failed file.',
      enum: ['drop', 'quarantine'],
    },
    duplicateInstances: {
      description:
        'Two different files with one SOP Instance UID: "quarantine" (default) releases the first and quarantines the other; "suffix" releases both, the later one under a name with a deterministic suffix, with a warning in the report. Identical outputs are written once either way.',
      enum: ['quarantine', 'suffix'],
    },
    overlayBitmaps: {
      description:
        'Overlay planes under Clean Graphics: "remove" (default) removes them whole (drawn text cannot be checked without a vision pass); "keep" keeps the bitmaps unchecked, with their text attributes cleaned.',
      enum: ['remove', 'keep'],
    },
    rules: {
      description:
        'User rules on top of the profile: one selector (keyword, tag or tag pattern, privateCreator + element, vr), optionally inSequence, and an action (keep, remove, empty, replace, hash, uid, shift, jitter, clean, regex-replace). See the package README for the precedence table.',
      type: 'array',
      items: DICOM_RULE_SCHEMA,
    },
  },
});

/** Reads `policy.formats.dicom` with defaults. Unknown values fall back to the safe default. */
export function dicomSection(policy: ResolvedPolicy): DicomPolicySection {
  const section = policy.formats?.['dicom'] ?? {};
  const rules = section['rules'];
  return {
    burnedInAnnotation: section['burnedInAnnotation'] === 'accept' ? 'accept' : 'quarantine',
    rules: Array.isArray(rules) ? (rules as DicomRule[]) : [],
    overlayBitmaps: section['overlayBitmaps'] === 'keep' ? 'keep' : 'remove',
    dicomdir: section['dicomdir'] === 'quarantine' ? 'quarantine' : 'drop',
    duplicateInstances: section['duplicateInstances'] === 'suffix' ? 'suffix' : 'quarantine',
  };
}

const compiledRules = new WeakMap<object, CompiledDicomRules>();
const NO_RULES = compileDicomRules([]);

/**
 * The user rules of `policy`, compiled (once per policy section object). Throws `PolicyError`
 * (`E_POLICY_INVALID`) listing every problem when a rule is invalid.
 */
export function dicomRulesOf(policy: ResolvedPolicy): CompiledDicomRules {
  const section = policy.formats?.['dicom'];
  if (!section || section['rules'] === undefined) return NO_RULES;
  let compiled = compiledRules.get(section);
  if (!compiled) {
    compiled = compileDicomRules(section['rules'], policy.name);
    compiledRules.set(section, compiled);
  }
  return compiled;
}

/**
 * Checks what the JSON Schema cannot (keywords against the dictionary, regular expressions, values
 * against the VR, protected attributes): call it right after loading a policy so a bad rule is a load
 * error, not a failure of the first file. Throws `PolicyError` (`E_POLICY_INVALID`).
 */
export function validateDicomPolicy(policy: ResolvedPolicy): void {
  dicomRulesOf(policy);
}
