/** The rule-based text PHI detector: every rule module, one merge, one redaction. */
import type {
  LearnedWord,
  PhiSpan,
  PhiType,
  Pseudonymizer,
  TextPhiDetector,
  TextScanOptions,
} from '../types.js';
import { compilePhraseList } from './phrase-list.js';
import { ALL_PHI_TYPES } from './phi-types.js';
import { replaceWithSurrogates } from './surrogates.js';
import { findAddresses } from './addresses.js';
import { findAges } from './ages.js';
import { findContacts } from './contact.js';
import { dateSpans, findDates } from './dates.js';
import type { DateMatch } from './dates.js';
import { foldText } from './fold.js';
import { findIdentifiers } from './identifiers.js';
import { compileKnownIdentifiers } from './known-identifiers.js';
import { mergeSpans } from './merge-spans.js';
import { createNameFinder } from './names.js';
import { findPeople } from './people.js';
import { findPlaces } from './places.js';
import { markTaught, propagate, taughtWords } from './propagate.js';
import { createTokenModel, type TokenModel } from './model/token-model.js';
import { ErrorCodes, PolicyError } from '../errors.js';
import { tokenContext, type TokenContext } from './tokens.js';
import { createWordBook, wordKey, type WordInfo } from './word-info.js';
import { defaultPlaceholder, redactSpans } from './redact.js';
import type { PlaceholderFn } from './redact.js';

/** Options of {@link createTextPhiDetector}. */
export interface TextPhiDetectorOptions {
  /** Extra given names to recognise (any case; accents are ignored). */
  givenNames?: readonly string[];
  /** Extra family names to recognise. */
  familyNames?: readonly string[];
  /** Extra words that are never names (site or scanner vocabulary, for instance). */
  stopWords?: readonly string[];
  /**
   * Spans below this confidence are dropped, unless a scan gives its own. Default 0.5. Clamped to
   * 0..1.
   */
  minConfidence?: number;
  /**
   * The PHI types to report; default all. The subject's known identifiers
   * ({@link TextScanOptions.knownIdentifiers}) are always reported, as `subject-identifier`.
   */
  enabledTypes?: readonly PhiType[];
  /** Text that replaces a span in `redact`; default `[TYPE]`, e.g. `[NAME]`. */
  placeholder?: (type: PhiType) => string;
  /** Words or phrases that are never PHI (any case, whole words): spans inside them are dropped. */
  allow?: readonly string[];
  /** Words or phrases that are always PHI (any case, whole words): reported as `other`, confidence 0.95. */
  deny?: readonly string[];
  /**
   * Replace with realistic surrogates (keyed fake names, keyed digits, shifted dates) instead of
   * placeholders. Needs the run's pseudonymizer.
   */
  surrogates?: { pseudonyms: Pseudonymizer };
  /**
   * Also run the learned token model and report its spans beside the rules' (rules and model
   * combined, never the model alone): `true` for the shipped model (`models/text-phi-token`), or a
   * loaded {@link TokenModel}. Fails when the model files are missing.
   */
  model?: boolean | TokenModel;
}

/**
 * Keeps a span of the older capitalisation-based name rules when the note's case can carry that
 * signal (mixed case) or when a word in it looks like a name by itself (in a name list and not a
 * common English word, or in no list at all). In ALL CAPS notes every word is capitalised.
 */
function nameWordsIn(ctx: TokenContext, span: PhiSpan): boolean {
  if (ctx.casing === 'mixed' && span.rule !== 'name/dicom-pn') return true;
  const first = ctx.firstEndingAfter(span.start);
  const firstToken = ctx.tokens[first];
  let lastToken = firstToken;
  for (let i = first; i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i]!;
    if (t.start >= span.end) break;
    lastToken = t;
    const w = t.info;
    if (w.medical || w.stop || w.credential || t.initial) continue;
    if ((w.given || w.family) && (w.english === undefined || w.english >= 50)) return true;
    if (w.english === undefined && !w.clipped && !w.misspelt && t.key.length >= 3) return true;
  }
  // `JOHN SMITH`: a given name then a family name, neither a very common word.
  const plain = (t: typeof firstToken): boolean =>
    t !== undefined &&
    !t.info.stop &&
    !t.info.medical &&
    (t.info.english === undefined || t.info.english > 10);
  return (
    firstToken !== lastToken &&
    firstToken?.info.given === true &&
    lastToken?.info.family === true &&
    plain(firstToken) &&
    plain(lastToken)
  );
}

