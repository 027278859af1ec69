/**
 * The de-identification engine: applies PS3.15 Table E.1-1 and the options in force to a dcmjs
 * tag-keyed dataset, in place, by tag whatever the VR, at every depth. Beyond the table it treats every
 * DA/DT element as a date, every UI element as a UID to remap, every PN element as a name, removes every
 * private attribute (keeping only safe ones under Retain Safe Private) and elements whose VR is unknown.
 */
import { shiftDate, shiftDateTime } from './dates.js';
import type { DcmjsDataset, DcmjsElement } from './dcmjs-io.js';
import { defaultCode, isCodeAttribute } from './default-codes.js';
import type { EngineEnv } from './engine-env.js';
import { firstClean } from './identifiers.js';
import { retainedPrivateTags } from './private-tags.js';
import { dropUnsatisfiedConditionals } from './iod-types.js';
import { modalityFindings } from './modality.js';
import { CLASS_UID_TAGS, remapUnregisteredUid } from './uid-registry.js';
import { decide, findRow, isRepeatingGroup, type ActionCode, type Decision } from './profile.js';
import { REDACTED, cleanText } from './text-cleaning.js';
import {
  ALWAYS_REMOVED_TAGS,
  elementOf,
  groupOf,
  isGroupLengthTag,
  isPrivateCreatorTag,
  isPrivateTag,
  parseTagKey,
  tagKey,
} from './tags.js';
import {
  BINARY_VRS,
  MAX_CHARS,
  firstString,
  isEmptyElement,
  sequenceItems,
  setEmpty,
  setValues,
  stringValues,
} from './values.js';

// The engine's environment lives below the engine and the user rules (see engine-env.ts); it is
// re-exported here for the callers that build one.
export type { EngineEnv } from './engine-env.js';

/** Text VRs replaced inside a dummied sequence. */
const DUMMIED_TEXT_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'LT', 'ST', 'UT', 'UC', 'PN']);

/** Coding Scheme Designator and Version: not identifying, and needed for a valid code item. */
const CODING_SCHEME_TAGS: ReadonlySet<number> = new Set([0x00080102, 0x00080103]);

/** Text VRs treated as free text inside structured content. */
const TEXT_IN_CONTENT: ReadonlySet<string> = new Set(['LO', 'LT', 'SH', 'ST', 'UC', 'UT']);

/** Dummy values (D) by VR. Text dummies are checked against the subject's identifiers. */
const TEXT_DUMMIES = ['ANONYMIZED', 'REMOVED', 'NONE'];

/** Enumerated CS values that may stay when a CS attribute is to be replaced with a dummy (D). */
const SAFE_CS_VALUES: Readonly<Record<string, readonly string[]>> = {
  '04000565': ['COERCE', 'CORRECT'], // Reason for the Attribute Modification
};

/**
 * Applies the profile to `dataset` (the top level of an instance) in place. Sets the pseudonymous
 * PatientID and PatientName; remapping and date shifting use `env`. Does not touch the file meta
 * information nor the de-identification method attributes (see `method.ts`).
 */
export function applyProfile(dataset: DcmjsDataset, env: EngineEnv): void {
  processDataset(dataset, env, {
    depth: 0,
    structured: false,
    sopClass: firstString(dataset, '00080016'),
    functionalGroups: dataset['52009229'] !== undefined,
    commonInstanceReference: dataset['00081115'] !== undefined || dataset['00081200'] !== undefined,
  });
  env.findings.push(...modalityFindings(dataset, env.options));
  dropUnsatisfiedConditionals(dataset, (tag) => env.recorder.addTag(tag, 'remove'));
  setPatientPseudonyms(dataset, env);
}

/** Where a dataset sits: its nesting depth, and whether it is inside structured content (SR trees). */
interface Level {
  readonly depth: number;
  readonly structured: boolean;
  /**
   * Inside a sequence replaced with a dummy (D), such as Person Identification Code Sequence: its items
   * identify by content, so their free text and codes become dummies too (coding schemes stay).
   */
  readonly dummied?: boolean;
  /** SOP Class UID of the object: combined action codes are settled by the attribute's Type in its IOD. */
  readonly sopClass: string;
  /** True when the object has functional groups (an enhanced multi-frame object of an unknown SOP class). */
  readonly functionalGroups: boolean;
  /** True when the object lists its references in a Common Instance Reference Module. */
  readonly commonInstanceReference: boolean;
  /** The sequence whose item this dataset is (absent at the top level). */
  readonly parent?: number;
  /** Tags of the enclosing sequences, outermost first (for user rules restricted to a sequence). */
  readonly sequences?: readonly number[];
  /** Inside a graphic annotation, layer or group under Clean Graphics: free text is cleaned. */
  readonly graphics?: boolean;
}

