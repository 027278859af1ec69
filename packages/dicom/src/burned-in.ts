/**
 * The burned-in text gate. Header de-identification cannot remove text drawn into pixels. Until a
 * vision pass can satisfy the Clean Pixel Data option, objects that may carry such text are refused
 * (PolicyRejectedError) unless the policy's DICOM section says `burnedInAnnotation: "accept"`.
 */
import { PolicyRejectedError } from '@medimagecleaner/core';
import type { DcmjsDataset } from './dcmjs-io.js';
import type { DicomPolicySection } from './policy-section.js';
import { firstString } from './values.js';

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

/** Why an object may carry burned-in text, or undefined when nothing suggests it. */
export function burnedInReason(dataset: DcmjsDataset, hasPixelData: boolean): string | undefined {
  if (!hasPixelData) return undefined;
  if (firstString(dataset, '00280301').toUpperCase() === 'YES') return 'BurnedInAnnotation is YES';
  if (firstString(dataset, '00280302').toUpperCase() === 'YES') return 'RecognizableVisualFeatures is YES';
  const modality = firstString(dataset, '00080060').toUpperCase();
  if (BURNED_IN_MODALITIES.has(modality)) return `modality ${modality} often carries burned-in text`;
  if (isSecondaryCaptureClass(firstString(dataset, '00080016')))
    return 'secondary capture images often carry burned-in text';
  return undefined;
}

/**
 * Throws {@link PolicyRejectedError} when the object may carry burned-in text and the policy does not
 * accept that. Returns the reason when the policy accepts it (for a warning), else undefined.
 */
export function checkBurnedIn(
  dataset: DcmjsDataset,
  hasPixelData: boolean,
  section: DicomPolicySection,
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
