/**
 * `@medimagecleaner/text`: plain-text reports and notes. Sniffs UTF-8 and Latin-1 text, removes PHI
 * with the policy's free-text engine, names the output by pseudonyms only, and verifies the released
 * text independently.
 *
 * @packageDocumentation
 */
export { createHandler, deidentifyText, TEXT_CONFIDENCE, type TextHandlerOptions } from './handler.js';
export { inspectText, TEXT_INSPECT_RULES } from './inspect.js';
export { sniffText, hasForeignSignature, hasTextExtension, TEXT_EXTENSIONS } from './sniff.js';
export {
  decodeTextFile,
  decodeBytes,
  encodeUtf8,
  hasUtf8Bom,
  controlRatio,
  MAX_CONTROL_RATIO,
  type DecodedText,
  type TextEncodingName,
} from './decode.js';
export {
  labelledPatientId,
  labelledPatientName,
  labelledIssuer,
  patientSubjectKey,
  subjectOf,
  PATIENT_ID_NAMESPACE,
  TEXT_FILE_NAMESPACE,
  OUTPUT_NAME_NAMESPACE,
} from './subject.js';