/** Sequences whose items hold presentation graphics text (Clean Graphics cleans it). */
const GRAPHICS_SEQUENCES: ReadonlySet<number> = new Set([
  0x00700001, // Graphic Annotation Sequence (Text Object Sequence > Unformatted Text Value, ...)
  0x00700060, // Graphic Layer Sequence (Graphic Layer Description)
  0x00700234, // Graphic Group Sequence (Graphic Group Label, Description)
]);

/** Sequences that hold structured content (the rows of Table E.1-1 with a Clean Structured Content column). */
const STRUCTURED_CONTENT_SEQUENCES: ReadonlySet<number> = new Set([
  0x0040a730, // Content Sequence
  0x00400555, // Acquisition Context Sequence
  0x00400610, // Specimen Preparation Sequence
]);

function processDataset(dataset: DcmjsDataset, env: EngineEnv, level: Level): void {
  const depth = level.depth;
  const keys = Object.keys(dataset);
  const tags = keys.map(parseTagKey);
  const creatorOf = (group: number, block: number): string | undefined => {
    const creator = dataset[tagKey(((group << 16) | block) >>> 0)];
    return creator ? stringValues(creator)[0] : undefined;
  };
  const keptPrivate = env.options.retainSafePrivate
    ? retainedPrivateTags(
        tags.filter((t) => !Number.isNaN(t)),
        creatorOf,
      )
    : new Set<number>();

  keys.forEach((key, index) => {
    const tag = tags[index]!;
    const element = dataset[key]!;
    if (Number.isNaN(tag) || groupOf(tag) === 0x0002 || isGroupLengthTag(tag)) {
      delete dataset[key];
      env.recorder.add(
        Number.isNaN(tag) ? 'malformed-tag' : isGroupLengthTag(tag) ? 'group-length' : 'file-meta-in-dataset',
        'remove',
      );
      return;
    }
    if (depth === 0 && (tag === 0x00100010 || tag === 0x00100020)) return; // replaced by setPatientPseudonyms
    if (ALWAYS_REMOVED_TAGS.has(tag)) {
      delete dataset[key];
      env.recorder.addTag(tag, 'remove');
      return;
    }
    // User rules first (rules/): the best rule that selects the element decides instead of the profile.
    if (env.rules?.size) {
      const sequences = level.sequences ?? [];
      const profileCleansText = level.structured || level.dummied === true;
      const site = { dataset, key, tag, element, sequences, profileCleansText, creatorOf, keptPrivate };
      if (env.rules.apply({ ...site, recurse: () => recurse(element, tag, env, level) }, env)) return;
    }
    if (isPrivateTag(tag)) {
      if (keptPrivate.has(tag)) {
        env.recorder.add('private-safe', 'keep');
        if (element.vr === 'SQ') recurse(element, tag, env, level);
      } else {
        delete dataset[key];
        env.recorder.add(isPrivateCreatorTag(tag) ? 'private-creator' : 'private', 'remove');
      }
      return;
    }
    const vr = effectiveVr(element);
    if (vr !== element.vr) element.vr = vr;
    if (
      env.options.cleanGraphics &&
      env.keepOverlayBitmaps &&
      isRepeatingGroup(groupOf(tag), 0x6000) &&
      overlayGroupReadable(dataset, groupOf(tag))
    ) {
      cleanOverlayElement(element, tag, vr, env);
      return;
    }
    if (isRepeatingGroup(groupOf(tag), 0x6000) || isRepeatingGroup(groupOf(tag), 0x5000)) {
      removeGraphics(dataset, key, tag, env);
      return;
    }
    const row = findRow(tag);
    const decision: Decision | undefined = row
      ? decide(row, env.options, vr, {
          sopClassUid: level.sopClass,
          parent: level.parent,
          functionalGroups: level.functionalGroups,
          commonInstanceReference: level.commonInstanceReference,
        })
      : undefined;
    let code = decision?.code ?? defaultCode(tag, vr, env.options);
    if (!decision && level.structured && code === 'K' && TEXT_IN_CONTENT.has(vr) && !isCodeAttribute(tag)) {
      // Free text in structured content (an SR TEXT item, a comment): cleaned under Clean Structured
      // Content, else replaced by a dummy like the Content Sequence that holds it.
      code = env.options.cleanStructuredContent ? 'C' : 'D';
    }
    if (level.dummied && code === 'K' && DUMMIED_TEXT_VRS.has(vr) && !CODING_SCHEME_TAGS.has(tag)) code = 'D';
    // Text of presentation graphics (an annotation's Unformatted Text Value...) under Clean Graphics.
    if (!decision && level.graphics && code === 'K' && TEXT_IN_CONTENT.has(vr) && !isCodeAttribute(tag))
      code = 'C';
    applyCode(dataset, key, tag, element, vr, code, decision, env, level);
  });
}

