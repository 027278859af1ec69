/**
 * User rules of the DICOM policy section (`formats.dicom.rules`): the JSON shape users write (or the
 * text recipe compiles to), and the compiled form the engine consults.
 */

/** What a user rule does to the attributes it selects. */
export type DicomRuleAction =
  'keep' | 'remove' | 'empty' | 'replace' | 'hash' | 'uid' | 'shift' | 'jitter' | 'clean' | 'regex-replace';

/** Every action, in the order the README documents them. */
export const DICOM_RULE_ACTIONS: readonly DicomRuleAction[] = [
  'keep',
  'remove',
  'empty',
  'replace',
  'hash',
  'uid',
  'shift',
  'jitter',
  'clean',
  'regex-replace',
];

/**
 * One user rule, as written in `formats.dicom.rules` (JSON or YAML) or produced by
 * {@link parseDicomRecipe}. Exactly one selector kind: `keyword`, `tag`, `privateCreator` (with
 * `element`, optionally `group`) or `vr`.
 */
export interface DicomRule {
  /** A DICOM keyword of the dcmjs dictionary, e.g. `StudyDescription`. */
  readonly keyword?: string;
  /**
   * A tag, `(0010,0010)` or `00100010`, or a tag pattern where `x` stands for any hex digit:
   * `(0009,xx10)`, `(50xx,xxxx)`, `(0019,10xx)`.
   */
  readonly tag?: string;
  /** A private creator string, e.g. `SIEMENS CSA HEADER`: selects `(gggg,xxEE)` in the block it reserved. */
  readonly privateCreator?: string;
  /** With `privateCreator`: the element offset in the block, hex `0x10` or `10` (00-FF). */
  readonly element?: string;
  /** With `privateCreator`: only in this odd group (hex, e.g. `0029`); any group when absent. */
  readonly group?: string;
  /** Every attribute of this VR (public attributes only), e.g. `PN`. */
  readonly vr?: string;
  /** Only inside this sequence (a keyword of a sequence attribute, or its tag), at any depth below it. */
  readonly inSequence?: string;
  /** What to do. */
  readonly action: DicomRuleAction;
  /** `replace`: the new value (multiple values separated by `\`; numbers for binary number VRs). */
  readonly value?: string | number;
  /** `jitter`: the largest shift in days (1-36500); the keyed shift is in `[-days, days]`, never 0. */
  readonly days?: number;
  /** `regex-replace`: a JavaScript regular expression (every match is replaced). */
  readonly pattern?: string;
  /** `regex-replace`: flags among `i`, `m`, `s`, `u` (`g` is implied). */
  readonly flags?: string;
  /** `regex-replace`: the replacement (`$1`, `$<name>` refer to groups). */
  readonly replacement?: string;
}

/**
 * Precedence ranks (lower wins): an exact tag (keyword or tag without `x`), a private creator element,
 * a tag pattern, a VR. Below them: the profile options, then the Basic Profile.
 */
export const RULE_RANKS = { exact: 1, privateCreator: 2, pattern: 3, vr: 4 } as const;

/** The rank of a rule's selector kind. */
export type RuleRank = (typeof RULE_RANKS)[keyof typeof RULE_RANKS];

/** How a compiled rule selects attributes. */
export type CompiledSelector =
  | { readonly kind: 'exact'; readonly tag: number }
  /** Each of `value`'s bits under `mask` must match (`x` digits have mask 0). */
  | { readonly kind: 'pattern'; readonly value: number; readonly mask: number }
  /** A keyword of a repeating group (50xx / 60xx): even groups base..base+0x1E, this element. */
  | { readonly kind: 'repeating'; readonly base: number; readonly element: number }
  | {
      readonly kind: 'privateCreator';
      readonly creator: string;
      readonly offset: number;
      readonly group: number | undefined;
    }
  | { readonly kind: 'vr'; readonly vr: string };

/** A validated rule, ready to match. */
export interface CompiledDicomRule {
  /** Position in `formats.dicom.rules` (later rules win among rules of one rank). */
  readonly index: number;
  readonly rank: RuleRank;
  readonly selector: CompiledSelector;
  /** `(0008,1030) StudyDescription`, `(0009,xx10)`, `"SIEMENS CSA HEADER" (xxxx,xx10)`, `VR PN`: for records and findings. */
  readonly label: string;
  /** The dictionary VR when the selector names one attribute (keyword or exact public tag). */
  readonly knownVr: string | undefined;
  /** Tag of the sequence the rule is restricted to. */
  readonly inSequence: number | undefined;
  readonly action: DicomRuleAction;
  /** `replace`: the value as written (split on `\` by the VR it is written in). */
  readonly value: string | undefined;
  readonly days: number | undefined;
  readonly regex: RegExp | undefined;
  readonly replacement: string | undefined;
}
