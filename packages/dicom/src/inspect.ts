/**
 * Independent verification of a de-identified DICOM output. It does not use dcmjs nor the engine: it
 * re-reads the bytes with our own walker and reports, as `error` findings that block release:
 *
 * - a string value (any depth, private or not) that contains one of the subject's known identifiers;
 * - the raw bytes outside pixel data containing an identifier of 4 characters or more (Latin-1 and UTF-8);
 * - a private attribute (unless Retain Safe Private is on and it is on the safe list);
 * - an attribute the profile removes (X) present with a value;
 * - a date left in place when no date option is on (only empty values and the 19000101 dummy may stay);
 * - a text value the policy keeps cleaned (Clean Descriptors, Clean Structured Content: descriptions,
 *   comments, SR TEXT items at any depth) in which the policy's text engine still finds a span at or
 *   above `text.residualConfidence` that is not one of our placeholders.
 *
 * Findings name the tag path, never the value.
 */
import type { Finding, InspectContext, ProfileOption } from '@medimagecleaner/core';
import {
  CHARSET_VRS,
  DEFAULT_CHARSET,
  decodeWindows1252,
  parseCharacterSet,
  type CharacterSet,
} from './charset.js';
import { createIdentifierMatcher, type IdentifierMatcher, type MatcherOptions } from './identifiers.js';
import { parsePart10, asciiValue, type Part10File } from './part10.js';
import { isCleanedText, residualTextSpans } from './residual-text.js';
import { dicomRulesOf } from './policy-section.js';
import { isSafePrivateElement } from './private-tags.js';
import { decide, findRow, isRemovedUnder } from './profile.js';
import {
  DOUBLE_FLOAT_PIXEL_DATA,
  FLOAT_PIXEL_DATA,
  PIXEL_DATA,
  formatTag,
  isPrivateCreatorTag,
  isPrivateTag,
} from './tags.js';
import type { PathStep, WalkedElement } from './walker.js';

const TEXT_VRS = new Set(['AE', 'CS', 'LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UR', 'UT']);
const TOKEN_VRS = new Set(['AS', 'DA', 'DS', 'DT', 'IS', 'TM']);
const PIXEL_TAGS = new Set([PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA]);

const SPECIFIC_CHARACTER_SET = 0x00080005;

/** How many prepared matchers are kept (a worker sees the files of a few subjects at a time). */
const MATCHER_CACHE_SIZE = 16;
const matchers = new Map<string, IdentifierMatcher>();

/**
 * A matcher for `identifiers`, compiled once per identifier list and options: the handler and this
 * verifier ask for the same subject's matcher on every file of a series. Least recently used entries
 * go first; the identifiers stay in this process's memory only, as the outcome's own do.
 */
export function cachedIdentifierMatcher(
  identifiers: readonly string[],
  options: MatcherOptions = {},
): IdentifierMatcher {
  const key = `${options.minLength ?? ''}\u0001${identifiers.join('\u0000')}`;
  let matcher = matchers.get(key);
  if (matcher) {
    matchers.delete(key);
  } else {
    matcher = createIdentifierMatcher(identifiers, options);
    if (matchers.size >= MATCHER_CACHE_SIZE) matchers.delete(matchers.keys().next().value!);
  }
  matchers.set(key, matcher);
  return matcher;
}

/** The rule ids of the verifier's findings. */
export const INSPECT_RULES = {
  unreadable: 'dicom/unreadable-output',
  identifier: 'dicom/residual-identifier',
  identifierBytes: 'dicom/residual-identifier-bytes',
  privateAttribute: 'dicom/private-attribute',
  removedAttribute: 'dicom/removed-attribute-present',
  datePresent: 'dicom/date-present',
  residualText: 'dicom/residual-text-phi',
} as const;

