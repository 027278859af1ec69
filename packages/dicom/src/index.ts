/**
 * `@medimagecleaner/dicom`: DICOM de-identification with the PS3.15 Basic Application Level
 * Confidentiality Profile and its options, keyed UID remapping and date shifting, private attribute
 * removal, a burned-in text gate, and an independent verifier.
 *
 * @packageDocumentation
 */
export { createHandler, deidentifyDicom, type DicomHandlerOptions } from './handler.js';
export { inspectDicom, INSPECT_RULES } from './inspect.js';
export { sniffDicom } from './sniff.js';
export {
  DICOM_POLICY_SCHEMA,
  dicomSection,
  dicomRulesOf,
  validateDicomPolicy,
  type DicomPolicySection,
  type BurnedInAnnotationPolicy,
} from './policy-section.js';
export * from './rules/index.js';
export * from './validation/index.js';
export { BURNED_IN_MODALITIES, isSecondaryCaptureClass } from './burned-in.js';
export {
  decide,
  findRow,
  isRemovedUnder,
  OPTION_OF_COLUMN,
  SUPPLEMENTARY_ROWS,
  type ActionCode,
  type Decision,
} from './profile.js';
export {
  PROFILE_TABLE,
  PROFILE_TABLE_SOURCE_SHA256,
  OPTION_COLUMNS,
  type ProfileRow,
  type BasicAction,
  type OptionAction,
  type OptionColumn,
} from './generated/profile-table.js';
export { SAFE_PRIVATE_ATTRIBUTES, type SafePrivateEntry } from './generated/safe-private.js';
export { DEID_METHOD_CODES, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './method.js';
export { shiftDate, shiftDateTime } from './dates.js';
export { createIdentifierMatcher, normalizeIdentifier, type IdentifierMatcher } from './identifiers.js';
export {
  walkDataset,
  forEachElement,
  WalkError,
  EXPLICIT_LE,
  EXPLICIT_BE,
  IMPLICIT_LE,
  type Encoding,
  type WalkedElement,
  type WalkedItem,
  type WalkOptions,
  type PathStep,
} from './walker.js';
export { parsePart10, type Part10File } from './part10.js';
export { DICOM_PACKAGE_VERSION } from './version.js';
export * from './pixels/index.js';
