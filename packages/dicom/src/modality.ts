/**
 * Modality rules: what an object's kind means for de-identification, reported as findings (`info` or
 * `warning`) that name attributes and counts, never values. Read on the original dataset, before the
 * profile runs.
 *
 * - Localizers (scouts): flagged; research sets often leave them out, and they often show annotations.
 * - Ultrasound regions: flagged for the pixel pass (the areas outside the regions are where burned-in
 *   text sits).
 * - Radiation dose reports (X-Ray, Enhanced X-Ray, Patient, Radiopharmaceutical RDSR): numeric content
 *   items (CTDIvol, DLP, doses) are kept by the profile while person names, text and dates of the
 *   content tree are replaced or cleaned; the finding says so.
 * - PET: decay correction needs the radiopharmaceutical start and the series/acquisition times on one
 *   clock. Under Modified Dates every date moves by the subject's whole-day offset and times stay, so
 *   intervals survive; without a date option they are removed, and the finding says so.
 * - Burned-in text: the gate's reason (see `burned-in.ts`) for objects it let through.
 */
import type { Finding, ProfileOption } from '@medimagecleaner/core';
import { burnedInFinding } from './burned-in.js';
import type { DcmjsDataset } from './dcmjs-io.js';
import { firstString, sequenceItems, stringValues } from './values.js';

/** Radiation dose structured report SOP classes. */
export const RADIATION_DOSE_SR_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.88.67': 'X-Ray Radiation Dose SR',
  '1.2.840.10008.5.1.4.1.1.88.76': 'Enhanced X-Ray Radiation Dose SR',
  '1.2.840.10008.5.1.4.1.1.88.73': 'Patient Radiation Dose SR',
  '1.2.840.10008.5.1.4.1.1.88.68': 'Radiopharmaceutical Radiation Dose SR',
};

/** PET SOP classes (PET, Enhanced PET, Legacy Converted Enhanced PET). */
const PET_CLASSES: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.1.1.128',
  '1.2.840.10008.5.1.4.1.1.130',
  '1.2.840.10008.5.1.4.1.1.128.1',
]);

/** True when Image Type (0008,0008) says LOCALIZER or SCOUT (any value). */
export function isLocalizer(dataset: DcmjsDataset): boolean {
  return stringValues(dataset['00080008']).some((v) => /^(LOCALIZER|SCOUT)$/i.test(v.trim()));
}

/** True for a PET object (by SOP class or modality PT). */
export function isPet(dataset: DcmjsDataset): boolean {
  return (
    PET_CLASSES.has(firstString(dataset, '00080016')) ||
    firstString(dataset, '00080060').toUpperCase() === 'PT'
  );
}

/** Numeric content items (NUM) anywhere in an SR content tree. */
function countNumericItems(items: readonly DcmjsDataset[]): number {
  let n = 0;
  for (const item of items) {
    if (firstString(item, '0040A040').toUpperCase() === 'NUM') n++;
    const children = item['0040A730'];
    if (children) n += countNumericItems(sequenceItems(children));
  }
  return n;
}

/** The findings of the modality rules for one object (original dataset, before the profile). */
export function modalityFindings(
  dataset: DcmjsDataset,
  options: Readonly<Record<ProfileOption, boolean>>,
): Finding[] {
  const findings: Finding[] = [];
  if (isLocalizer(dataset)) {
    findings.push({
      rule: 'dicom/localizer',
      severity: 'info',
      location: '(0008,0008)',
      message:
        'a localizer (scout) image: research sets often leave these out, and they often show annotations',
    });
  }

  const regions = dataset['00186011'];
  if (regions) {
    const count = sequenceItems(regions).length;
    findings.push({
      rule: 'dicom/ultrasound-regions',
      severity: 'info',
      location: '(0018,6011)',
      message: `${count} ultrasound region(s) described (kept): burned-in text usually sits outside them, where a pixel pass should look`,
    });
  }

  const sopClass = firstString(dataset, '00080016');
  const doseReport = RADIATION_DOSE_SR_CLASSES[sopClass];
  if (doseReport) {
    const numeric = countNumericItems(sequenceItems(dataset['0040A730'] ?? { vr: 'SQ', Value: [] }));
    findings.push({
      rule: 'dicom/radiation-dose-report',
      severity: 'info',
      location: '(0040,A730)',
      message: `${doseReport}: ${numeric} numeric content item(s) (CTDIvol, DLP, doses) kept; person names, text and dates of the content tree replaced or cleaned, UIDs remapped`,
    });
  }

  if (isPet(dataset) && !options.retainLongitudinalModifiedDates && !options.retainLongitudinalFullDates) {
    findings.push({
      rule: 'dicom/pet-timing-removed',
      severity: 'warning',
      location: '(0054,0016)',
      message:
        'PET timing (radiopharmaceutical start, series and acquisition dates) removed or replaced: decay correction needs Retain Longitudinal Temporal Information (Modified Dates), which moves every date of the subject by one offset',
    });
  }

  const hasImagePixels = dataset['00280010'] !== undefined && dataset['00280011'] !== undefined;
  const burnedIn = burnedInFinding(dataset, hasImagePixels);
  if (burnedIn) findings.push(burnedIn);
  return findings;
}
