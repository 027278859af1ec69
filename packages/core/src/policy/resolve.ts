import { ErrorCodes, PolicyError } from '../errors.js';
import { DEFAULT_DATE_SHIFT_DAYS } from '../pseudonym/pseudonymizer.js';
import { BUILTIN_PROFILES } from './builtin.js';
import { canonicalHash } from './canonical-json.js';
import {
  PROFILE_OPTIONS,
  type PipelinePolicy,
  type PolicyDocument,
  type ProfileOption,
  type ResolvedPolicy,
  type SubjectKeyMember,
  type SubjectPolicy,
  type TextPolicy,
  type TextPolicyDocument,
} from './types.js';
import { validatePolicyDocument, type FormatSchemas } from './validate.js';

/** A document found for an `extends` reference. */
export interface ReferencedDocument {
  /** The parsed (not yet validated) document. */
  doc: unknown;
  /** Where it came from (a path or `builtin:<name>`), for errors and cycle detection. */
  source: string;
}

/** Options of {@link resolvePolicyDocument}. */
export interface ResolveOptions {
  /** Handlers whose schemas validate format sections. Without them, sections are only checked to be objects. */
  handlers?: FormatSchemas;
  /**
   * Finds a non-built-in `extends` reference (a path or a saved profile name) relative to the source
   * of the document that names it. Without it, only built-in names may be extended.
   */
  resolveReference?: (ref: string, fromSource: string) => ReferencedDocument;
}

/**
 * Resolves a policy document: validates it and everything it extends, layers them (base first; later
 * options win, format sections merge deeply, rule lists concatenate), fills defaults and hashes it.
 */
export function resolvePolicyDocument(
  doc: unknown,
  options: ResolveOptions = {},
  source = '<inline>',
): ResolvedPolicy {
  const layers: Array<{ doc: PolicyDocument; source: string }> = [];
  collect(doc, source, options, [], layers);
  const top = layers[layers.length - 1]!.doc;

  const merged: Record<ProfileOption, boolean> = Object.fromEntries(
    PROFILE_OPTIONS.map((o) => [o, false]),
  ) as Record<ProfileOption, boolean>;
  let dateShiftDays = DEFAULT_DATE_SHIFT_DAYS;
  let formats: Record<string, Record<string, unknown>> = {};
  const text: TextPolicy = { ...DEFAULT_TEXT_POLICY, disabledTypes: [], allow: [], deny: [] };
  const subject: SubjectPolicy = { key: [...DEFAULT_SUBJECT_POLICY.key] };
  const pipeline: PipelinePolicy = { ...DEFAULT_PIPELINE_POLICY };
  for (const { doc: layer } of layers) {
    if (layer.pipeline?.unrecognized) pipeline.unrecognized = layer.pipeline.unrecognized;
    if (layer.subject?.key) subject.key = [...layer.subject.key];
    mergeTextPolicy(text, layer.text);
    Object.assign(merged, layer.options ?? {});
    if (layer.pseudonyms?.dateShiftDays) dateShiftDays = { ...layer.pseudonyms.dateShiftDays };
    formats = deepMerge(formats, layer.formats ?? {}) as Record<string, Record<string, unknown>>;
  }
  if (dateShiftDays.min > dateShiftDays.max || (dateShiftDays.min === 0 && dateShiftDays.max === 0)) {
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      'pseudonyms.dateShiftDays needs min <= max and a non-zero offset',
      {
        file: source,
      },
    );
  }
  if (merged.retainLongitudinalFullDates && merged.retainLongitudinalModifiedDates) {
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      'options retainLongitudinalFullDates and retainLongitudinalModifiedDates exclude each other',
      { file: source },
    );
  }
  const body = {
    name: top.name,
    chain: layers.map((l) => l.doc.name),
    options: merged,
    dateShiftDays,
    text,
    pipeline,
    subject,
    formats,
  };
  const resolved: ResolvedPolicy = { ...body, hash: canonicalHash(body) };
  for (const handler of options.handlers ?? []) handler.validatePolicy?.(resolved);
  return resolved;
}

/**
 * The subject key of a policy that says nothing about it: the patient ID alone, whatever its issuer
 * (what CTP, Orthanc, dicognito and the MIDI-B rules do).
 */
export const DEFAULT_SUBJECT_POLICY: Readonly<{ key: readonly SubjectKeyMember[] }> = Object.freeze({
  key: Object.freeze(['PatientID'] as const),
});

/** The batch settings of a policy that says nothing about them: unrecognised files are skipped. */
export const DEFAULT_PIPELINE_POLICY: Readonly<PipelinePolicy> = Object.freeze({ unrecognized: 'skip' });

/** The text engine settings of a policy that says nothing about them. */
export const DEFAULT_TEXT_POLICY: Readonly<TextPolicy> = Object.freeze({
  replacement: 'placeholder',
  minConfidence: 0.5,
  disabledTypes: [],
  allow: [],
  deny: [],
  residualConfidence: 0.9,
  model: false,
});

/** Layers one document's `text` section: scalars override, lists add up (without duplicates). */
function mergeTextPolicy(into: TextPolicy, layer: TextPolicyDocument | undefined): void {
  if (!layer) return;
  if (layer.replacement !== undefined) into.replacement = layer.replacement;
  if (layer.minConfidence !== undefined) into.minConfidence = layer.minConfidence;
  if (layer.residualConfidence !== undefined) into.residualConfidence = layer.residualConfidence;
  if (layer.model !== undefined) into.model = layer.model;
  const add = (list: string[], more: string[] | undefined): void => {
    for (const item of more ?? []) if (!list.includes(item)) list.push(item);
  };
  add(into.disabledTypes, layer.disabledTypes);
  add(into.allow, layer.allow);
  add(into.deny, layer.deny);
}

function collect(
  doc: unknown,
  source: string,
  options: ResolveOptions,
  stack: string[],
  out: Array<{ doc: PolicyDocument; source: string }>,
): void {
  if (stack.includes(source)) {
    throw new PolicyError(
      ErrorCodes.POLICY_CYCLE,
      `'extends' forms a cycle: ${[...stack, source].join(' -> ')}`,
      {
        file: source,
      },
    );
  }
  const policy = validatePolicyDocument(doc, source, options.handlers);
  const refs =
    policy.extends === undefined ? [] : Array.isArray(policy.extends) ? policy.extends : [policy.extends];
  for (const ref of refs) {
    const found = findReference(ref, source, options);
    collect(found.doc, found.source, options, [...stack, source], out);
  }
  out.push({ doc: policy, source });
}

function findReference(ref: string, fromSource: string, options: ResolveOptions): ReferencedDocument {
  const builtin = BUILTIN_PROFILES[ref];
  if (builtin) return { doc: builtin, source: `builtin:${ref}` };
  if (!options.resolveReference) {
    throw new PolicyError(ErrorCodes.POLICY_NOT_FOUND, `no built-in profile named '${ref}'`, {
      file: fromSource,
    });
  }
  return options.resolveReference(ref, fromSource);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over))
      out[key] = key in out ? deepMerge(out[key], value) : value;
    return out;
  }
  return over;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
