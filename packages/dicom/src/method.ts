/**
 * What the output says about its own de-identification (PS3.15 E.1.1 and PS3.3 C.7.1.1): Patient
 * Identity Removed, De-identification Method and its code sequence (CID 7050), Longitudinal Temporal
 * Information Modified; and the file meta information of the output.
 */
import type { ProfileOption, ResolvedPolicy } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import { firstClean, type IdentifierMatcher } from './identifiers.js';

/** Our implementation class UID (a fixed UUID-derived UID), written in every output's meta information. */
export const IMPLEMENTATION_CLASS_UID = '2.25.98497464176706844521660152472895911743';
/** Our implementation version name (at most 16 characters). */
export const IMPLEMENTATION_VERSION_NAME = 'MEDIMAGECLN_010';

/** CID 7050 De-identification Method codes (coding scheme DCM). */
export const DEID_METHOD_CODES = {
  basic: { value: '113100', meaning: 'Basic Application Confidentiality Profile' },
  cleanPixelData: { value: '113101', meaning: 'Clean Pixel Data Option' },
  cleanRecognizableVisualFeatures: { value: '113102', meaning: 'Clean Recognizable Visual Features Option' },
  cleanGraphics: { value: '113103', meaning: 'Clean Graphics Option' },
  cleanStructuredContent: { value: '113104', meaning: 'Clean Structured Content Option' },
  cleanDescriptors: { value: '113105', meaning: 'Clean Descriptors Option' },
  retainLongitudinalFullDates: {
    value: '113106',
    meaning: 'Retain Longitudinal Temporal Information Full Dates Option',
  },
  retainLongitudinalModifiedDates: {
    value: '113107',
    meaning: 'Retain Longitudinal Temporal Information Modified Dates Option',
  },
  retainPatientCharacteristics: { value: '113108', meaning: 'Retain Patient Characteristics Option' },
  retainDeviceIdentity: { value: '113109', meaning: 'Retain Device Identity Option' },
  retainUIDs: { value: '113110', meaning: 'Retain UIDs Option' },
  retainSafePrivate: { value: '113111', meaning: 'Retain Safe Private Option' },
  retainInstitutionIdentity: { value: '113112', meaning: 'Retain Institution Identity Option' },
} as const satisfies Record<'basic' | ProfileOption, { value: string; meaning: string }>;

/** Options this engine applies (pixel cleaning needs a vision pass, which does not exist yet). */
const APPLIED_OPTIONS: readonly ProfileOption[] = [
  'cleanGraphics',
  'cleanStructuredContent',
  'cleanDescriptors',
  'retainLongitudinalFullDates',
  'retainLongitudinalModifiedDates',
  'retainPatientCharacteristics',
  'retainDeviceIdentity',
  'retainUIDs',
  'retainSafePrivate',
  'retainInstitutionIdentity',
];

/** The CID 7050 codes of the profile and the options that were applied, in code order. */
export function appliedMethodCodes(
  options: Readonly<Record<ProfileOption, boolean>>,
): Array<{ value: string; meaning: string }> {
  const codes: Array<{ value: string; meaning: string }> = [DEID_METHOD_CODES.basic];
  for (const option of APPLIED_OPTIONS) if (options[option]) codes.push(DEID_METHOD_CODES[option]);
  return codes.sort((a, b) => a.value.localeCompare(b.value));
}

/** `MODIFIED`, `UNMODIFIED` or `REMOVED` for Longitudinal Temporal Information Modified (0028,0303). */
export function temporalInformationState(options: Readonly<Record<ProfileOption, boolean>>): string {
  if (options.retainLongitudinalModifiedDates) return 'MODIFIED';
  if (options.retainLongitudinalFullDates) return 'UNMODIFIED';
  return 'REMOVED';
}

/**
 * Sets the de-identification attributes on the top-level dataset. The free-text method values are
 * left out if, by chance, one holds a subject identifier.
 */
export function setDeidentificationMethod(
  dataset: DcmjsDataset,
  policy: ResolvedPolicy,
  version: string,
  matcher: IdentifierMatcher,
): void {
  const codes = appliedMethodCodes(policy.options);
  const descriptions = [
    'PS3.15 E Basic Application Level Confidentiality Profile',
    `medimagecleaner ${version}`.slice(0, 64),
    `policy sha256 ${policy.hash.slice(0, 32)}`,
  ].filter((d) => firstClean(matcher, [d]) !== undefined);
  dataset['00120062'] = { vr: 'CS', Value: ['YES'] };
  dataset['00120063'] = { vr: 'LO', Value: descriptions.length > 0 ? descriptions : ['PS3.15'] };
  dataset['00120064'] = {
    vr: 'SQ',
    Value: codes.map((c) => ({
      '00080100': { vr: 'SH', Value: [c.value] },
      '00080102': { vr: 'SH', Value: ['DCM'] },
      '00080104': { vr: 'LO', Value: [c.meaning] },
    })),
  };
  dataset['00280303'] = { vr: 'CS', Value: [temporalInformationState(policy.options)] };
}

/**
 * The file meta information of the output: only what PS3.10 requires and our implementation, nothing
 * from the source's meta (no source or sending AE titles, no private information).
 */
export function outputMeta(
  sopClassUid: string,
  sopInstanceUid: string,
  transferSyntax: string,
): DcmjsDataset {
  return {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0x00, 0x01]).buffer] },
    // A source without them (no SOP Class/Instance anywhere) gets none rather than empty Type 1 values.
    ...(sopClassUid ? { '00020002': { vr: 'UI', Value: [sopClassUid] } } : {}),
    ...(sopInstanceUid ? { '00020003': { vr: 'UI', Value: [sopInstanceUid] } } : {}),
    '00020010': { vr: 'UI', Value: [transferSyntax] },
    '00020012': { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
    '00020013': { vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME] },
  };
}
