/**
 * The validation toolkit: synthetic DICOM cases with an answer key, and their verification. Users call
 * it to test a policy on their own setup: every injected identifier must be gone, every must-keep value
 * unchanged.
 */
export { makeSyntheticCase } from './synthetic.js';
export { verifyCase } from './verify.js';
export {
  SYNTHETIC_PLACES,
  type SyntheticPlace,
  type SyntheticCaseOptions,
  type SyntheticCase,
  type SyntheticAnswerKey,
  type InjectedIdentifier,
  type MustKeepAttribute,
  type CaseVerification,
} from './types.js';
