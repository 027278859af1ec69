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

/** How detected PHI in free text is replaced. */
export type TextReplacement = 'placeholder' | 'surrogate';

/**
 * Settings of the free-text PHI engine, shared by every format (DICOM text values, reports, notes,
 * OCR text). Policy key `text`.
 */
export interface TextPolicyDocument {
  /**
   * `placeholder` (default): each span becomes `[NAME]`, `[DATE]` ... ; `surrogate`: realistic
   * replacements that keep the text readable (keyed fake names, keyed digits in numbers, dates moved
   * by the subject's own offset when the policy keeps modified dates); places and the other types
   * become typed placeholders.
   */
  replacement?: TextReplacement;
  /** Spans below this confidence are not replaced (0..1, default 0.5). */
  minConfidence?: number;
  /** PHI types never reported or replaced (for instance `age`). */
  disabledTypes?: string[];
  /** Words or phrases that are never PHI here (scanner and protocol vocabulary), any case. */
  allow?: string[];
  /** Words or phrases that are always PHI here (local ward, clinic or staff names), any case. */
  deny?: string[];
  /**
   * Verification: a span at or above this confidence left in a released text value blocks the
   * release (0..1, default 0.9).
   */
  residualConfidence?: number;
  /**
   * Also run the learned token model (`models/text-phi-token`) and report its spans beside the rules'
   * (default false: measured on the dev half it adds no span at a usable precision; see its card).
   */
  model?: boolean;
}

/** {@link TextPolicyDocument} with every default filled in. */
export interface TextPolicy {
  replacement: TextReplacement;
  minConfidence: number;
  disabledTypes: string[];
  allow: string[];
  deny: string[];
  residualConfidence: number;
  model: boolean;
}

/**
 * The attributes a subject key may be built from, in the order they are joined. Named after the DICOM
 * attributes; other formats map their own patient identifier and its assigning authority onto them.
 */
export const SUBJECT_KEY_MEMBERS = ['PatientID', 'IssuerOfPatientID'] as const;

/** One member of a subject key. */
export type SubjectKeyMember = (typeof SUBJECT_KEY_MEMBERS)[number];

/**
 * Who counts as one subject (one pseudonym, one date shift). Policy key `subject`.
 */
export interface SubjectPolicyDocument {
  /**
   * `['PatientID']` (default): one subject per patient ID whatever its issuer, as most archives and
   * de-identifiers expect. `['PatientID', 'IssuerOfPatientID']`: the same ID from two issuers is two
   * subjects (archives that merge several hospitals' ID spaces). `PatientID` must come first.
   */
  key?: SubjectKeyMember[];
}

/** {@link SubjectPolicyDocument} with its default filled in. */
export interface SubjectPolicy {
  key: SubjectKeyMember[];
}

/** What a batch does with a file found inside an input folder that no format handler recognises. */
export type UnrecognizedFiles = 'skip' | 'quarantine';

/** Batch (pipeline) settings, whatever the format. Policy key `pipeline`. */
export interface PipelinePolicyDocument {
  /**
   * `skip` (default): files inside input folders (or matched by a pattern) that no handler recognises
   * (`.DS_Store`, JPEG thumbnails, spreadsheets, empty files) are left alone and only counted;
   * `quarantine`: each goes to quarantine and the run ends with exit code 1. A file named on its own
   * is always processed, so an unrecognised one is reported either way.
   */
  unrecognized?: UnrecognizedFiles;
}

/** {@link PipelinePolicyDocument} with every default filled in. */
export interface PipelinePolicy {
  unrecognized: UnrecognizedFiles;
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
  /** Free-text PHI engine settings. */
  text?: TextPolicyDocument;
  /** Batch settings (what to do with unrecognised files). */
  pipeline?: PipelinePolicyDocument;
  /** What makes one subject (the key of the subject's pseudonym and date shift). */
  subject?: SubjectPolicyDocument;
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
  /** Free-text PHI engine settings, defaults filled in. */
  text: TextPolicy;
  /** Batch settings, defaults filled in. */
  pipeline: PipelinePolicy;
  /** The subject key, default filled in (`['PatientID']`). */
  subject: SubjectPolicy;
  /** Merged format sections. */
  formats: Record<string, Record<string, unknown>>;
  /** SHA-256 (hex) of the canonical JSON of the resolved policy (without this field). */
  hash: string;
}
