/** The rule-based text PHI detector: every rule module, one merge, one redaction. */
import type { PhiSpan, PhiType, TextPhiDetector, TextScanOptions } from '../types.js';
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
}

/** Every type the detector can report. */
export const ALL_PHI_TYPES: readonly PhiType[] = [
  'name',
  'date',
  'age',
  'id',
  'mrn',
  'accession',
  'ssn',
  'phone',
  'fax',
  'email',
  'url',
  'ip',
  'zip',
  'address',
  'uid',
  'subject-identifier',
  'other',
];

const DEFAULT_MIN_CONFIDENCE = 0.5;

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

  function detect(text: string, scan: TextScanOptions = {}): PhiSpan[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const min = clampConfidence(scan.minConfidence, defaultMin);
    const known = (scan.knownIdentifiers ?? []).filter((k) => typeof k === 'string' && k.trim().length > 0);
    const spans: PhiSpan[] = [];
    let dates: DateMatch[] | undefined;
    if (enabled.has('date') || known.length > 0) dates = findDates(text);
    if (dates && enabled.has('date')) spans.push(...dateSpans(dates));
    if (enabled.has('age')) findAges(text, spans);
    if (any('id', 'mrn', 'accession', 'ssn', 'uid')) findIdentifiers(text, spans);
    if (any('phone', 'fax', 'email', 'url', 'ip')) findContacts(text, spans);
    if (any('address', 'zip')) findAddresses(text, spans);
    if (enabled.has('name')) findNames(text, spans);
    if (known.length > 0) {
      spans.push(...compileKnownIdentifiers(known).find(text, foldText(text), dates));
    }
    return mergeSpans(spans.filter((s) => s.confidence >= min && enabled.has(s.type)));
  }

  return {
    detect,
    redact(text: string, scan?: TextScanOptions) {
      const spans = detect(text, scan);
      return { text: redactSpans(text, spans, placeholder), spans };
    },
  };
}
