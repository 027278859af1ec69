/**
 * Who a dataset is about: the subject key every pseudonym of the subject is derived from, and the
 * subject's own identifying strings (for verification). Read from the original dataset before any
 * change; the results are held in memory only.
 */
import type { SubjectKeyFallback, SubjectKeyMember } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import {
  firstString,
  personNameGroups,
  sequenceItems,
  stringValues,
  trimValue,
  visitElements,
} from './values.js';

/** Tag keys used here. */
const K = {
  PatientName: '00100010',
  PatientID: '00100020',
  IssuerOfPatientID: '00100021',
  PatientBirthDate: '00100030',
  OtherPatientIDs: '00101000',
  OtherPatientNames: '00101001',
  OtherPatientIDsSequence: '00101002',
  PatientBirthName: '00101005',
  PatientAddress: '00101040',
  PatientMotherBirthName: '00101060',
  MedicalRecordLocator: '00101090',
  PatientTelephoneNumbers: '00102154',
  ResponsiblePerson: '00102297',
  AccessionNumber: '00080050',
  StudyInstanceUID: '0020000D',
  SOPInstanceUID: '00080018',
} as const;

/** A subject key and, when the patient ID was empty, which fallback it came from. */
export interface SubjectKey {
  /** The key (original values: held in memory only, never logged or reported). */
  readonly key: string;
  /** Set when the key did not come from the patient ID. */
  readonly fallback?: SubjectKeyFallback;
}

/**
 * The subject key, by the policy's `subject.key` (`members`): the original PatientID alone (default),
 * or with its issuer in HL7 CX style (`ID^^^ISSUER`, only when IssuerOfPatientID is present) when the
 * members include IssuerOfPatientID. Without a PatientID, whatever the members: the name and birth date
 * (`name:<PatientName>|<PatientBirthDate>`), then the study (`study:<StudyInstanceUID>`), then the
 * instance (`instance:<SOPInstanceUID>`), then the item (`item:<fallback>`), so files without any
 * identity are never merged into one subject.
 */
export function subjectKeyOf(
  dataset: DcmjsDataset,
  fallback: string,
  members: readonly SubjectKeyMember[] = ['PatientID'],
): SubjectKey {
  const id = firstString(dataset, K.PatientID);
  if (id) {
    const issuer = members.includes('IssuerOfPatientID') ? firstString(dataset, K.IssuerOfPatientID) : '';
    return { key: issuer ? `${id}^^^${issuer}` : id };
  }
  const name = firstString(dataset, K.PatientName);
  if (name)
    return { key: `name:${name}|${firstString(dataset, K.PatientBirthDate)}`, fallback: 'name-birthdate' };
  const study = firstString(dataset, K.StudyInstanceUID);
  if (study) return { key: `study:${study}`, fallback: 'study' };
  const sop = firstString(dataset, K.SOPInstanceUID);
  if (sop) return { key: `instance:${sop}`, fallback: 'instance' };
  return { key: `item:${fallback}`, fallback: 'item' };
}

/** Name strings worth searching for: each component group, its name parts, and both name orders. */
function nameForms(value: unknown): string[] {
  const out: string[] = [];
  for (const raw of personNameGroups(value)) {
    const group = trimValue(raw);
    if (!group) continue;
    out.push(group);
    const [family = '', given = '', middle = ''] = group.split('^').map(trimValue);
    // Name parts of fewer than 3 characters (initials) are too short to search for.
    for (const part of [family, given, middle]) if (part.length >= 3) out.push(part);
    if (family && given) out.push(`${given} ${family}`, `${family} ${given}`);
    if (family && given && middle) out.push(`${given} ${middle} ${family}`);
  }
  return out;
}

/** A DA birth date in the forms people write it. */
function dateForms(date: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  if (!m) return date.trim() ? [date.trim()] : [];
  const [, y, mo, d] = m;
  return [`${y}${mo}${d}`, `${mo}/${d}/${y}`, `${d}.${mo}.${y}`];
}

/**
 * The subject's own identifying strings found in the dataset: names (patient, other, birth, mother's
 * birth name, responsible person) with their parts, IDs (PatientID, OtherPatientIDs and the sequence),
 * birth date, accession number, address, telephone numbers, medical record locator. Prefix and suffix
 * name components are left out (titles, not identifiers).
 */
export function knownIdentifiersOf(dataset: DcmjsDataset): string[] {
  const found = new Set<string>();
  const add = (value: string): void => {
    const v = trimValue(value);
    if (v) found.add(v);
  };
  for (const key of [
    K.PatientName,
    K.OtherPatientNames,
    K.PatientBirthName,
    K.PatientMotherBirthName,
    K.ResponsiblePerson,
  ]) {
    const element = dataset[key];
    if (!element || !Array.isArray(element.Value)) continue;
    for (const value of element.Value) nameForms(value).forEach(add);
  }
  for (const key of [
    K.PatientID,
    K.OtherPatientIDs,
    K.AccessionNumber,
    K.PatientAddress,
    K.MedicalRecordLocator,
    K.PatientTelephoneNumbers,
  ]) {
    stringValues(dataset[key]).forEach(add);
  }
  for (const item of sequenceItems(dataset[K.OtherPatientIDsSequence] ?? { vr: 'SQ' })) {
    stringValues(item[K.PatientID]).forEach(add);
  }
  for (const date of stringValues(dataset[K.PatientBirthDate])) dateForms(date).forEach(add);
  return [...found];
}

/**
 * Every person name of the record other than the subject's (physicians, operators, authors, observers
 * and verifiers at any depth, SR PNAME items), in the forms people write them: so a name a structured
 * field holds is found in the free text of the same file. Name parts shorter than 3 characters are left
 * out.
 */
export function personNamesOf(dataset: DcmjsDataset, limit = 200): string[] {
  const found = new Set<string>();
  const subject = new Set<string>([K.PatientName, K.OtherPatientNames, K.PatientBirthName]);
  visitElements(dataset, (key, element, depth) => {
    if (element.vr === 'PN' && !(depth === 0 && subject.has(key)) && Array.isArray(element.Value)) {
      for (const value of element.Value) for (const form of nameForms(value)) found.add(form);
    }
    return found.size < limit;
  });
  return [...found].slice(0, limit);
}
