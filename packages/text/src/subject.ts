/**
 * Who a note is about. A labelled patient identifier (`MRN: 12345678`, `Patient ID # A-1234`) makes the
 * subject the same pseudonym the DICOM handler gives that PatientID, so a report lands beside its
 * images; without one the subject is derived from the input's opaque id.
 */
import type { Pseudonymizer, SubjectKeyMember, TextPhiDetector } from '@medimagecleaner/core';

/**
 * The pseudonym namespace of a patient ID: the one `@medimagecleaner/dicom` uses for its subject
 * (`pseudonyms.id('patient-id', PatientID)`, the PatientID trimmed and otherwise unchanged, with
 * `^^^ISSUER` appended when the policy's subject key includes IssuerOfPatientID and there is one).
 */
export const PATIENT_ID_NAMESPACE = 'patient-id';

/** The pseudonym namespace of a note without a labelled patient identifier (value: the input id). */
export const TEXT_FILE_NAMESPACE = 'text-file';

/** The keyed-hash namespace of output file names (value: the input id). */
export const OUTPUT_NAME_NAMESPACE = 'text-output-name';

/** `MRN: value` or `Patient ID # value` at the start of a line. */
const LABEL_LINE = /^[ \t]*(?:MRN|Patient[ \t]+ID)[ \t]*[:#][ \t]*(\S+)/gim;

/** An `id/label` span counts only when its label names the patient. */
const PATIENT_LABEL_BEFORE =
  /(?:patient|pt|subject)[\s.]?(?:id|identifier|no\.?|nr\.?|num(?:ber)?|#)\W{0,6}$/i;

/** Punctuation that ends a sentence or a field rather than belonging to an ID. */
const TRAILING_PUNCTUATION = /[.,;:)\]}'"]+$/;

/** Cleans a candidate value: trimmed, trailing punctuation removed. */
function cleanValue(value: string): string {
  return value
    .trim()
    .replace(TRAILING_PUNCTUATION, '')
    .replace(/^[('"[{]+/, '');
}

/**
 * The note's labelled patient identifier, or `undefined`: the first (in text order) of an `MRN:` or
 * `Patient ID:` line, an `mrn/label` span of the detector, or an `id/label` span whose label names the
 * patient. Held in memory only.
 */
export function labelledPatientId(text: string, detector: TextPhiDetector): string | undefined {
  const candidates: Array<{ at: number; value: string }> = [];
  for (const m of text.matchAll(LABEL_LINE)) {
    const value = cleanValue(m[1] ?? '');
    if (value && /\d/.test(value)) candidates.push({ at: m.index ?? 0, value });
  }
  for (const span of detector.detect(text)) {
    const isMrn = span.type === 'mrn' && span.rule.startsWith('mrn/label');
    const isId =
      span.type === 'id' &&
      span.rule.startsWith('id/label') &&
      PATIENT_LABEL_BEFORE.test(text.slice(Math.max(0, span.start - 40), span.start));
    if (!isMrn && !isId) continue;
    const value = cleanValue(text.slice(span.start, span.end));
    if (value) candidates.push({ at: span.start, value });
  }
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0]?.value;
}

/** `Issuer of Patient ID: value` (or `Issuer:`, `Assigning Authority:`) at the start of a line. */
const ISSUER_LINE =
  /^[ \t]*(?:Issuer(?:[ \t]+of[ \t]+Patient[ \t]+ID)?|Assigning[ \t]+Authority)[ \t]*:[ \t]*(\S+)/im;

/** The issuer of the patient ID on an `Issuer of Patient ID:` line, or `undefined`. */
export function labelledIssuer(text: string): string | undefined {
  const value = cleanValue(ISSUER_LINE.exec(text)?.[1] ?? '');
  return value || undefined;
}

/**
 * The subject key of a patient ID, as `@medimagecleaner/dicom` builds it under the policy's
 * `subject.key` (`members`): the ID alone (default), or with its issuer in HL7 CX style
 * (`ID^^^ISSUER`) when the members include IssuerOfPatientID and there is an issuer.
 */
export function patientSubjectKey(
  patientId: string,
  issuer?: string,
  members: readonly SubjectKeyMember[] = ['PatientID'],
): string {
  return issuer && members.includes('IssuerOfPatientID') ? `${patientId}^^^${issuer}` : patientId;
}

/**
 * The pseudonymous subject of a note: by its subject key (see {@link patientSubjectKey}), else by the
 * input id.
 */
export function subjectOf(
  subjectKey: string | undefined,
  inputId: string,
  pseudonyms: Pseudonymizer,
): string {
  return subjectKey === undefined
    ? pseudonyms.id(TEXT_FILE_NAMESPACE, inputId)
    : pseudonyms.id(PATIENT_ID_NAMESPACE, subjectKey);
}

/** `Patient Name: value` or `Name: value` at the start of a line. */
const NAME_LINE = /^[ \t]*(?:Patient[ \t]+Name|Name)[ \t]*:[ \t]*([^\r\n]+)/gim;

/**
 * The names on `Patient Name:` / `Name:` lines, with their parts of 3 letters or more, for the engine's
 * known-identifier search (so `Mr. Varnecke` later in the note goes too). Held in memory only.
 */
export function labelledPatientName(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(NAME_LINE)) {
    const value = (m[1] ?? '').trim().replace(TRAILING_PUNCTUATION, '');
    if (!/\p{L}/u.test(value) || value.length > 80 || /\d/.test(value)) continue;
    found.add(value);
    for (const part of value.split(/[\s,^]+/)) {
      const clean = part.replace(/[^\p{L}'-]/gu, '');
      if (clean.length >= 3) found.add(clean);
    }
  }
  return [...found];
}