/**
 * The VR to act on. dcmjs already replaces UN by the dictionary VR for tags it knows (and reads the
 * value by it); a UN left is an attribute nobody can interpret. `ox`/`xs` (dictionary choices) read as OW/US.
 */
function effectiveVr(element: DcmjsElement): string {
  if (element.vr === 'ox') return 'OW';
  if (element.vr === 'xs') return 'US';
  return element.vr;
}

function applyCode(
  dataset: DcmjsDataset,
  key: string,
  tag: number,
  element: DcmjsElement,
  vr: string,
  code: ActionCode,
  decision: Decision | undefined,
  env: EngineEnv,
  level: Level,
): void {
  const rec = env.recorder;
  if (vr === 'UN') {
    // dcmjs could not give the value a meaning: nothing but removal is safe.
    delete dataset[key];
    rec.addTag(tag, 'remove');
    return;
  }
  switch (code) {
    case 'X':
      delete dataset[key];
      rec.addTag(tag, 'remove');
      return;
    case 'Z':
      if (!isEmptyElement(element)) rec.addTag(tag, 'empty');
      setEmpty(element);
      return;
    case 'K':
      if (vr === 'SQ') recurse(element, tag, env, level);
      if (vr === 'UI' && CLASS_UID_TAGS.has(tag) && !env.options.retainUIDs)
        remapUnregisteredClassUids(element, tag, env);
      if (decision && decision.from !== 'basic') rec.addTag(tag, 'keep');
      return;
    case 'U':
      if (vr === 'SQ') {
        recurse(element, tag, env, level);
        return;
      }
      if (vr === 'UI') {
        remapUids(element, tag, env);
        return;
      }
      if (!isEmptyElement(element)) rec.addTag(tag, 'empty');
      setEmpty(element);
      return;
    case 'D':
      dummy(element, tag, vr, env, level);
      return;
    case 'C':
      clean(dataset, key, element, tag, vr, env, level);
      return;
  }
}

/**
 * Clean Graphics: an overlay plane stays. Its text (description, label, comments) is cleaned like any
 * free text (text detector, then the subject's identifiers); its bitmap is kept as it is, with a
 * warning, since no vision pass reads text drawn into it.
 */
function cleanOverlayElement(element: DcmjsElement, tag: number, vr: string, env: EngineEnv): void {
  if (TEXT_IN_CONTENT.has(vr)) {
    const values = stringValues(element);
    const out = values.map((v) => cleanText(v, vr, env));
    if (out.some((v, i) => v !== values[i])) {
      setValues(element, out);
      env.recorder.add('(60xx,eeee) overlay text', 'clean');
    }
    return;
  }
  if (elementOf(tag) !== 0x3000) return;
  env.recorder.add('(60xx,3000) overlay', 'keep');
  if (!env.findings.some((f) => f.rule === 'dicom/overlay-bitmap-kept')) {
    env.findings.push({
      rule: 'dicom/overlay-bitmap-kept',
      severity: 'warning',
      location: '(60xx,3000)',
      message:
        'overlay planes kept under Clean Graphics: their text was cleaned, their bitmaps were not checked for drawn text (no vision pass)',
    });
  }
}

