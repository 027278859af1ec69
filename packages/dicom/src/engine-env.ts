/**
 * The contract between the profile engine and the user rules it consults: the environment of one
 * object's de-identification and the place where the engine met an element. It sits below both, so
 * the rules can name the engine's environment and the engine can call the rules without either
 * importing the other.
 */
import type {
  Finding,
  LearnedWord,
  ProfileOption,
  Pseudonymizer,
  TextPhiDetector,
} from '@medimagecleaner/core';
import type { ActionRecorder } from './actions.js';
import type { DcmjsDataset, DcmjsElement } from './dcmjs-io.js';
import type { IdentifierMatcher } from './identifiers.js';
import type { CreatorLookup } from './private-tags.js';

/** Where the engine met an element: what a user rule needs to act on it. */
export interface RuleSite {
  readonly dataset: DcmjsDataset;
  readonly key: string;
  readonly tag: number;
  readonly element: DcmjsElement;
  /** Tags of the sequences the element is in, outermost first (empty at the top level). */
  readonly sequences: readonly number[];
  /** True inside structured content (an SR tree) or a dummied sequence, where the profile does not keep free text. */
  readonly profileCleansText: boolean;
  /** The private creator strings of this dataset level. */
  readonly creatorOf: CreatorLookup;
  /** Private tags of this level kept under Retain Safe Private. */
  readonly keptPrivate: ReadonlySet<number>;
  /** Processes the items of this sequence element with the rules and the profile. */
  recurse(): void;
}

/** What the engine asks of the user rules (`CompiledDicomRules` of `rules/match.ts` is one). */
export interface UserRules {
  /** How many rules there are (the engine skips the hook when there are none). */
  readonly size: number;
  /**
   * Applies the best rule for the element at `site`. Returns true when a rule decided (the profile
   * must then leave the element alone), false when none applies.
   */
  apply(site: RuleSite, env: EngineEnv): boolean;
}

/** What the engine needs besides the dataset. */
export interface EngineEnv {
  /** Every PS3.15 option, on or off. */
  readonly options: Readonly<Record<ProfileOption, boolean>>;
  readonly pseudonyms: Pseudonymizer;
  readonly text: TextPhiDetector;
  /** Key of the subject every pseudonym and the date offset derive from. */
  readonly subjectKey: string;
  /** The subject's original identifiers (for text cleaning). */
  readonly knownIdentifiers: readonly string[];
  /** Other people named in structured fields of the record (for text cleaning). */
  readonly knownNames?: readonly string[];
  /** Words the record's own free text shows to be PHI (for text cleaning of every value). */
  readonly learned?: readonly LearnedWord[];
  /** Matches those identifiers. */
  readonly matcher: IdentifierMatcher;
  readonly recorder: ActionRecorder;
  /** Warnings and notes for the outcome. */
  readonly findings: Finding[];
  /** User rules of `formats.dicom.rules`, consulted before the profile for every element. */
  readonly rules?: UserRules;
  /** Under Clean Graphics, keep overlay bitmaps unchecked (policy `overlayBitmaps: keep`); else they go. */
  readonly keepOverlayBitmaps?: boolean;
}
