/**
 * Types of the validation toolkit: synthetic DICOM cases with an answer key, and their verification.
 */

/** Where a synthetic case puts identifying values. */
export type SyntheticPlace =
  | 'names'
  | 'dates'
  | 'ids'
  | 'free-text'
  | 'nested-sequences'
  | 'private-tags'
  | 'sr'
  | 'overlays'
  | 'un-vr'
  | 'file-meta';

/** Every place, in a fixed order. */
export const SYNTHETIC_PLACES: readonly SyntheticPlace[] = [
  'names',
  'dates',
  'ids',
  'free-text',
  'nested-sequences',
  'private-tags',
  'sr',
  'overlays',
  'un-vr',
  'file-meta',
];

/** Options of `makeSyntheticCase`. */
export interface SyntheticCaseOptions {
  /** Where to inject identifiers. Default: every place. */
  readonly places?: readonly SyntheticPlace[];
  /**
   * Varies the synthetic subject (names, IDs, UIDs, dates) deterministically: cases of different
   * seeds are different people. Default 0.
   */
  readonly seed?: number;
}

/** An identifying string the case carries: after de-identification it must be gone. */
export interface InjectedIdentifier {
  /** The synthetic value (never a real person's). */
  readonly value: string;
  /** The place that put it there; `base` for what every case carries (patient name and ID, instance UIDs). */
  readonly place: SyntheticPlace | 'base';
  /** Where it was put, e.g. `(0040,A730)[0](0040,A160) TextValue` or `meta (0002,0016)`. */
  readonly where: string;
}

/** A technical attribute that must keep its value through de-identification. */
export interface MustKeepAttribute {
  readonly keyword: string;
  /** `GGGGEEEE`. */
  readonly tag: string;
  readonly vr: string;
  /** The values as written (numbers for binary numbers and decimal strings). */
  readonly value: ReadonlyArray<string | number>;
}

/** The answer key of a synthetic case (JSON-serialisable; holds only synthetic values). */
export interface SyntheticAnswerKey {
  readonly version: 1;
  readonly places: readonly SyntheticPlace[];
  readonly seed: number;
  /** Every injected identifying string (a value put in several places is listed once per place). */
  readonly identifiers: readonly InjectedIdentifier[];
  /** Every must-keep attribute with its value. */
  readonly mustKeep: readonly MustKeepAttribute[];
  /** SHA-256 (hex) of the Pixel Data value. */
  readonly pixelDataSha256: string;
}

/** A synthetic DICOM Part 10 file and its answer key. */
export interface SyntheticCase {
  readonly bytes: Uint8Array;
  readonly answerKey: SyntheticAnswerKey;
}

/** What `verifyCase` found. */
export interface CaseVerification {
  /** Injected identifiers still present in the output (the synthetic values themselves, each once). */
  readonly leaked: string[];
  /** Must-keep attributes whose value changed or went (keywords; `PixelData` for the pixels). */
  readonly changed: string[];
}