/** True when every element of the overlay group has a VR (an element left UN would be removed, breaking the plane). */
function overlayGroupReadable(dataset: DcmjsDataset, group: number): boolean {
  const prefix = group.toString(16).toUpperCase().padStart(4, '0');
  return Object.entries(dataset).every(([k, e]) => !k.startsWith(prefix) || effectiveVr(e) !== 'UN');
}

/**
 * Overlay planes (60xx) and curves (50xx) go whole under the Basic Profile (their data and text are
 * removed, and the attributes that describe them would describe nothing). Curves (retired) go under
 * Clean Graphics too, with a warning; so does an overlay plane with an element of unknown VR.
 */
function removeGraphics(dataset: DcmjsDataset, key: string, tag: number, env: EngineEnv): void {
  delete dataset[key];
  env.recorder.add(
    isRepeatingGroup(groupOf(tag), 0x6000) ? '(60xx,eeee) overlay' : '(50xx,eeee) curve',
    'remove',
  );
  if (env.options.cleanGraphics && !env.findings.some((f) => f.rule === 'dicom/graphics-removed')) {
    env.findings.push({
      rule: 'dicom/graphics-removed',
      severity: 'warning',
      location: isRepeatingGroup(groupOf(tag), 0x6000) ? '(60xx,3000)' : '(50xx,3000)',
      message:
        'overlay planes and curves were removed although Clean Graphics is on: drawn text cannot be checked without a vision pass (policy overlayBitmaps: keep keeps overlays)',
    });
  }
}

function recurse(element: DcmjsElement, tag: number, env: EngineEnv, level: Level): void {
  const inner: Level = {
    depth: level.depth + 1,
    structured: level.structured || STRUCTURED_CONTENT_SEQUENCES.has(tag),
    ...(level.dummied ? { dummied: true } : {}),
    ...(level.graphics || (env.options.cleanGraphics && GRAPHICS_SEQUENCES.has(tag))
      ? { graphics: true }
      : {}),
    sopClass: level.sopClass,
    functionalGroups: level.functionalGroups,
    commonInstanceReference: level.commonInstanceReference,
    parent: tag,
    sequences: [...(level.sequences ?? []), tag],
  };
  for (const item of sequenceItems(element)) processDataset(item, env, inner);
}

/** Remaps every UID value the registry does not list through the keyed mapping (U); returns how many. */
function remapUids(element: DcmjsElement, tag: number, env: EngineEnv): number {
  const values = stringValues(element);
  let changed = 0;
  const out = values.map((value) =>
    remapUnregisteredUid(value, (uid) => {
      changed++;
      return env.pseudonyms.uid(uid);
    }),
  );
  if (changed > 0) {
    setValues(element, out);
    env.recorder.addTag(tag, 'uid', changed);
  }
  return changed;
}

/**
 * A class-UID attribute (SOP Class UID, Referenced SOP Class UID ...) is kept, but a value the UID
 * registry does not list is no class the standard defines (often an instance UID written in the wrong
 * place): it is remapped like an instance UID, with a warning, since a reader may not know the class.
 */
function remapUnregisteredClassUids(element: DcmjsElement, tag: number, env: EngineEnv): void {
  const remapped = remapUids(element, tag, env);
  if (remapped > 0) {
    env.findings.push({
      rule: 'dicom/unregistered-class-uid',
      severity: 'warning',
      location: tagKeyLocation(tag),
      message:
        'a class-UID attribute held a UID that is not a registered SOP class; it was remapped like an instance UID',
    });
  }
}

/** A name pseudonym for `seed` that contains none of the subject's identifiers. */
function fakeName(seed: string, env: EngineEnv): string {
  const candidates = function* (): Generator<string> {
    for (let i = 0; i < 16; i++) yield env.pseudonyms.name(i === 0 ? seed : `${seed}\u0000${i}`);
    yield 'ANONYMOUS^PATIENT';
  };
  return firstClean(env.matcher, candidates()) ?? '';
}

function textDummy(env: EngineEnv, maxChars: number | undefined): string {
  const fits = TEXT_DUMMIES.filter((d) => maxChars === undefined || d.length <= maxChars);
  return firstClean(env.matcher, fits) ?? '';
}

