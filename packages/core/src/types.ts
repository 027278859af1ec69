/**
 * The contract between the core and format handlers. A format package implements {@link FormatHandler};
 * the pipeline (or any caller) gives it a {@link DeidContext} and releases what it returns only when
 * verification found nothing.
 */
import type { ResolvedPolicy } from './policy/types.js';

/** How sure a rule is, and whether a finding blocks release. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Something verification or a handler noticed. Never carries a PHI value: `location` names where
 * (a tag path, a field, a page), `message` says what kind of thing, not its content.
 */
export interface Finding {
  /** Stable rule id, e.g. `dicom/residual-identifier`. */
  rule: string;
  /** `error` findings block release; `warning` and `info` are reported only. */
  severity: Severity;
  /** Where, e.g. `(0008,1032)[0](0008,0104)`; never a value. */
  location: string;
  /** What, free of PHI, e.g. `a subject identifier is still present`. */
  message: string;
  /** The kind of PHI, when known (`name`, `date`, `id`, ...). */
  phiType?: PhiType;
}

/** Kinds of PHI the text detector and the verifiers speak of. */
export type PhiType =
  | 'name'
  | 'date'
  | 'age'
  | 'id'
  | 'mrn'
  | 'accession'
  | 'ssn'
  | 'phone'
  | 'fax'
  | 'email'
  | 'url'
  | 'ip'
  | 'zip'
  | 'address'
  | 'location'
  | 'uid'
  | 'subject-identifier'
  | 'other';

/** The kinds of action a handler records. */
export type ActionKind =
  | 'remove'
  | 'empty'
  | 'dummy'
  | 'keep'
  | 'replace'
  | 'uid'
  | 'pseudonym'
  | 'shift'
  | 'clean'
  | 'hash'
  | 'set';

/** What was done, by rule or selector, counted; never the values. */
export interface ActionRecord {
  /** What the action applied to, e.g. `(0010,0010) PatientName` or `private`. */
  selector: string;
  action: ActionKind;
  /** How many elements it touched in this item. */
  count: number;
}

/** One input to de-identify. Its path may itself hold PHI: never log it. */
export interface InputItem {
  /** Opaque, stable id for logs, journals and reports (keyed hash of the path). */
  readonly id: string;
  /** Where the bytes are. Only quarantine reason files may show it. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Reads the whole content. */
  read(): Promise<Uint8Array>;
  /**
   * Set when the bytes `read()` returns are the handler's own scratch space: it may overwrite them,
   * and the `headroom` bytes just before them in the same `ArrayBuffer`, to build its output in place
   * (e.g. a new header in front of pixel data it keeps byte for byte: no copy of the kept bytes). The
   * output may then be a view of that buffer; it is consumed before the buffer is used again. Never set
   * for bytes a caller still owns.
   */
  readonly headroom?: number;
  /**
   * Words the text engine learned from the other items of the same subject in this batch (see
   * {@link FormatHandler.learn}), for the handler to pass to its text scans. Held in memory only.
   */
  readonly learned?: readonly LearnedWord[];
}

/** The de-identified result of one input. */
export interface OutputItem {
  /**
   * Relative output path with `/` separators, built from pseudonyms only (never from the original
   * file or folder names), e.g. `SUBJ/STUDY/SERIES/INSTANCE.dcm`.
   */
  relativePath: string;
  /** The bytes to write. */
  data: Uint8Array;
  /**
   * What the pipeline does when another input with different content maps to the same path (the
   * handler reads it from its policy section): `quarantine` (default) refuses the later one;
   * `suffix` releases it under the same path with a deterministic suffix, with a warning.
   */
  onCollision?: OutputCollisionMode;
}

/** See {@link OutputItem.onCollision}. */
export type OutputCollisionMode = 'quarantine' | 'suffix';

/**
 * Where a subject key came from when the subject's ID was empty: the name and birth date, the study
 * UID, the instance UID, or (nothing else left) the item itself.
 */
export type SubjectKeyFallback = 'name-birthdate' | 'study' | 'instance' | 'item';

/** Pseudonymous grouping keys of an output (for reports, series consistency and risk analysis). */
export interface SubjectRef {
  /** Pseudonymous subject id. */
  subject: string;
  /** Pseudonymous study key, if the format has studies. */
  study?: string;
  /** Pseudonymous series key, if the format has series. */
  series?: string;
  /** Set when the subject key was not built from the policy's subject key (its ID was empty). */
  keyFallback?: SubjectKeyFallback;
}

/** What a handler returns for one input. */
export interface DeidOutcome {
  output: OutputItem;
  subject: SubjectRef;
  actions: ActionRecord[];
  /** What the handler noticed (warnings, info); `error` findings block release. */
  findings: Finding[];
  /**
   * The subject's original identifiers found in the input, for the verification pass. Held in
   * memory only: the pipeline never writes, logs or sends them across a thread boundary.
   */
  knownIdentifiers: string[];
  /** 0..1: how sure the handler is that nothing identifying is left. */
  confidence: number;
}

/** Keyed, deterministic pseudonyms: same key and input give the same output on any machine. */
export interface Pseudonymizer {
  /** A stable token for `value` in `namespace` (e.g. `patient-id`), upper-case base32. */
  id(namespace: string, value: string, length?: number): string;
  /** A valid DICOM UID `2.25.<decimal>` (at most 64 characters) for `uid`. */
  uid(uid: string): string;
  /** A non-zero day offset for `subject` within the configured range. */
  dateOffsetDays(subject: string): number;
  /** A stable fake person name for `value`, DICOM PN style (`FAMILY^GIVEN`). */
  name(value: string): string;
  /** A keyed hex digest (for `hash` actions and opaque ids). */
  hash(namespace: string, value: string, hexLength?: number): string;
}

