/**
 * The burned-in text gate. Header de-identification cannot remove text drawn into pixels. Until a
 * vision pass can satisfy the Clean Pixel Data option, objects that may carry such text are refused
 * (PolicyRejectedError) unless the policy's DICOM section says `burnedInAnnotation: "accept"`.
 */
import { PolicyRejectedError, type Finding } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import { firstString } from './values.js';

/**
 * What to do with objects that may show burned-in text: `quarantine` refuses them while no vision pass
 * can clean pixels; `accept` releases them with their pixels as they are. The policy's
 * `formats.dicom.burnedInAnnotation` (see `policy-section.ts`).
 */
export type BurnedInAnnotationPolicy = 'quarantine' | 'accept';

/**
 * Modalities whose images routinely carry burned-in patient text: ultrasound, secondary capture,
 * X-ray angiography, "other", endoscopy, external camera photography, general and slide microscopy
 * (labels), document scans, radiofluoroscopy.
 */
export const BURNED_IN_MODALITIES: ReadonlySet<string> = new Set([
  'US',
  'SC',
  'XA',
  'OT',
  'ES',
  'XC',
  'GM',
  'SM',
  'DOC',
  'RF',
]);

/** Secondary Capture SOP classes (screen captures, scanned documents): 1.2.840.10008.5.1.4.1.1.7[.x]. */
export function isSecondaryCaptureClass(sopClassUid: string): boolean {
  return sopClassUid === '1.2.840.10008.5.1.4.1.1.7' || sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.7.');
}

/** Which signal makes the gate suspect burned-in text. */
export type BurnedInReasonKind =
  'burned-in-annotation' | 'recognizable-visual-features' | 'modality' | 'secondary-capture';

/** A reason of the gate: its kind, the attribute that gave it, and a text naming no value but a modality code. */
export interface BurnedInReason {
  readonly kind: BurnedInReasonKind;
  /** `(GGGG,EEEE)` of the attribute: Burned In Annotation, Recognizable Visual Features, Modality or SOP Class UID. */
  readonly location: string;
  /** Human-readable reason; the only value it may name is a modality code of {@link BURNED_IN_MODALITIES}. */
  readonly text: string;
}

/** Why an object may carry burned-in text (the first signal, in order of strength), or undefined. */
export function burnedInReasonOf(dataset: DcmjsDataset, hasPixelData: boolean): BurnedInReason | undefined {
  if (!hasPixelData) return undefined;
  if (firstString(dataset, '00280301').toUpperCase() === 'YES')
    return { kind: 'burned-in-annotation', location: '(0028,0301)', text: 'BurnedInAnnotation is YES' };
  if (firstString(dataset, '00280302').toUpperCase() === 'YES')
    return {
      kind: 'recognizable-visual-features',
      location: '(0028,0302)',
      text: 'RecognizableVisualFeatures is YES',
    };
  const modality = firstString(dataset, '00080060').toUpperCase();
  if (BURNED_IN_MODALITIES.has(modality))
    return {
      kind: 'modality',
      location: '(0008,0060)',
      text: `modality ${modality} often carries burned-in text`,
    };
  if (isSecondaryCaptureClass(firstString(dataset, '00080016')))
    return {
      kind: 'secondary-capture',
      location: '(0008,0016)',
      text: 'secondary capture images often carry burned-in text',
    };
  return undefined;
}

/** Why an object may carry burned-in text, as text, or undefined when nothing suggests it. */
export function burnedInReason(dataset: DcmjsDataset, hasPixelData: boolean): string | undefined {
  return burnedInReasonOf(dataset, hasPixelData)?.text;
}

/**
 * The gate's reason as a finding (`dicom/burned-in-reason`, info): which signal (Burned In Annotation,
 * Recognizable Visual Features, modality, secondary capture class) and where, never a value beyond
 * the modality code. Only objects the gate let through (accepted) are released with it.
 */
export function burnedInFinding(dataset: DcmjsDataset, hasPixelData: boolean): Finding | undefined {
  const reason = burnedInReasonOf(dataset, hasPixelData);
  if (!reason) return undefined;
  return {
    rule: 'dicom/burned-in-reason',
    severity: 'info',
    location: reason.location,
    message: `may carry burned-in text (${reason.kind}): ${reason.text}`,
  };
}

/**
 * Throws {@link PolicyRejectedError} when the object may carry burned-in text and the policy does not
 * accept that. Returns the reason when the policy accepts it (for a warning), else undefined.
 */
export function checkBurnedIn(
  dataset: DcmjsDataset,
  hasPixelData: boolean,
  section: { readonly burnedInAnnotation: BurnedInAnnotationPolicy },
  file?: string,
): string | undefined {
  const reason = burnedInReason(dataset, hasPixelData);
  if (!reason) return undefined;
  if (section.burnedInAnnotation === 'accept') return reason;
  // The reason names attributes and a modality code, never a value that identifies anyone.
  throw new PolicyRejectedError(
    `${reason}; pixel data cannot be cleaned without a vision pass (set formats.dicom.burnedInAnnotation to "accept" to release as is)`,
    file ? { file } : {},
  );
}
