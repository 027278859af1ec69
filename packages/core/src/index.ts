/**
 * `@medimagecleaner/core`: the shared interface of every format handler, the policy engine, keyed
 * pseudonyms, text PHI detection and the fail-closed batch pipeline.
 *
 * @packageDocumentation
 */
export * from './types.js';
export * from './errors.js';
export { CORE_VERSION } from './version.js';

export * from './policy/types.js';
export { POLICY_DOCUMENT_SCHEMA } from './policy/schema.js';
export { BUILTIN_PROFILES, DEFAULT_PROFILE } from './policy/builtin.js';
export { canonicalJson, canonicalHash } from './policy/canonical-json.js';
export { validatePolicyDocument, type FormatSchemas } from './policy/validate.js';
export {
  resolvePolicyDocument,
  DEFAULT_TEXT_POLICY,
  DEFAULT_PIPELINE_POLICY,
  DEFAULT_SUBJECT_POLICY,
  type ResolveOptions,
  type ReferencedDocument,
} from './policy/resolve.js';
export {
  loadPolicy,
  loadPolicyDocument,
  parsePolicyText,
  readPolicyFile,
  type LoadPolicyOptions,
} from './policy/load.js';
export {
  defaultProfilesDir,
  listProfiles,
  saveProfile,
  savedProfilePath,
  PROFILES_DIR_ENV_VAR,
  type ProfileListing,
} from './policy/profile-store.js';

export {
  createPseudonymizer,
  DEFAULT_DATE_SHIFT_DAYS,
  MIN_KEY_BYTES,
  type PseudonymizerOptions,
} from './pseudonym/pseudonymizer.js';
export {
  assertKeyEntropy,
  MIN_DISTINCT_KEY_BYTES,
  formatKey,
  generateKey,
  keyFingerprint,
  loadKey,
  parseKey,
  writeNewKeyFile,
  KEY_ENV_VAR,
  type KeySource,
  type LoadedKey,
  type LoadKeyOptions,
} from './pseudonym/key.js';

export {
  ALL_PHI_TYPES,
  createTextPhiDetector,
  mergeSpans,
  redactSpans,
  replaceSpans,
  placeholderRanges,
  defaultPlaceholder,
  compileKnownIdentifiers,
  createTextEngine,
  replaceWithSurrogates,
  SURROGATE_TYPES,
  residualSpans,
  type TextEngineOptions,
  type SurrogateOptions,
  type TextPhiDetectorOptions,
  type PlaceholderFn,
  type KnownIdentifierMatcher,
  type DateMatch,
  type CalendarDate,
} from './text/index.js';
export type { TokenModel, TokenModelOptions, TokenFeatures, ModelToken } from './text/model/index.js';
export type { TokenContext, Token } from './text/tokens.js';
export type { WordInfo } from './text/word-info.js';

export { createMemoryInputItem, createFileInputItem } from './pipeline/input-item.js';
export { createDeidContext, NULL_AUDIT_SINK, type CreateDeidContextOptions } from './pipeline/context.js';
export {
  processItem,
  SNIFF_BYTES,
  type ItemResult,
  type ReleasedItem,
  type QuarantinedItem,
  type DroppedItem,
} from './pipeline/process-item.js';
export { loadHandlers } from './pipeline/load-handlers.js';
export {
  discoverInputs,
  assertInputsExist,
  assertFolderWritable,
  assertOutputOutsideInputs,
  type DiscoveredFile,
  type DiscoveryResult,
  type DiscoverOptions,
  type SniffingHandler,
} from './pipeline/discover.js';
export {
  readJournal,
  JournalWriter,
  type JournalEntry,
  type JournalHeader,
  type JournalState,
} from './pipeline/journal.js';
export { writeFileAtomic } from './pipeline/atomic-write.js';
export { stageRelease, type StageOptions } from './pipeline/stage.js';
export {
  runDeidentification,
  defaultWorkerEntry,
  STATE_DIR,
  type RunOptions,
  type ProgressEvent,
  type ProgressItem,
} from './pipeline/run.js';
export { prestartWorkers, discardPrestartedWorkers, type PrestartOptions } from './pipeline/prestart.js';
export { writeRunPolicy, readRunPolicy, RUN_POLICY_FILE } from './pipeline/run-policy.js';
export {
  formatReportSummary,
  type RunReport,
  type StatusCounts,
  type QuarantineRecord,
  type CollisionRecord,
  type SubjectKeyReport,
} from './pipeline/report.js';
export { exitCodeFor, EXIT_CODES } from './exit-codes.js';
