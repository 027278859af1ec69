/** The PHI types of the text engine, in one list that the detector and the policy schema share. */
import type { PhiType } from '../types.js';

/** Every type the detector can report. */
export const ALL_PHI_TYPES: readonly PhiType[] = [
  'name',
  'date',
  'age',
  'id',
  'mrn',
  'accession',
  'ssn',
  'phone',
  'fax',
  'email',
  'url',
  'ip',
  'zip',
  'address',
  'location',
  'uid',
  'subject-identifier',
  'other',
];

/** The types a policy may disable: all but the subject's own identifiers, which are always found. */
export const DISABLEABLE_PHI_TYPES: readonly PhiType[] = ALL_PHI_TYPES.filter(
  (t) => t !== 'subject-identifier',
);
