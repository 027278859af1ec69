/**
 * The DICOM format handler: sniff, de-identify, verify. De-identification reads with our walker first
 * (refusing truncated and corrupt files), hands dcmjs a clean copy without pixel data and without the
 * elements that are removed anyway, applies the profile to dcmjs's tag-keyed dataset, writes it with
 * dcmjs, and puts the original pixel data back byte for byte.
 */
import {
  ErrorCodes,
  InputFormatError,
  ItemDroppedError,
  MedImageCleanerError,
  PolicyRejectedError,
  type DeidContext,
  type DeidOutcome,
  type FormatHandler,
  type Finding,
  type InputItem,
  type InspectContext,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import { ActionRecorder } from './actions.js';
import {
  buildDcmjsInput,
  removeInsertedCharsets,
  toSpliced,
  writeOutput,
  type DcmjsInput,
} from './assemble.js';
import { checkBurnedIn } from './burned-in.js';
import { CharsetError } from './charset.js';
import { DcmjsFailure, dictionaryVr, readPart10, silenceDcmjs, type DcmjsDataset } from './dcmjs-io.js';
import { applyProfile, sweepResidualIdentifiers, type EngineEnv } from './engine.js';
import { cachedIdentifierMatcher, inspectDicom } from './inspect.js';
import { outputMeta, setDeidentificationMethod } from './method.js';
import { TS, asciiValue, encodingOf, parsePart10, type Part10File } from './part10.js';
import { DICOM_POLICY_SCHEMA, dicomRulesOf, dicomSection, validateDicomPolicy } from './policy-section.js';
import { withRuleKeptPrivate } from './rules/private.js';
import { retainedPrivateTags } from './private-tags.js';
import { sniffDicom } from './sniff.js';
import { remapUnregisteredUid } from './uid-registry.js';
import { learnedWordsOf } from './record-text.js';
import { knownIdentifiersOf, personNamesOf, subjectKeyOf } from './subject.js';
import {
  ALWAYS_REMOVED_TAGS,
  DOUBLE_FLOAT_PIXEL_DATA,
  FLOAT_PIXEL_DATA,
  PIXEL_DATA,
  groupOf,
  isGroupLengthTag,
  isPrivateCreatorTag,
  isPrivateTag,
  tagKey,
} from './tags.js';
import { firstString, stringValues } from './values.js';
import { EXPLICIT_BE, EXPLICIT_LE, walkDataset, WalkError, type WalkedElement } from './walker.js';
import { DICOM_PACKAGE_VERSION } from './version.js';

/** Options of {@link createHandler}: none yet (reserved for ports and user rules). */
export interface DicomHandlerOptions {
  /** Reserved; must be absent. */
  readonly reserved?: never;
}

/** The Media Storage Directory (DICOMDIR) SOP class. */
const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

const PIXEL_TAGS = new Set([PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA]);

/**
 * Creates the DICOM handler. The pipeline loads format packages by module name and calls
 * `createHandler()`; library users pass it to their own registry.
 */
export function createHandler(_options: DicomHandlerOptions = {}): FormatHandler {
  silenceDcmjs();
  return Object.freeze({
    format: 'dicom',
    policySchema: DICOM_POLICY_SCHEMA as Record<string, unknown>,
    validatePolicy: (policy: ResolvedPolicy) => validateDicomPolicy(policy),
    sniff: (head: Uint8Array, name?: string) => sniffDicom(head, name),
    deidentify: (input: InputItem, ctx: DeidContext) => deidentifyDicom(input, ctx),
    inspect: (output: Uint8Array, ctx: InspectContext) => inspectDicom(output, ctx),
  });
}

/** A DICOMDIR is never released: dropped (default) or quarantined, as the policy says. */
function refuseDicomdir(ctx: DeidContext, file: string): MedImageCleanerError {
  const reason = 'DICOMDIR files list patients and are not released (rebuild the directory from the outputs)';
  return dicomSection(ctx.policy).dicomdir === 'quarantine'
    ? new PolicyRejectedError(reason, { file })
    : new ItemDroppedError(reason, { file });
}

/** De-identifies one DICOM item. Throws a {@link MedImageCleanerError} when it cannot. */
export async function deidentifyDicom(input: InputItem, ctx: DeidContext): Promise<DeidOutcome> {
  const bytes = await input.read();
  const file = input.id;
  if (ctx.signal.aborted) throw new MedImageCleanerError(ErrorCodes.DEID_FAILED, 'aborted', { file });

  // 1. Structure, with our own strict walker: truncated or corrupt files stop here.
  const part10 = parsePart10(bytes, { isSequence: (tag) => dictionaryVr(tagKey(tag)) === 'SQ' }, file);
  if (
    metaValue(part10, 0x00020002) === MEDIA_STORAGE_DIRECTORY ||
    part10.dataset.some((e) => e.tag === 0x00041220)
  ) {
    throw refuseDicomdir(ctx, file);
  }
  assertDataset(part10, file);

  const options = ctx.policy.options;
  const recorder = new ActionRecorder();
  const findings: Finding[] = [];

  // 2. What dcmjs does not get: pixel data (put back as is), and private, group length and signature
  //    elements (removed whatever the profile says). Attributes the profile removes stay for now: the
  //    subject key and the known identifiers are read from them.
  const keptPrivate = withRuleKeptPrivate(
    part10,
    dicomRulesOf(ctx.policy),
    options.retainSafePrivate ? retainedTopLevelPrivate(part10) : new Set<number>(),
  );
  const cut = new Set<WalkedElement>();
  const pixel: WalkedElement[] = [];
  for (const element of part10.dataset) {
    const tag = element.tag;
    if (PIXEL_TAGS.has(tag)) {
      pixel.push(element);
      cut.add(element);
    } else if (isPrivateTag(tag) && !keptPrivate.has(tag)) {
      cut.add(element);
      recorder.add(isPrivateCreatorTag(tag) ? 'private-creator' : 'private', 'remove');
    } else if (isGroupLengthTag(tag) || groupOf(tag) === 0x0002) {
      cut.add(element);
      recorder.add(isGroupLengthTag(tag) ? 'group-length' : 'file-meta-in-dataset', 'remove');
    } else if (ALWAYS_REMOVED_TAGS.has(tag)) {
      cut.add(element);
      recorder.addTag(tag, 'remove');
    }
  }

  // 3. Values, with dcmjs (tag-keyed, not naturalized), from the header bytes only, text as UTF-8.
  let dcmjsInput: DcmjsInput;
  try {
    dcmjsInput = buildDcmjsInput(part10, cut, { vrOf: implicitVrOf });
  } catch (error) {
    throw new InputFormatError(
      ErrorCodes.PARSE_FAILED,
      error instanceof CharsetError
        ? 'the Specific Character Set holds a term that is not defined'
        : 'the text values cannot be decoded',
      { file, cause: error instanceof CharsetError ? error : undefined },
    );
  }
  let dataset: DcmjsDataset;
  try {
    dataset = readPart10(dcmjsInput.bytes).dict;
    removeInsertedCharsets(dataset, dcmjsInput.insertedCharsets);
  } catch (error) {
    if (error instanceof DcmjsFailure) {
      throw new InputFormatError(ErrorCodes.PARSE_FAILED, 'the dataset values cannot be decoded', {
        file,
        cause: error,
      });
    }
    throw error;
  }
  assertSameElements(part10, cut, dataset, file);

  const originalSopClass = firstString(dataset, '00080016') || metaValue(part10, 0x00020002);
  if (originalSopClass === MEDIA_STORAGE_DIRECTORY || dataset['00041220'] !== undefined) {
    throw refuseDicomdir(ctx, file);
  }

  // 4. Gate: burned-in text cannot be removed from pixels yet.
  const accepted = checkBurnedIn(dataset, pixel.length > 0, dicomSection(ctx.policy), file);
  if (accepted) {
    findings.push({
      rule: 'dicom/burned-in-accepted',
      severity: 'warning',
      location: '(7FE0,0010)',
      message: `pixel data released unchanged although it may carry burned-in text (${accepted})`,
    });
  }

  // 5. Subject, identifiers and the output's pseudonymous names (all from original values).
  const { key: subjectKey, fallback: keyFallback } = subjectKeyOf(dataset, input.id, ctx.policy.subject.key);
  const knownIdentifiers = knownIdentifiersOf(dataset);
  const knownNames = personNamesOf(dataset);
  // What the record's own free text teaches, for every value the policy cleans (none under basic).
  const userRules = dicomRulesOf(ctx.policy);
  const cleansText =
    options.cleanDescriptors ||
    options.cleanStructuredContent ||
    options.cleanGraphics ||
    dicomSection(ctx.policy).rules.length > 0;
  const learned = cleansText ? learnedWordsOf(dataset, ctx.text) : [];
  const matcher = cachedIdentifierMatcher(knownIdentifiers);
  const studyUid = firstString(dataset, '0020000D');
  const seriesUid = firstString(dataset, '0020000E');
  const instanceUid = firstString(dataset, '00080018') || metaValue(part10, 0x00020003);
  const subjectToken = ctx.pseudonyms.id('patient-id', subjectKey);
  const studyToken = ctx.pseudonyms.id('study', studyUid || `none:${subjectKey}`);
  const seriesToken = ctx.pseudonyms.id('series', seriesUid || `none:${studyUid}:${subjectKey}`);
  const instanceToken = ctx.pseudonyms.id('instance', instanceUid || `item:${input.id}`);

  // 6. The profile.
  const env: EngineEnv = {
    options,
    pseudonyms: ctx.pseudonyms,
    text: ctx.text,
    subjectKey,
    knownIdentifiers,
    knownNames,
    learned,
    matcher,
    recorder,
    findings,
    rules: userRules,
    keepOverlayBitmaps: dicomSection(ctx.policy).overlayBitmaps === 'keep',
  };
  applyProfile(dataset, env);
  sweepResidualIdentifiers(dataset, env);
  setDeidentificationMethod(dataset, ctx.policy, DICOM_PACKAGE_VERSION, matcher);
  ensureCharacterSet(dataset);
  if (!part10.encoding.explicitVR) signPixelValueAttributes(dataset);

  // 7. Write: meta of our own, the transfer syntax kept (implicit VR and deflated become explicit VR LE).
  const outEncoding = part10.encoding.explicitVR ? part10.encoding : EXPLICIT_LE;
  const outTs = outputTransferSyntax(part10);
  const sopClass =
    firstString(dataset, '00080016') ||
    (options.retainUIDs
      ? originalSopClass
      : remapUnregisteredUid(originalSopClass, (u) => ctx.pseudonyms.uid(u)));
  let sopInstance = firstString(dataset, '00080018');
  if (!sopInstance) {
    const metaInstance = metaValue(part10, 0x00020003);
    sopInstance = options.retainUIDs
      ? metaInstance
      : remapUnregisteredUid(metaInstance, (u) => ctx.pseudonyms.uid(u));
  }
  let data: Uint8Array;
  try {
    // The header written by our serializer, the pixel elements copied once into the same allocation.
    const written = writeOutput(
      outputMeta(sopClass, sopInstance, outTs),
      dataset,
      outEncoding,
      pixel.map((e) => toSpliced(e, part10.datasetBytes)),
      // The pipeline's read buffer is ours to write in: the header goes in front of the pixel bytes.
      input.headroom !== undefined
        ? { buffer: bytes.buffer, floor: bytes.byteOffset - input.headroom }
        : undefined,
    );
    data = written.data;
    // Our own output must walk cleanly before anyone sees it.
    walkDataset(data, written.datasetStart, data.length, outEncoding);
  } catch (error) {
    if (error instanceof MedImageCleanerError) throw error;
    throw new MedImageCleanerError(ErrorCodes.DEID_FAILED, 'the de-identified dataset could not be written', {
      file,
      cause: error instanceof DcmjsFailure || error instanceof WalkError ? error : undefined,
    });
  }
  for (const e of pixel) recorder.addTag(e.tag, 'keep');

  return {
    output: {
      relativePath: `${subjectToken}/${studyToken}/${seriesToken}/${instanceToken}.dcm`,
      data,
      onCollision: dicomSection(ctx.policy).duplicateInstances,
    },
    subject: {
      subject: subjectToken,
      study: studyToken,
      series: seriesToken,
      ...(keyFallback ? { keyFallback } : {}),
    },
    actions: recorder.toRecords(),
    findings,
    knownIdentifiers,
    confidence: confidenceOf(options, accepted !== undefined),
  };
}

/** How sure the handler is: high for header-only objects, lower when text cleaning or accepted pixels are relied on. */
function confidenceOf(options: DeidContext['policy']['options'], burnedInAccepted: boolean): number {
  if (burnedInAccepted) return 0.5;
  if (options.cleanDescriptors || options.cleanStructuredContent) return 0.95;
  return 0.99;
}

function retainedTopLevelPrivate(part10: Part10File): Set<number> {
  const creators = new Map<number, string>();
  for (const e of part10.dataset) {
    if (isPrivateCreatorTag(e.tag))
      creators.set(e.tag, asciiValue(part10.datasetBytes, e.valueStart, e.valueLength));
  }
  return retainedPrivateTags(
    part10.dataset.map((e) => e.tag),
    (group, block) => creators.get(((group << 16) | block) >>> 0),
  );
}

/** A dataset of nothing but group lengths or command elements is not a DICOM object. */
function assertDataset(part10: Part10File, file: string): void {
  if (!part10.dataset.some((e) => groupOf(e.tag) >= 0x0008)) {
    const code = part10.meta.length > 0 ? ErrorCodes.PARSE_FAILED : ErrorCodes.UNSUPPORTED_FORMAT;
    throw new InputFormatError(code, 'the file holds no DICOM dataset', { file });
  }
}

/** The VR of an element read in implicit VR: the dictionary's (private creators are LO; other private ones unknown). */
function implicitVrOf(tag: number): string | undefined {
  if (isPrivateTag(tag)) return isPrivateCreatorTag(tag) ? 'LO' : undefined;
  return dictionaryVr(tagKey(tag));
}

/** The walker and dcmjs must agree on the top-level elements, else one of them misread the file. */
function assertSameElements(
  part10: Part10File,
  cut: ReadonlySet<WalkedElement>,
  dataset: DcmjsDataset,
  file: string,
): void {
  const expected = part10.dataset.filter((e) => !cut.has(e)).map((e) => tagKey(e.tag));
  const actual = Object.keys(dataset).map((k) => k.toUpperCase());
  const a = new Set(expected);
  const b = new Set(actual);
  if (a.size !== b.size || [...a].some((k) => !b.has(k))) {
    throw new InputFormatError(
      ErrorCodes.PARSE_FAILED,
      'the dataset structure is ambiguous (parsers disagree)',
      { file },
    );
  }
}

/** The value of a meta element as ASCII, or `''`. */
function metaValue(part10: Part10File, tag: number): string {
  const element = part10.meta.find((e) => e.tag === tag);
  return element ? asciiValue(part10.metaBytes, element.valueStart, element.valueLength) : '';
}

/** The output transfer syntax: compressed syntaxes are kept; native ones keep their byte order, in explicit VR. */
function outputTransferSyntax(part10: Part10File): string {
  if (part10.deflated) return TS.EXPLICIT_LE;
  const ts = part10.transferSyntax;
  if (ts === TS.IMPLICIT_LE || ts === TS.EXPLICIT_LE) return TS.EXPLICIT_LE;
  if (ts === TS.EXPLICIT_BE) return TS.EXPLICIT_BE;
  return encodingOf(ts) === EXPLICIT_BE ? TS.EXPLICIT_BE : ts;
}

/** Attributes whose VR is US or SS by Pixel Representation (dcmjs reads them as US from implicit VR). */
const PIXEL_VALUE_ATTRIBUTES = ['00280106', '00280107', '00280108', '00280109', '00280120', '00280121'];

/**
 * Implicit VR input becomes explicit VR output: attributes that are US or SS by Pixel Representation
 * (dcmjs reads them as US) are written as SS, with their value reinterpreted, when pixels are signed.
 */
function signPixelValueAttributes(dataset: DcmjsDataset): void {
  if (firstString(dataset, '00280103') !== '1') return;
  for (const key of PIXEL_VALUE_ATTRIBUTES) {
    const element = dataset[key];
    if (!element || element.vr !== 'US' || !Array.isArray(element.Value)) continue;
    element.vr = 'SS';
    element.Value = element.Value.map((v) => (typeof v === 'number' && v > 0x7fff ? v - 0x10000 : v));
    delete element._rawValue;
  }
}

/**
 * Text is written as UTF-8 (every input character set is decoded first): declare ISO_IR 192 when the
 * dataset had a Specific Character Set, or when any text is not ASCII. Nested (0008,0005) were already
 * set to ISO_IR 192 on the way in.
 */
function ensureCharacterSet(dataset: DcmjsDataset): void {
  const existing = dataset['00080005'];
  if (existing) {
    setCharset(existing);
    return;
  }
  if (hasNonAscii(dataset)) dataset['00080005'] = { vr: 'CS', Value: ['ISO_IR 192'] };
}

function setCharset(element: DcmjsDataset[string]): void {
  const values = stringValues(element);
  if (values.length > 0 && values[0] !== 'ISO_IR 192') {
    element.Value = ['ISO_IR 192'];
    delete element._rawValue;
  }
}

function hasNonAscii(dataset: DcmjsDataset): boolean {
  for (const element of Object.values(dataset)) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DcmjsDataset[]) if (item && hasNonAscii(item)) return true;
      continue;
    }
    if (stringValues(element).some((v) => /[^\x00-\x7f]/.test(v))) return true;
  }
  return false;
}
