/**
 * Policy types. A policy is data (JSON or YAML), validated at load, layered with `extends`, and hashed
 * into every report so a run can be traced to the exact rules it applied.
 */

/**
 * The DICOM PS3.15 Annex E options, by their names in `options` of a policy document. They are
 * format-neutral in meaning (e.g. modified dates apply to every format that has dates).
 */
export const PROFILE_OPTIONS = [
  'retainSafePrivate',
  'retainUIDs',
  'retainDeviceIdentity',
  'retainInstitutionIdentity',
  'retainPatientCharacteristics',
  'retainLongitudinalFullDates',
  'retainLongitudinalModifiedDates',
  'cleanDescriptors',
  'cleanStructuredContent',
  'cleanGraphics',
  'cleanPixelData',
  'cleanRecognizableVisualFeatures',
] as const;

/** One PS3.15 option name. */
export type ProfileOption = (typeof PROFILE_OPTIONS)[number];

/** Day range of the keyed per-subject date shift. Never includes 0. */
export interface DateShiftRange {
  /** Smallest offset in days (inclusive), e.g. -1095. */
  min: number;
  /** Largest offset in days (inclusive), e.g. -1. */
  max: number;
}

/** A policy document as written by a user (before `extends` is resolved). */
export interface PolicyDocument {
  /** Optional editor hint, ignored. */
  $schema?: string;
  /** Name shown in reports. */
  name: string;
  /** What the policy is for. */
  description?: string;
  /** Built-in profile names or paths (relative to this document) to layer on, first to last. */
  extends?: string | string[];
  /** PS3.15 options switched on (true) or off (false). */
  options?: Partial<Record<ProfileOption, boolean>>;
  /** Pseudonym settings. */
  pseudonyms?: {
    /** Range of the per-subject date shift, in days. */
    dateShiftDays?: DateShiftRange;
  };
  /** Format sections, validated by each format handler's schema. */
  formats?: Record<string, Record<string, unknown>>;
}

/** A policy with `extends` resolved, options filled in and its canonical hash. */
export interface ResolvedPolicy {
  /** Name of the top document. */
  name: string;
  /** Names of the documents layered, base first. */
  chain: string[];
  /** Every option, defaulted to false. */
  options: Record<ProfileOption, boolean>;
  /** The date shift range. */
  dateShiftDays: DateShiftRange;
  /** Merged format sections. */
  formats: Record<string, Record<string, unknown>>;
  /** SHA-256 (hex) of the canonical JSON of the resolved policy (without this field). */
  hash: string;
}