/** A common English word, a medical term or a stop word: not a name to look for on its own. */
function ordinaryWord(w: WordInfo): boolean {
  return w.medical || w.stop || w.credential || (w.english !== undefined && w.english <= 50);
}

/** Words a name span never starts with: relatives, roles and titles written as words. */
const NOT_NAME_START =
  /^(?:daughter|daughters|son|sons|wife|husband|mother|father|brother|sister|niece|nephew|friend|patient|nurse|doctor|resident|attending|family|spouse|dtr|dau|mom|dad|aunt|uncle|cousin|grandson|granddaughter|caregiver|guardian)$/;

/**
 * Drops the leading words of an older-rule name span that are relatives or roles (`Daughter Odile`
 * -> `Odile`); undefined when nothing is left.
 */
function trimLeadingWords(ctx: TokenContext, span: PhiSpan): PhiSpan | undefined {
  let start = span.start;
  for (let i = ctx.firstEndingAfter(span.start); i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i]!;
    if (t.start >= span.end) return undefined;
    if (!NOT_NAME_START.test(t.key)) {
      start = Math.max(start, t.start);
      break;
    }
    start = t.end;
  }
  return start === span.start ? span : start < span.end ? { ...span, start } : undefined;
}

const DEFAULT_MIN_CONFIDENCE = 0.5;

/** The only address forms without a digit: `Calle Mayor`, `Avenida de la Paz`, `Rua Augusta`. */
const STREET_WORDS_WITHOUT_NUMBER = /(?<![\p{L}])(?:calle|avenida|avda|paseo|plaza|carrer|rua)(?![\p{L}])/iu;

/** The token model a detector option asks for; a configuration error when it asks for absent files. */
function loadModel(option: boolean | TokenModel | undefined): TokenModel | undefined {
  if (option === undefined || option === false) return undefined;
  if (option !== true) return option;
  const loaded = createTokenModel();
  if (!loaded)
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      'the policy asks for the learned text model (text.model), but models/text-phi-token is not installed',
    );
  return loaded;
}

function clampConfidence(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  return Math.min(1, Math.max(0, value));
}

/**
 * Creates a rule-based detector of PHI in free text (report snippets, DICOM descriptions and
 * comments, burned-in text after OCR). Regular expressions and dictionaries are built once here;
 * each scan is linear in the text length. The detector keeps no state between scans and never logs.
 */
