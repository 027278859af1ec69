/**
 * Turns the wizard's answers into a policy document and its YAML text, with a comment above every
 * setting saying why it is there. No I/O here.
 */
import { Document, isMap, isPair, isScalar, type Pair } from 'yaml';
import type { PolicyDocument } from '@medimagecleaner/core';
import { PURPOSE_CHOICES, profileFor, type WizardAnswers } from './answers.js';

/** The per-subject date shift the wizard writes (days, never 0). */
export const WIZARD_DATE_SHIFT = { min: -1095, max: -1 } as const;

/** The policy document the answers stand for (it `extends` the purpose's built-in profile). */
export function policyDocumentFor(answers: WizardAnswers): PolicyDocument {
  const profile = profileFor(answers.purpose);
  const doc: PolicyDocument = {
    name: `wizard-${answers.purpose}`,
    description: `Written by medimagecleaner wizard for ${purposeLabel(answers)}.`,
    extends: profile,
    options: {
      retainLongitudinalModifiedDates: answers.dates === 'shift',
      retainDeviceIdentity: answers.deviceIdentity,
      retainSafePrivate: answers.safePrivate,
      cleanDescriptors: answers.descriptions === 'clean',
    },
    subject: { key: [...answers.subjectKey] },
    pipeline: { unrecognized: 'skip' },
  };
  if (answers.dates === 'shift') doc.pseudonyms = { dateShiftDays: { ...WIZARD_DATE_SHIFT } };
  if (answers.formats.includes('text') || answers.descriptions === 'clean') {
    doc.text = { replacement: 'placeholder', minConfidence: 0.5 };
  }
  if (answers.formats.includes('dicom')) {
    doc.formats = { dicom: { burnedInAnnotation: 'quarantine', dicomdir: 'drop' } };
  }
  return doc;
}

/** Comments by dotted path of a setting (`options.retainSafePrivate`), one line each. */
function commentsFor(answers: WizardAnswers, file: string): Record<string, string> {
  const profile = profileFor(answers.purpose);
  const subjectIssuer = answers.subjectKey.includes('IssuerOfPatientID');
  return {
    name: 'Shown in every run report, with the SHA-256 of the resolved policy.',
    description: 'What this policy is for (free text).',
    extends: `Starts from the built-in '${profile}' profile (${purposeLabel(answers)}); the settings below override it.`,
    options: 'DICOM PS3.15 Annex E options (they apply to every format that has the same kind of data).',
    'options.retainLongitudinalModifiedDates':
      answers.dates === 'shift'
        ? 'Dates: shifted by one keyed offset per subject, so intervals between studies survive.'
        : 'Dates: removed or emptied; no interval survives.',
    'options.retainDeviceIdentity': answers.deviceIdentity
      ? 'Device identity kept: manufacturer, model, station name and serial number stay (they can narrow down a site).'
      : 'Device identity removed: station names and serial numbers go.',
    'options.retainSafePrivate': answers.safePrivate
      ? 'Private (vendor) attributes on the known-safe list are kept (acquisition parameters); every other private attribute goes.'
      : 'Every private (vendor) attribute is removed.',
    'options.cleanDescriptors':
      answers.descriptions === 'clean'
        ? 'Descriptions and comments kept, with names, dates and IDs in them replaced by the text engine.'
        : 'Descriptions and comments removed.',
    pseudonyms: 'Keyed pseudonyms: the same key gives the same pseudonyms and date shifts in every batch.',
    'pseudonyms.dateShiftDays':
      'Range of the per-subject date shift in days (always into the past, never 0).',
    subject: 'Who counts as one subject (one pseudonym, one date shift).',
    'subject.key': subjectIssuer
      ? 'PatientID + IssuerOfPatientID: the same ID from two issuers is two subjects (merged archives).'
      : 'PatientID: one subject per patient ID, whatever its issuer.',
    pipeline: 'Batch settings.',
    'pipeline.unrecognized':
      'Files in input folders that no handler recognises are skipped and counted (or: quarantine).',
    text: 'The free-text PHI engine (notes, reports, DICOM descriptions when they are cleaned).',
    'text.replacement': 'Each PHI span becomes a placeholder such as [NAME] or [DATE] (or: surrogate).',
    'text.minConfidence': 'Spans the engine is less sure of than this are left as they are (0..1).',
    formats: 'Settings of one format each.',
    'formats.dicom.burnedInAnnotation':
      'Images that may show burned-in text (ultrasound, screenshots) are quarantined, not released (or: accept).',
    'formats.dicom.dicomdir': 'DICOMDIR index files are never released: drop (or: quarantine).',
    __header: [
      ` medimagecleaner policy written by \`medimagecleaner wizard\`.`,
      ` Check it: medimagecleaner profiles show ${file}`,
      ` Use it:   medimagecleaner deidentify <folder> -o <output> -c ${file} -k <key file>`,
      ` Unknown keys are errors. Every setting below says why it is there; change any and run it again.`,
    ].join('\n'),
  };
}

/** The YAML text of the answers' policy, with a comment above each setting. */
export function policyYamlFor(answers: WizardAnswers, file: string): string {
  const doc = new Document(policyDocumentFor(answers));
  const comments = commentsFor(answers, file);
  doc.commentBefore = comments['__header'] ?? null;
  if (isMap(doc.contents)) annotate(doc.contents.items, '', comments);
  return doc.toString({ lineWidth: 0 });
}

function annotate(items: unknown[], prefix: string, comments: Record<string, string>): void {
  for (const item of items) {
    if (!isPair(item)) continue;
    const pair = item as Pair;
    if (!isScalar(pair.key)) continue;
    const path = `${prefix}${String(pair.key.value)}`;
    const comment = comments[path];
    if (comment) pair.key.commentBefore = ` ${comment}`;
    if (isMap(pair.value) && !path.endsWith('dateShiftDays'))
      annotate(pair.value.items, `${path}.`, comments);
  }
}

function purposeLabel(answers: WizardAnswers): string {
  return PURPOSE_CHOICES.find((c) => c.value === answers.purpose)?.label.split(':')[0] ?? answers.purpose;
}