/** Verifies `output` (a written DICOM file) against the subject's identifiers and the policy. */
export async function inspectDicom(output: Uint8Array, ctx: InspectContext): Promise<Finding[]> {
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('aborted');
  let file: Part10File;
  try {
    file = parsePart10(output);
  } catch {
    return [
      {
        rule: INSPECT_RULES.unreadable,
        severity: 'error',
        location: 'file',
        message: 'the output does not parse as DICOM',
      },
    ];
  }
  const options = ctx.policy.options;
  const matcher = cachedIdentifierMatcher(ctx.knownIdentifiers);
  const findings: Finding[] = [];
  const latin1 = LATIN1;
  const rules = dicomRulesOf(ctx.policy);

  const checkLevel = (
    bytes: Uint8Array,
    elements: readonly WalkedElement[],
    path: readonly PathStep[],
    isMeta: boolean,
    inherited: CharacterSet,
  ): void => {
    const charset = isMeta ? DEFAULT_CHARSET : levelCharset(bytes, elements, inherited);
    const creators = new Map<number, string>();
    for (const e of elements) {
      if (isPrivateCreatorTag(e.tag)) creators.set(e.tag, asciiValue(bytes, e.valueStart, e.valueLength));
    }
    const creatorOf = (group: number, block: number): string | undefined =>
      creators.get(((group << 16) | block) >>> 0);
    const sequences = path.map((step) => step.tag);
    // A user rule that leaves a value on purpose (keep, replace, hash, shift...) is the policy's own
    // choice: it is not a removed attribute left behind. The subject-identifier checks still apply.
    const chosenByRule = (tag: number, vr: string | undefined): boolean => {
      if (!rules.size) return false;
      const rule = rules.decidingRule(tag, vr ?? 'UN', sequences, creatorOf);
      return rule !== undefined && rule.action !== 'remove';
    };
    for (const e of elements) {
      const location = pathText(path, e.tag);
      const chosen = chosenByRule(e.tag, e.vr);
      if (chosen) {
        // structural checks skipped; values are still checked below
      } else if (isPrivateTag(e.tag)) {
        const allowed =
          options.retainSafePrivate &&
          (isPrivateCreatorTag(e.tag) ? true : isSafePrivateElement(e.tag, creatorOf));
        if (!allowed) {
          findings.push({
            rule: INSPECT_RULES.privateAttribute,
            severity: 'error',
            location,
            message: 'a private attribute is present',
          });
        }
      } else if (e.valueLength > 0 && isRemovedUnder(e.tag, options, e.vr)) {
        findings.push({
          rule: INSPECT_RULES.removedAttribute,
          severity: 'error',
          location,
          message: 'an attribute the profile removes is present with a value',
        });
      }
      if (e.items) {
        e.items.forEach((item, index) =>
          checkLevel(bytes, item.elements, [...path, { tag: e.tag, item: index }], false, charset),
        );
        continue;
      }
      if (PIXEL_TAGS.has(e.tag) || e.fragments || e.valueLength === 0) continue;
      checkValue(bytes, e, location, charset, chosen);
      if (!isMeta && isCleanedText(e.tag, e.vr, sequences, options))
        checkFreeText(bytes, e, location, charset);
    }
  };

  const checkValue = (
    bytes: Uint8Array,
    e: WalkedElement,
    location: string,
    charset: CharacterSet,
    chosenByPolicy: boolean,
  ): void => {
    const raw = bytes.subarray(e.valueStart, e.valueStart + e.valueLength);
    const vr = e.vr;
    // Text VRs the character set applies to are decoded with it (ISO 2022 included); others are ASCII.
    const text = (): string =>
      (CHARSET_VRS.has(vr ?? 'UT') ? charset.decode(raw, vr ?? 'UT') : latin1.decode(raw)).replace(
        /[\0 ]+$/,
        '',
      );
    if (vr === 'UI') {
      if (matcher.inUid(latin1.decode(raw))) pushIdentifier(findings, location, 'uid');
      return;
    }
    if (vr !== undefined && TOKEN_VRS.has(vr)) {
      const value = latin1.decode(raw).replace(/[\0 ]+$/, '');
      if (matcher.inTokens(value))
        pushIdentifier(findings, location, vr === 'DA' || vr === 'DT' ? 'date' : 'id');
      if (
        (vr === 'DA' || vr === 'DT') &&
        !options.retainLongitudinalFullDates &&
        !options.retainLongitudinalModifiedDates &&
        !keptByOption(e.tag, options, vr) &&
        !chosenByPolicy
      ) {
        const dated = value.split('\\').some((v) => v.trim() !== '' && !v.trim().startsWith('19000101'));
        if (dated && !isPrivateTag(e.tag)) {
          findings.push({
            rule: INSPECT_RULES.datePresent,
            severity: 'error',
            location,
            message: 'a date is present although no date option is on',
            phiType: 'date',
          });
        }
      }
      return;
    }
    if (vr !== undefined && TEXT_VRS.has(vr)) {
      // Coded strings are terms, not names: only one with digits can carry an ID (see the engine's sweep).
      if (vr === 'CS' && !/\d/.test(text())) return;
      if (matcher.inText(text()))
        pushIdentifier(findings, location, vr === 'PN' ? 'name' : 'subject-identifier');
      return;
    }
    if (vr === undefined && looksLikeText(raw)) {
      // Implicit VR: no VR to go by; a value that reads as text is checked as text.
      if (matcher.inText(text()) || matcher.inTokens(latin1.decode(raw)))
        pushIdentifier(findings, location, 'subject-identifier');
    }
  };

  /** Free text the policy keeps cleaned: the text engine must find nothing of high confidence left. */
  const checkFreeText = (
    bytes: Uint8Array,
    e: WalkedElement,
    location: string,
    charset: CharacterSet,
  ): void => {
    const vr = e.vr ?? 'UT';
    const value = charset.decode(bytes.subarray(e.valueStart, e.valueStart + e.valueLength), vr);
    const types = new Set(residualTextSpans(value.replace(/[\0 ]+$/, ''), vr, ctx).map((s) => s.type));
    for (const phiType of types) {
      findings.push({
        rule: INSPECT_RULES.residualText,
        severity: 'error',
        location,
        message: 'a cleaned text value still contains a high-confidence PHI span',
        phiType,
      });
    }
  };

  checkLevel(file.metaBytes, file.meta, [], true, DEFAULT_CHARSET);
  checkLevel(file.datasetBytes, file.dataset, [], false, DEFAULT_CHARSET);
  scanRawBytes(
    file,
    findings,
    ctx.knownIdentifiers,
    levelCharset(file.datasetBytes, file.dataset, DEFAULT_CHARSET),
  );
  return findings;
}