/** A span of PHI found in free text. */
export interface PhiSpan {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  type: PhiType;
  /** 0..1. */
  confidence: number;
  /** The detector rule that matched (e.g. `date/iso`, `name/dictionary`). */
  rule: string;
}

/** Options for one text scan. */
export interface TextScanOptions {
  /** The subject's own identifiers (names, IDs, dates) to find in any case and with any separators. */
  knownIdentifiers?: readonly string[];
  /** Spans below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  /**
   * Other people named in the same record (staff in structured name fields, say `DOE^JANE`): found in
   * the text in any case and order like the subject's names, and reported as `name`.
   */
  knownNames?: readonly string[];
  /**
   * The subject's date offset in days, for `surrogate` replacement under a policy that keeps
   * modified dates: dates in the text move by it. Without it, dates become `[DATE]`.
   */
  dateOffsetDays?: number;
  /**
   * Words learned from other texts of the same record or subject ({@link TextPhiDetector.learn}):
   * found wherever they occur in this text, with their type.
   */
  learned?: readonly LearnedWord[];
}

/**
 * A word that context elsewhere in the same record showed to be PHI (`Dr. Veltrani` in one SR item
 * makes a bare `Veltrani` in another one a name). `word` is the engine's folded form: lower case,
 * accents removed. It is PHI: keep it in memory, never log or report it.
 */
export interface LearnedWord {
  readonly word: string;
  readonly type: PhiType;
}

/** Finds PHI in free text. */
export interface TextPhiDetector {
  detect(text: string, options?: TextScanOptions): PhiSpan[];
  /**
   * The words that confident name and place findings in `texts` teach, for scans of the other texts
   * of the same record or subject ({@link TextScanOptions.learned}). Deterministic: the same texts in
   * any order give the same list, sorted.
   */
  learn(texts: Iterable<string>, options?: TextScanOptions): LearnedWord[];
  /** Replaces every detected span with a typed placeholder such as `[NAME]`. */
  redact(text: string, options?: TextScanOptions): { text: string; spans: PhiSpan[] };
}

/** An axis-aligned box in pixel coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A grey or colour image handed to the vision port. */
export interface RasterImage {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB). */
  channels: 1 | 3;
  data: Uint8Array;
}

/**
 * Pixel capabilities a format may need but does not own (implemented by `@medimagecleaner/vision-onnx`).
 * Optional in the context: a handler that needs it and finds none must fail closed.
 */
export interface VisionPort {
  detectText(image: RasterImage): Promise<Box[]>;
  ocr(image: RasterImage, region?: Box): Promise<string>;
  detectFaces(image: RasterImage): Promise<Box[]>;
  detectBarcodes(image: RasterImage): Promise<Box[]>;
  inpaint(image: RasterImage, regions: Box[]): Promise<RasterImage>;
}

/** A structured audit event. Never carries PHI: ids are pseudonymous or opaque. */
export interface AuditEvent {
  type: string;
  item?: string;
  data?: Record<string, string | number | boolean>;
}

/** Where audit events go (a no-op, the run report, or `@medimagecleaner/audit-crypto`). */
export interface AuditSink {
  record(event: AuditEvent): void;
}

/** Everything a handler needs to de-identify one item. */
export interface DeidContext {
  policy: ResolvedPolicy;
  pseudonyms: Pseudonymizer;
  text: TextPhiDetector;
  vision?: VisionPort;
  audit: AuditSink;
  signal: AbortSignal;
}

/** Everything a handler needs to verify one written output independently. */
export interface InspectContext {
  policy: ResolvedPolicy;
  text: TextPhiDetector;
  /** The subject's original identifiers (from {@link DeidOutcome.knownIdentifiers}). */
  knownIdentifiers: readonly string[];
  signal: AbortSignal;
}

/**
 * A format handler. Registration is explicit: build a registry from the handlers you want; importing
 * a package registers nothing.
 */
export interface FormatHandler {
  /** Short format name: `dicom`, `nifti`, ... Also the key of its section in a policy. */
  readonly format: string;
  /** True when `head` (the first bytes, at least 4 KiB when the file has them) is this format. */
  sniff(head: Uint8Array, name?: string): boolean;
  /** De-identifies one item. Throws a {@link MedImageCleanerError} when it cannot. */
  deidentify(input: InputItem, ctx: DeidContext): Promise<DeidOutcome>;
  /** Re-reads `output` by a separate code path and returns what identifying data is left. */
  inspect(output: Uint8Array, ctx: InspectContext): Promise<Finding[]>;
  /**
   * JSON Schema of this format's section of a policy (`formats.<format>`), checked at policy load.
   * Without one, the section must be absent or empty.
   */
  readonly policySchema?: Record<string, unknown>;
  /**
   * Checks what a JSON Schema cannot (e.g. keywords against a dictionary, regular expressions) once
   * the policy is resolved, so a bad rule is a load error rather than a failure of the first file.
   * Throws a `PolicyError`.
   */
  validatePolicy?(policy: ResolvedPolicy): void;
  /**
   * Reads one item before the batch is processed and returns its subject (a pseudonym, never an
   * original value) and the words its free text teaches (`ctx.text.learn`). The pipeline gives every
   * item of that subject the words of all of them ({@link InputItem.learned}), so a name that context
   * shows in one note is removed where it stands bare in another note of the same patient. Optional;
   * `undefined` when the item has nothing to teach. Errors are ignored (the item fails later, typed).
   */
  learn?(input: InputItem, ctx: DeidContext): Promise<SubjectLearning | undefined>;
}

/** What one item teaches about its subject (see {@link FormatHandler.learn}). */
export interface SubjectLearning {
  /** The subject's pseudonym (never an original identifier). */
  readonly subject: string;
  readonly words: readonly LearnedWord[];
}
