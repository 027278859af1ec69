/**
 * Identifier rules: medical record numbers, accession numbers, SSNs, labelled and bare long IDs,
 * DICOM UIDs.
 */
import type { PhiSpan } from '../types.js';
import { digitCount, rx, runPatternRules } from './pattern-rules.js';
import type { PatternRule } from './pattern-rules.js';

/** A labelled value: `123 456 7890` or letters/digits joined by `-`, `/` or `.`. */
const VALUE = '(\\d{3}[ -]\\d{3}[ -]\\d{4}|[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*)';
/** What may sit between a label and its value: `: `, ` # `, `=`, `-`, ` is `. */
const LABEL_SEP = '(?!\\p{L})\\.?\\s{0,3}(?:is\\s+|was\\s+)?[:#=-]?\\s{0,3}';

/** Keeps a labelled value that has at least `minDigits` digits and `minLength` letters or digits. */
function valueCheck(minDigits: number, minLength: number) {
  return (m: RegExpExecArray): boolean => {
    const value = m[1] ?? '';
    return digitCount(value) >= minDigits && value.replace(/[^A-Za-z0-9]/g, '').length >= minLength;
  };
}

/** True for a US SSN that can be issued: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

const RULES: readonly PatternRule[] = [
  {
    id: 'mrn/label',
    type: 'mrn',
    re: rx(
      '(?<!\\p{L})(?:MRN|MR\\s?#|MR\\s?(?:No\\.?|Num(?:ber)?)|Med(?:ical)?\\.?\\s?Rec(?:ord)?s?\\.?' +
        '(?:\\s?(?:No\\.?|Num(?:ber)?|#))?|Hosp(?:ital)?\\.?\\s?(?:No\\.?|Num(?:ber)?|#)|' +
        'Unit\\s?(?:No\\.?|Num(?:ber)?|#)|Chart\\s?(?:No\\.?|Num(?:ber)?|#))' +
        LABEL_SEP +
        VALUE,
      true,
    ),
    confidence: 0.95,
    group: 1,
    check: valueCheck(2, 4),
  },
  {
    id: 'accession/label',
    type: 'accession',
    re: rx('(?<!\\p{L})(?:Accession|Acc|ACN)(?:\\s?(?:No\\.?|Num(?:ber)?|#))?' + LABEL_SEP + VALUE, true),
    confidence: 0.95,
    group: 1,
    check: valueCheck(2, 4),
  },
  {
    id: 'ssn/label',
    type: 'ssn',
    re: rx(
      '(?<!\\p{L})(?:SSN|SS#|SS\\s?No\\.?|Social\\s+Security(?:\\s+(?:No\\.?|Num(?:ber)?|#))?)' +
        '(?!\\p{L})\\.?\\s{0,3}[:#=]?\\s{0,3}(\\d{3}[ -]?\\d{2}[ -]?\\d{4})(?!\\p{N})',
      true,
    ),
    confidence: 0.95,
    group: 1,
    check: (m) => isValidSsn((m[1] ?? '').replace(/\D/g, '')),
  },
  {
    id: 'ssn/pattern',
    type: 'ssn',
    re: rx('(?<!\\p{N}|\\p{N}-)(\\d{3})-(\\d{2})-(\\d{4})(?!\\p{N}|-\\p{N})'),
    confidence: 0.9,
    check: (m) => isValidSsn(`${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`),
  },
  {
    id: 'id/label',
    type: 'id',
    re: rx(
      '(?<!\\p{L})(?:(?:patient|pt|subject|study|case|exam|order|requisition|req|visit|encounter|episode|' +
        'admission|account|acct|billing|insurance|policy|member|group|plan|beneficiary|license|licence|' +
        'lic|certificate|cert|device|serial|implant|badge|employee|national|passport|health\\s+card|nhs|' +
        'health\\s+insurance|personal|specimen|sample|lab|report|record|file|client|customer|reference|' +
        'ref|insured)[\\s.]?(?:id|identifier|no\\.?|nr\\.?|num(?:ber)?|#|code)|id|identifier|ident)' +
        LABEL_SEP +
        VALUE,
      true,
    ),
    confidence: 0.85,
    group: 1,
    check: valueCheck(1, 4),
  },
  {
    id: 'uid/dicom',
    type: 'uid',
    re: rx('(?<![\\p{N}.])[0-2](?:\\.(?:0|[1-9]\\d*)){4,}(?!\\p{N}|\\.\\p{N})'),
    confidence: 0.9,
    check: (m) => m[0].length >= 10 && m[0].length <= 128,
  },
  {
    id: 'id/long-number',
    type: 'id',
    re: rx('(?<![\\p{L}\\p{N}]|\\p{N}[.,])\\d{7,}(?![\\p{L}\\p{N}]|[.,]\\p{N})'),
    confidence: 0.6,
  },
  {
    id: 'id/alphanumeric',
    type: 'id',
    re: rx('(?<![\\p{L}\\p{N}])(?:[A-Za-z]{1,6}[-_]?\\d{5,}|\\d{5,}[A-Za-z]{1,4})(?![\\p{L}\\p{N}])'),
    confidence: 0.55,
  },
];

/** Finds MRNs, accession numbers, SSNs, labelled and bare IDs and UIDs in `text`. */
export function findIdentifiers(text: string, out: PhiSpan[] = []): PhiSpan[] {
  runPatternRules(RULES, text, out);
  return out;
}
