/**
 * The `formats.dicom` section of a policy: its JSON Schema (checked by the core at policy load) and its
 * reading with defaults.
 */
import type { ResolvedPolicy } from '@medimagecleaner/core';

/** What to do with objects that may show burned-in text (see `burned-in.ts`). */
export type BurnedInAnnotationPolicy = 'quarantine' | 'accept';

/** The DICOM section of a policy, defaults filled in. */
export interface DicomPolicySection {
  /**
   * `quarantine` (default): refuse objects that may carry burned-in text while no vision pass can
   * clean pixels. `accept`: release them with their pixels as they are (the user takes the risk).
   */
  readonly burnedInAnnotation: BurnedInAnnotationPolicy;
}

/** JSON Schema of `formats.dicom` (draft 2020-12 compatible, no unknown keys). */
export const DICOM_POLICY_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'medimagecleaner policy: DICOM section',
  type: 'object',
  additionalProperties: false,
  properties: {
    burnedInAnnotation: {
      description:
        'Objects that may show burned-in text (BurnedInAnnotation YES, ultrasound, secondary capture, ...): "quarantine" (default) refuses them until a vision pass can clean pixels; "accept" releases them with pixels unchanged.',
      enum: ['quarantine', 'accept'],
    },
  },
});

/** Reads `policy.formats.dicom` with defaults. Unknown values fall back to the safe default. */
export function dicomSection(policy: ResolvedPolicy): DicomPolicySection {
  const section = policy.formats?.['dicom'] ?? {};
  return {
    burnedInAnnotation: section['burnedInAnnotation'] === 'accept' ? 'accept' : 'quarantine',
  };
}