/** Latin-1 as browsers read it (Windows-1252), natively for the common case. */
const LATIN1 = { decode: decodeWindows1252 };
const UTF8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The character set of a dataset level: its own (0008,0005), else the enclosing level's. An undefined
 * term falls back to Latin-1 (the bytes are still searched; only the decoding may be less exact).
 */
function levelCharset(
  bytes: Uint8Array,
  elements: readonly WalkedElement[],
  inherited: CharacterSet,
): CharacterSet {
  const element = elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET);
  if (!element) return inherited;
  try {
    return parseCharacterSet(asciiValue(bytes, element.valueStart, element.valueLength));
  } catch {
    return DEFAULT_CHARSET;
  }
}

/** True when an option column keeps the attribute as it is (e.g. calibration dates under Retain Device Identity). */
function keptByOption(tag: number, options: Readonly<Record<ProfileOption, boolean>>, vr: string): boolean {
  const row = findRow(tag);
  if (!row) return false;
  const decision = decide(row, options, vr);
  return decision.code === 'K' && decision.from !== 'basic';
}

function pushIdentifier(findings: Finding[], location: string, phiType: Finding['phiType']): void {
  findings.push({
    rule: INSPECT_RULES.identifier,
    severity: 'error',
    location,
    message: "a value contains one of the subject's identifiers",
    ...(phiType ? { phiType } : {}),
  });
}

/** `(0040,0275)[0](0008,1030)`. */
function pathText(path: readonly PathStep[], tag: number): string {
  return path.map((s) => `${formatTag(s.tag)}[${s.item}]`).join('') + formatTag(tag);
}

/** True when bytes look like text: printable, with at most NUL/space padding. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length > 65536) return false;
  let printable = 0;
  for (const b of bytes)
    if ((b >= 0x20 && b < 0x7f) || b >= 0xa0 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x00)
      printable++;
  return printable === bytes.length;
}

/**
 * Searches the file's bytes outside pixel data (and outside UID, number and date values, which are
 * checked token by token above) for identifiers of 4 characters or more, read as Latin-1 and as UTF-8.
 */
function scanRawBytes(
  file: Part10File,
  findings: Finding[],
  identifiers: readonly string[],
  charset: CharacterSet,
): void {
  const long = cachedIdentifierMatcher(identifiers, { minLength: 4 });
  if (long.size === 0) return;
  const regions: Array<{ bytes: Uint8Array; skips: Array<[number, number]> }> = [
    {
      bytes: file.metaBytes.subarray(0, file.meta.length > 0 ? file.meta[file.meta.length - 1]!.end : 0),
      skips: [],
    },
    { bytes: file.datasetBytes, skips: [] },
  ];
  collectSkips(file.meta, regions[0]!.skips);
  collectSkips(file.dataset, regions[1]!.skips);
  // The dataset's own character set too, when it is neither of those (ISO 2022, GB18030...).
  const other = charset.utf8 || charset.ascii || charset.terms.join() === 'ISO_IR 100' ? undefined : charset;
  for (const region of regions) {
    const skips = region.skips.sort((a, b) => a[0] - b[0]);
    let pos = 0;
    const segments: Uint8Array[] = [];
    for (const [s, e] of skips) {
      if (s > pos) segments.push(region.bytes.subarray(pos, s));
      pos = Math.max(pos, e);
    }
    if (pos < region.bytes.length) segments.push(region.bytes.subarray(pos));
    for (const segment of segments) {
      if (
        long.inText(LATIN1.decode(segment)) ||
        long.inText(UTF8.decode(segment)) ||
        (other !== undefined && long.inText(other.decode(segment, 'UT')))
      ) {
        findings.push({
          rule: INSPECT_RULES.identifierBytes,
          severity: 'error',
          location: 'file bytes',
          message: "the file bytes outside pixel data contain one of the subject's identifiers",
        });
        return;
      }
    }
  }
}

/** Value spans the raw scan leaves out: pixel data, UID, number and date values (checked by token), coded strings. */
function collectSkips(elements: readonly WalkedElement[], skips: Array<[number, number]>): void {
  for (const e of elements) {
    if (PIXEL_TAGS.has(e.tag) || (e.vr !== undefined && (e.vr === 'UI' || TOKEN_VRS.has(e.vr)))) {
      skips.push([e.valueStart, e.end]);
      continue;
    }
    if (e.vr === 'CS' && !e.items) {
      // Coded terms are checked element by element (only those with digits can carry an ID).
      skips.push([e.valueStart, e.end]);
      continue;
    }
    if (e.items) for (const item of e.items) collectSkips(item.elements, skips);
  }
}
