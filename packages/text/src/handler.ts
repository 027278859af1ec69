/**
 * The plain-text format handler: reports and notes (`.txt`) read as UTF-8 or Latin-1, cleaned by the
 * policy's text engine (`ctx.text`), written as UTF-8 under a pseudonymous name.
 */
import {
  ErrorCodes,
  MedImageCleanerError,
  type ActionRecord,
  type DeidContext,
  type DeidOutcome,
  type Finding,
  type FormatHandler,
  type InputItem,
  type InspectContext,
  type PhiSpan,
  type SubjectLearning,
} from '@medimagecleaner/core';
import { decodeTextFile, encodeUtf8 } from './decode.js';
import { inspectText } from './inspect.js';
import { sniffText } from './sniff.js';
import {
  labelledIssuer,
  labelledPatientId,
  labelledPatientName,
  OUTPUT_NAME_NAMESPACE,
  patientSubjectKey,
  subjectOf,
} from './subject.js';

/** Options of {@link createHandler}: none yet. */
export interface TextHandlerOptions {
  /** Reserved; must be absent. */
  readonly reserved?: never;
}

/** How sure the handler is that nothing identifying is left: rule- and dictionary-based text cleaning. */
export const TEXT_CONFIDENCE = 0.9;

/**
 * Creates the plain-text handler. The pipeline loads format packages by module name and calls
 * `createHandler()`; register it after the handlers of structured formats.
 */
export function createHandler(_options: TextHandlerOptions = {}): FormatHandler {
  return Object.freeze({
    format: 'text',
    sniff: (head: Uint8Array, name?: string) => sniffText(head, name),
    deidentify: (input: InputItem, ctx: DeidContext) => deidentifyText(input, ctx),
    learn: (input: InputItem, ctx: DeidContext) => learnFromText(input, ctx),
    inspect: (output: Uint8Array, ctx: InspectContext) => inspectText(output, ctx),
  });
}

/**
 * What one note teaches about its subject, for the batch's learning pass: the subject's pseudonym and
 * the words that context in the note shows to be names or places. A note without a labelled patient
 * identifier is its own subject and teaches no other note.
 */
export async function learnFromText(
  input: InputItem,
  ctx: DeidContext,
): Promise<SubjectLearning | undefined> {
  const { text } = decodeTextFile(await input.read(), input.id);
  const patientId = labelledPatientId(text, ctx.text);
  if (patientId === undefined) return undefined;
  const subjectKey = patientSubjectKey(patientId, labelledIssuer(text), ctx.policy.subject.key);
  return { subject: subjectOf(subjectKey, input.id, ctx.pseudonyms), words: ctx.text.learn([text]) };
}

/** De-identifies one note. Throws a {@link MedImageCleanerError} when it cannot. */
export async function deidentifyText(input: InputItem, ctx: DeidContext): Promise<DeidOutcome> {
  const file = input.id;
  if (ctx.signal.aborted) throw new MedImageCleanerError(ErrorCodes.DEID_FAILED, 'aborted', { file });
  const { text, encoding } = decodeTextFile(await input.read(), file);

  const patientId = labelledPatientId(text, ctx.text);
  const knownIdentifiers = [...(patientId === undefined ? [] : [patientId]), ...labelledPatientName(text)];
  const subjectKey =
    patientId === undefined
      ? undefined
      : patientSubjectKey(patientId, labelledIssuer(text), ctx.policy.subject.key);
  const subject = subjectOf(subjectKey, input.id, ctx.pseudonyms);
  const name = ctx.pseudonyms.hash(OUTPUT_NAME_NAMESPACE, input.id, 24);

  // Surrogate dates move by the subject's own offset (the one DICOM uses) when dates are kept shifted.
  const dateOffsetDays = ctx.policy.options.retainLongitudinalModifiedDates
    ? ctx.pseudonyms.dateOffsetDays(subjectKey ?? `item:${input.id}`)
    : undefined;
  const redacted = ctx.text.redact(text, {
    knownIdentifiers,
    ...(input.learned && input.learned.length > 0 ? { learned: input.learned } : {}),
    ...(dateOffsetDays === undefined ? {} : { dateOffsetDays }),
  });
  const findings: Finding[] = [];
  if (patientId === undefined) {
    findings.push({
      rule: 'text/no-patient-id',
      severity: 'info',
      location: 'file',
      message: 'no labelled patient identifier: the subject is derived from the file',
    });
  }
  if (encoding === 'latin-1') {
    findings.push({
      rule: 'text/latin-1',
      severity: 'info',
      location: 'file',
      message: 'the file is not UTF-8 and was read as Latin-1 (Windows-1252); the output is UTF-8',
    });
  }
  return {
    output: { relativePath: `${subject}/${name}.txt`, data: encodeUtf8(redacted.text) },
    subject: { subject },
    actions: actionsOf(redacted.spans),
    findings,
    knownIdentifiers,
    confidence: TEXT_CONFIDENCE,
  };
}

/** One `clean` record per PHI type replaced, counted; never the values. */
function actionsOf(spans: readonly PhiSpan[]): ActionRecord[] {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ selector: `text:${type}`, action: 'clean', count }));
}
