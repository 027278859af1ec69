/**
 * The wizard's questions as data: each choice with its label, what it changes, and its default
 * (which may depend on earlier answers). No I/O here.
 */
import type { SubjectKeyMember } from '@medimagecleaner/core';

/** A data format the registered handlers can de-identify. */
export type WizardFormat = 'dicom' | 'text';

/** What the release is for; picks the profile the policy extends and the later defaults. */
export type WizardPurpose = 'research' | 'ai-training' | 'trial' | 'basic';

/** Everything the wizard asks that ends up in the policy. */
export interface WizardAnswers {
  formats: WizardFormat[];
  purpose: WizardPurpose;
  /** `shift`: keyed per-subject offset; `remove`: dates emptied or removed. */
  dates: 'shift' | 'remove';
  deviceIdentity: boolean;
  safePrivate: boolean;
  /** `clean`: descriptions kept with PHI spans replaced by the text engine; `remove`: removed. */
  descriptions: 'clean' | 'remove';
  subjectKey: SubjectKeyMember[];
}

/** One option of a multiple-choice question. */
export interface Choice<T> {
  value: T;
  /** What the user types (besides its number). */
  name: string;
  /** What the choice means, one line. */
  label: string;
}

/** The formats, in the order shown. */
export const FORMAT_CHOICES: readonly Choice<WizardFormat>[] = [
  { value: 'dicom', name: 'dicom', label: 'DICOM files (.dcm, studies from PACS or modalities)' },
  { value: 'text', name: 'text', label: 'plain-text notes and reports (.txt)' },
];

/** The purposes, in the order shown. */
export const PURPOSE_CHOICES: readonly Choice<WizardPurpose>[] = [
  {
    value: 'research',
    name: 'research',
    label: "research sharing: the 'research' profile (dates shifted, age/sex/size kept, device kept)",
  },
  {
    value: 'ai-training',
    name: 'ai-training',
    label: "AI training: the 'research' profile, and safe vendor acquisition attributes kept by default",
  },
  {
    value: 'trial',
    name: 'trial',
    label: "a clinical trial: the 'longitudinal' profile, every date shifted by one offset per subject",
  },
  {
    value: 'basic',
    name: 'basic',
    label: "the strictest release: the 'basic' PS3.15 profile (dates removed, nothing optional kept)",
  },
];

/** The subject keys, in the order shown. */
export const SUBJECT_KEY_CHOICES: readonly Choice<SubjectKeyMember[]>[] = [
  {
    value: ['PatientID'],
    name: 'patient-id',
    label: 'PatientID: one subject per patient ID (most archives)',
  },
  {
    value: ['PatientID', 'IssuerOfPatientID'],
    name: 'patient-id-issuer',
    label: 'PatientID + IssuerOfPatientID: archives that merge several hospitals whose IDs may clash',
  },
];

/** The built-in profile a purpose extends. */
export function profileFor(purpose: WizardPurpose): 'research' | 'longitudinal' | 'basic' {
  if (purpose === 'trial') return 'longitudinal';
  if (purpose === 'basic') return 'basic';
  return 'research';
}

/** The answers a user who presses Enter at every question gets, given the purpose. */
export function defaultsFor(purpose: WizardPurpose): Omit<WizardAnswers, 'formats' | 'purpose'> {
  const shared = purpose === 'research' || purpose === 'ai-training';
  return {
    dates: purpose === 'basic' ? 'remove' : 'shift',
    deviceIdentity: shared,
    safePrivate: purpose === 'ai-training',
    descriptions: shared ? 'clean' : 'remove',
    subjectKey: ['PatientID'],
  };
}

/** The default formats and purpose. */
export const DEFAULT_FORMATS: readonly WizardFormat[] = ['dicom'];
/** The default purpose. */
export const DEFAULT_PURPOSE: WizardPurpose = 'research';

/** One line on what each answer changes, shown with its question and after the answer. */
export const EXPLAIN = {
  formats: 'Which handlers the policy configures; files of other kinds in input folders are skipped.',
  purpose: 'Picks the built-in profile the policy extends, and the defaults of the next questions.',
  dates:
    'shift: every date moves by one keyed offset per subject, so intervals survive; remove: dates are emptied.',
  deviceIdentity:
    'yes: scanner manufacturer, model, station and serial are kept (they can narrow down a site).',
  safePrivate:
    'yes: private (vendor) attributes on the known-safe list are kept (e.g. acquisition parameters); all others go.',
  descriptions:
    'clean: study/series descriptions and comments are kept, with names, dates and IDs replaced by the text engine; remove: removed.',
  subjectKey: 'Who counts as one subject: one pseudonym and one date shift per subject.',
} as const;

/** Parses a yes/no answer. */
export function parseYesNo(answer: string): boolean | { error: string } {
  const a = answer.toLowerCase();
  if (['y', 'yes', 'true', '1'].includes(a)) return true;
  if (['n', 'no', 'false', '0'].includes(a)) return false;
  return { error: 'answer yes or no' };
}

/** Parses one choice by number (1-based) or name. */
export function parseChoice<T>(choices: readonly Choice<T>[], answer: string): T | { error: string } {
  const found = pickChoice(choices, answer);
  return found ?? { error: `answer one of ${choiceNames(choices)}` };
}

/** Parses one or more choices separated by commas or spaces, without repeats. */
export function parseChoices<T>(choices: readonly Choice<T>[], answer: string): T[] | { error: string } {
  const parts = answer.split(/[\s,]+/).filter((p) => p !== '');
  const picked: T[] = [];
  for (const part of parts) {
    const found = pickChoice(choices, part);
    if (found === undefined) return { error: `answer one or more of ${choiceNames(choices)}` };
    if (!picked.includes(found)) picked.push(found);
  }
  return picked.length > 0 ? picked : { error: 'choose at least one' };
}

/** The name a default answer is shown as. */
export function choiceName<T>(choices: readonly Choice<T>[], value: T): string {
  const found = choices.find((c) => JSON.stringify(c.value) === JSON.stringify(value));
  return found?.name ?? String(value);
}

function pickChoice<T>(choices: readonly Choice<T>[], answer: string): T | undefined {
  const a = answer.trim().toLowerCase();
  const byNumber = /^\d+$/.test(a) ? choices[Number(a) - 1] : undefined;
  return (byNumber ?? choices.find((c) => c.name === a))?.value;
}

function choiceNames<T>(choices: readonly Choice<T>[]): string {
  return choices.map((c, i) => `${i + 1}/${c.name}`).join(', ');
}