/** Replaces every person name of a PN element with a stable fake name (one per original name). */
function replaceNames(element: DcmjsElement, tag: number, values: readonly string[], env: EngineEnv): void {
  setValues(
    element,
    values.map((v) => ({ Alphabetic: v ? fakeName(`person:${v}`, env) : '' })),
  );
  env.recorder.addTag(tag, 'pseudonym');
}

/** Replaces the value with a dummy valid for the VR (D). Empty values stay empty. */
function dummy(element: DcmjsElement, tag: number, vr: string, env: EngineEnv, level: Level): void {
  const rec = env.recorder;
  if (vr === 'SQ') {
    // D on a sequence: keep its items (the object may require them), with every text in them a dummy;
    // structured content (SR trees) has its own, finer treatment that keeps concept codes.
    recurse(element, tag, env, STRUCTURED_CONTENT_SEQUENCES.has(tag) ? level : { ...level, dummied: true });
    return;
  }
  if (isEmptyElement(element)) return;
  const values = stringValues(element);
  switch (vr) {
    case 'PN':
      replaceNames(element, tag, values, env);
      return;
    case 'UI':
      remapUids(element, tag, env);
      return;
    case 'DA':
      setValues(
        element,
        values.map(() => firstClean(env.matcher, ['19000101']) ?? ''),
      );
      break;
    case 'TM':
      setValues(
        element,
        values.map(() => '000000'),
      );
      break;
    case 'DT':
      setValues(
        element,
        values.map(() => firstClean(env.matcher, ['19000101000000']) ?? ''),
      );
      break;
    case 'DS':
    case 'IS':
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'SV':
    case 'UV':
      setValues(
        element,
        values.map(() => 0),
      );
      break;
    case 'AS':
      setValues(
        element,
        values.map(() => '000Y'),
      );
      break;
    case 'CS': {
      const safe = SAFE_CS_VALUES[tagKey(tag)] ?? [];
      setValues(
        element,
        values.map((v) => (safe.includes(v.trim()) ? v.trim() : '')),
      );
      break;
    }
    case 'AE':
    case 'LO':
    case 'SH':
    case 'ST':
    case 'LT':
    case 'UT':
    case 'UC': {
      if (tag === 0x00100020) {
        // A nested Patient ID: the same pseudonym the subject would get.
        setValues(
          element,
          values.map((v) => (v.trim() ? env.pseudonyms.id('patient-id', v.trim()) : '')),
        );
        rec.addTag(tag, 'pseudonym');
        return;
      }
      const d = textDummy(env, MAX_CHARS[vr]);
      setValues(
        element,
        values.map(() => d),
      );
      break;
    }
    default:
      // Binary, AT, UR: no meaningful dummy; an empty value carries nothing.
      setEmpty(element);
      rec.addTag(tag, 'empty');
      return;
  }
  rec.addTag(tag, 'dummy');
}

/** Cleans the value (C): shifts dates, cleans text, keeps the parts that identify no one. */
function clean(
  dataset: DcmjsDataset,
  key: string,
  element: DcmjsElement,
  tag: number,
  vr: string,
  env: EngineEnv,
  level: Level,
): void {
  const rec = env.recorder;
  if (vr === 'SQ') {
    recurse(element, tag, env, level);
    rec.addTag(tag, 'clean');
    return;
  }
  if (isEmptyElement(element)) return;
  const values = stringValues(element);
  switch (vr) {
    case 'DA':
    case 'DT': {
      if (!env.options.retainLongitudinalModifiedDates) {
        // C on a date without modified dates cannot happen with the table; be safe.
        setEmpty(element);
        rec.addTag(tag, 'empty');
        return;
      }
      const offset = env.pseudonyms.dateOffsetDays(env.subjectKey);
      const shift = vr === 'DA' ? shiftDate : shiftDateTime;
      const shifted = values.map((v) => (v.trim() ? shift(v, offset) : ''));
      if (shifted.some((v) => v === undefined)) {
        // A value that is not a date cannot be shifted: drop it rather than keep it.
        setEmpty(element);
        rec.addTag(tag, 'empty');
        env.findings.push({
          rule: 'dicom/unparseable-date',
          severity: 'info',
          location: tagKeyLocation(tag),
          message: 'a date value could not be parsed and was emptied instead of shifted',
          phiType: 'date',
        });
        return;
      }
      setValues(element, shifted);
      rec.addTag(tag, 'shift');
      return;
    }
    case 'TM':
      // Times stay: the date they belong to is shifted by whole days.
      return;
    case 'UI':
      if (!env.options.retainUIDs) remapUids(element, tag, env);
      return;
    case 'AE': {
      const out = values.map((v) => (v.trim() ? env.pseudonyms.id('ae-title', v.trim(), 12) : ''));
      setValues(element, out);
      rec.addTag(tag, 'pseudonym');
      return;
    }
    case 'PN':
      replaceNames(element, tag, values, env);
      return;
    case 'CS':
      if (values.some((v) => env.matcher.inText(v))) {
        setEmpty(element);
        rec.addTag(tag, 'empty');
      }
      return;
    case 'LO':
    case 'SH':
    case 'ST':
    case 'LT':
    case 'UT':
    case 'UC': {
      const out = values.map((v) => cleanText(v, vr, env));
      if (out.some((v, i) => v !== values[i])) rec.addTag(tag, 'clean');
      setValues(element, out);
      return;
    }
    default:
      if (BINARY_VRS.has(vr)) {
        // Binary values cannot be cleaned: they go.
        delete dataset[key];
        rec.addTag(tag, 'remove');
      }
      return;
  }
}

