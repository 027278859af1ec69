import type { PolicyDocument } from './types.js';

/**
 * Built-in profiles. They are plain policy documents: users extend them by name.
 */
export const BUILTIN_PROFILES: Readonly<Record<string, PolicyDocument>> = {
  basic: {
    name: 'basic',
    description:
      'DICOM PS3.15 Basic Application Level Confidentiality Profile: identifiers removed or replaced by keyed pseudonyms, dates removed, UIDs remapped, private attributes removed, burned-in images quarantined.',
  },
  longitudinal: {
    name: 'longitudinal',
    description:
      'Basic Profile with Retain Longitudinal Temporal Information (Modified Dates): every date shifted by one keyed offset per subject, so intervals survive.',
    extends: 'basic',
    options: { retainLongitudinalModifiedDates: true },
  },
  research: {
    name: 'research',
    description:
      'Basic Profile for research sharing: modified dates, patient characteristics (age, sex, size, weight), device identity kept, and free-text descriptors and structured content cleaned of PHI instead of removed.',
    extends: 'basic',
    options: {
      retainLongitudinalModifiedDates: true,
      retainPatientCharacteristics: true,
      retainDeviceIdentity: true,
      cleanDescriptors: true,
      cleanStructuredContent: true,
    },
  },
};

/** The default profile when none is named. */
export const DEFAULT_PROFILE = 'basic';