export function createTextPhiDetector(options: TextPhiDetectorOptions = {}): TextPhiDetector {
  const enabled = new Set<PhiType>(options.enabledTypes ?? ALL_PHI_TYPES);
  enabled.add('subject-identifier');
  const defaultMin = clampConfidence(options.minConfidence, DEFAULT_MIN_CONFIDENCE);
  const placeholder: PlaceholderFn = options.placeholder ?? defaultPlaceholder;
  const findNames = createNameFinder({
    givenNames: options.givenNames,
    familyNames: options.familyNames,
    stopWords: options.stopWords,
  });
  const any = (...types: PhiType[]): boolean => types.some((t) => enabled.has(t));
  const book = createWordBook({
    givenNames: options.givenNames,
    familyNames: options.familyNames,
    stopWords: options.stopWords,
  });
  const model = loadModel(options.model);
  const allow = compilePhraseList(options.allow ?? []);
  const deny = compilePhraseList(options.deny ?? []);

  /** Names and places found by context and dictionaries (before propagation). */
  function peopleAndPlaces(text: string, ctx: TokenContext): PhiSpan[] {
    const found: PhiSpan[] = [];
    if (enabled.has('name')) {
      const older: PhiSpan[] = [];
      findNames(text, older);
      for (const span of older) {
        const trimmed = trimLeadingWords(ctx, span);
        if (trimmed && nameWordsIn(ctx, trimmed)) found.push(trimmed);
      }
      findPeople(text, ctx, book, found);
    }
    if (enabled.has('location')) findPlaces(text, ctx, book, found);
    return found;
  }

  /** The learned words of a scan that this detector reports, by folded key. */
  function learnedMap(learned: readonly LearnedWord[] | undefined): Map<string, PhiType> {
    const map = new Map<string, PhiType>();
    for (const l of learned ?? []) {
      if (typeof l?.word === 'string' && l.word.length >= 2 && enabled.has(l.type) && !map.has(l.word))
        map.set(l.word, l.type);
    }
    return map;
  }

  function learn(texts: Iterable<string>, scan: TextScanOptions = {}): LearnedWord[] {
    const all = new Map<string, PhiType>();
    if (!(enabled.has('name') || enabled.has('location'))) return [];
    const min = clampConfidence(scan.minConfidence, defaultMin);
    for (const text of texts) {
      if (typeof text !== 'string' || text.length === 0) continue;
      const ctx = tokenContext(text, book);
      const found = peopleAndPlaces(text, ctx).filter((s) => s.confidence >= min);
      for (const [word, type] of taughtWords(ctx, found)) {
        // A word taught as both a name and a place stays a name (the stricter placeholder).
        if (all.get(word) !== 'name') all.set(word, type);
      }
    }
    return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([word, type]) => ({ word, type }));
  }

  function detect(text: string, scan: TextScanOptions = {}): PhiSpan[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const min = clampConfidence(scan.minConfidence, defaultMin);
    const known = (scan.knownIdentifiers ?? []).filter((k) => typeof k === 'string' && k.trim().length > 0);
    const spans: PhiSpan[] = [];
    let dates: DateMatch[] | undefined;
    // Pattern families are skipped when the text lacks what every rule of the family needs (a digit
    // for dates, identifiers and numbers): short DICOM descriptions skip most of them.
    const hasDigit = /\d/.test(text);
    if ((enabled.has('date') || known.length > 0) && hasDigit) dates = findDates(text);
    if (dates && enabled.has('date')) for (const span of dateSpans(dates)) spans.push(span);
    if (enabled.has('age') && (hasDigit || /genarian/i.test(text))) findAges(text, spans);
    if (any('id', 'mrn', 'accession', 'ssn', 'uid') && hasDigit) findIdentifiers(text, spans);
    if (any('phone', 'fax', 'email', 'url', 'ip') && (hasDigit || /[@:]|www\./i.test(text)))
      findContacts(text, spans);
    if (any('address', 'zip') && (hasDigit || STREET_WORDS_WITHOUT_NUMBER.test(text)))
      findAddresses(text, spans);
    let foldedText: string | undefined;
    if (enabled.has('name') || enabled.has('location')) {
      const ctx = tokenContext(text, book);
      foldedText = ctx.folded;
      const found = peopleAndPlaces(text, ctx);
      propagate(ctx, found, found);
      const learned = learnedMap(scan.learned);
      if (learned.size > 0) markTaught(ctx, learned, found, 'learned');
      for (const span of found) spans.push(span);
      // The model reads every rule span (at any confidence) of the text as part of its input.
      if (model) for (const span of model.predict(text, ctx, spans)) spans.push(span);
    }
    const folded = (): string => (foldedText ??= foldText(text));
    if (deny.size > 0) {
      for (const [start, end] of deny.find(folded())) {
        spans.push({ start, end, type: 'other', confidence: 0.95, rule: 'deny/list' });
      }
    }
    let kept = spans.filter((s) => s.confidence >= min && enabled.has(s.type));
    if (allow.size > 0) {
      const allowed = allow.find(folded());
      if (allowed.length > 0)
        kept = kept.filter((s) => !allowed.some(([a, b]) => s.start >= a && s.end <= b));
    }
    // Single words of other people's names count only when they are no common English or medical
    // word (`TECH^CT` must not empty every `CT` of the text).
    const others = (scan.knownNames ?? []).filter((k) => {
      if (typeof k !== 'string' || k.trim().length === 0) return false;
      const words = k
        .trim()
        .split(/[\s^,]+/)
        .filter((w) => w.length > 0);
      if (words.length > 1) return !words.every((w) => ordinaryWord(book.info(wordKey(w))));
      return !ordinaryWord(book.info(wordKey(k)));
    });
    if (others.length > 0 && enabled.has('name')) {
      for (const span of compileKnownIdentifiers(others).find(text, folded(), dates)) {
        kept.push({ ...span, type: 'name', confidence: 0.95, rule: 'name/record' });
      }
    }
    if (known.length > 0)
      for (const span of compileKnownIdentifiers(known).find(text, folded(), dates)) kept.push(span);
    return mergeSpans(kept);
  }

  return {
    detect,
    learn,
    redact(text: string, scan?: TextScanOptions) {
      const spans = detect(text, scan);
      if (options.surrogates) {
        const replaced = replaceWithSurrogates(text, spans, {
          pseudonyms: options.surrogates.pseudonyms,
          placeholder,
          ...(scan?.dateOffsetDays !== undefined ? { dateOffsetDays: scan.dateOffsetDays } : {}),
        });
        return { text: replaced, spans };
      }
      return { text: redactSpans(text, spans, placeholder), spans };
    },
  };
}