function tagKeyLocation(tag: number): string {
  const k = tagKey(tag);
  return `(${k.slice(0, 4)},${k.slice(4)})`;
}

/** Sets the top-level PatientID and PatientName to the subject's pseudonyms (created when absent). */
function setPatientPseudonyms(dataset: DcmjsDataset, env: EngineEnv): void {
  const id = env.pseudonyms.id('patient-id', env.subjectKey);
  dataset['00100020'] = { vr: 'LO', Value: [id] };
  dataset['00100010'] = { vr: 'PN', Value: [{ Alphabetic: fakeName(env.subjectKey, env) }] };
  env.recorder.addTag(0x00100020, 'pseudonym');
  env.recorder.addTag(0x00100010, 'pseudonym');
}

/**
 * Last pass: any kept text that still holds one of the subject's identifiers (an attribute the table
 * keeps, free text the detector missed) is cleaned; a kept date, number or code equal to one is emptied.
 */
export function sweepResidualIdentifiers(dataset: DcmjsDataset, env: EngineEnv): void {
  if (env.matcher.size === 0) return;
  for (const key of Object.keys(dataset)) {
    const element = dataset[key]!;
    const tag = parseTagKey(key);
    if (element.vr === 'SQ') {
      for (const item of sequenceItems(element)) sweepResidualIdentifiers(item, env);
      continue;
    }
    if (tag === 0x00100010 || tag === 0x00100020) continue; // our pseudonyms, already checked
    const values = stringValues(element);
    if (values.length === 0) continue;
    const vr = element.vr;
    if (vr === 'PN') {
      if (values.some((v) => env.matcher.inText(v))) {
        replaceNames(element, tag, values, env);
      }
    } else if (['LO', 'SH', 'ST', 'LT', 'UT', 'UC'].includes(vr)) {
      if (values.some((v) => env.matcher.inText(v))) {
        setValues(
          element,
          values.map((v) => {
            let out = env.matcher.redactText(v, REDACTED);
            if (env.matcher.inText(out)) out = '';
            const max = MAX_CHARS[vr];
            return max !== undefined && out.length > max ? '' : out;
          }),
        );
        env.recorder.addTag(tag, 'clean');
      }
    } else if (vr === 'AE' || vr === 'CS' || vr === 'UR') {
      // A CS value is a coded term: a word in it that happens to be a name part ("PERFUSION" for a
      // patient named Perfusion^...) is not the name. Only CS values with digits can carry an ID.
      if (values.some((v) => (vr !== 'CS' || /\d/.test(v)) && env.matcher.inText(v))) {
        setEmpty(element);
        env.recorder.addTag(tag, 'empty');
      }
    } else if (['AS', 'DA', 'DS', 'DT', 'IS', 'TM'].includes(vr)) {
      if (values.some((v) => env.matcher.inTokens(v))) {
        setEmpty(element);
        env.recorder.addTag(tag, 'empty');
      }
    }
  }
}
