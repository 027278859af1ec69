/**
 * Age rules. Under HIPAA Safe Harbor only ages over 89 are identifying, so every rule keeps ages
 * from 90 to 150 and drops the rest.
 */
import type { PhiSpan } from '../types.js';
import { rx, runPatternRules } from './pattern-rules.js';
import type { PatternRule } from './pattern-rules.js';

/** The smallest age that is reported. */
export const MIN_REPORTED_AGE = 90;

function over89(group: number) {
  return (m: RegExpExecArray): boolean => {
    const age = Number(m[group]);
    return age >= MIN_REPORTED_AGE && age <= 150;
  };
}

const RULES: readonly PatternRule[] = [
  {
    // 92 years old, 92-year-old, 92 yrs old, 95 years of age.
    id: 'age/years-old',
    type: 'age',
    re: rx(
      '(?<![\\p{N}.])(\\d{2,3})(?:\\s?-?\\s?)(?:years?|yrs?|y)\\.?(?:\\s?-?\\s?)(?:old|of\\s+age)(?!\\p{L})',
      true,
    ),
    confidence: 0.9,
    check: over89(1),
  },
  {
    // 95 Jahre, de 101 años, 96 ans, 92 anni, 94 jaar, 93 anos, 95-jährige.
    id: 'age/years-multilingual',
    type: 'age',
    re: rx(
      '(?<![\\p{N}.])(\\d{2,3})(?:\\s?-?\\s?)(?:jahre|jahren|jährige[rnms]?|j\\.|años|anos|ans|anni|jaar|jarige)(?!\\p{L})',
      true,
    ),
    confidence: 0.85,
    check: over89(1),
  },
  {
    // 93 y/o, 93yo, 93 y.o.
    id: 'age/yo',
    type: 'age',
    re: rx('(?<![\\p{N}.])(\\d{2,3})\\s?(?:y\\/o|y\\.\\s?o\\.?|yo)(?![\\p{L}\\p{N}])', true),
    confidence: 0.9,
    check: over89(1),
  },
  {
    // 92 years, 94 yrs (a span of 90+ years is almost always an age).
    id: 'age/years',
    type: 'age',
    re: rx('(?<![\\p{N}.])(\\d{2,3})\\s?(?:years?|yrs?)(?!\\p{L})', true),
    confidence: 0.7,
    check: over89(1),
  },
  {
    // age 95, aged 95, Age: 95, Alter 95, edad 95, âge 95 (the number only).
    id: 'age/label',
    type: 'age',
    re: rx(
      '(?<!\\p{L})(?:age[ds]?|alter|edad|[aâ]ge)(?!\\p{L})\\s{0,3}(?:is\\s+|of\\s+)?[:=]?\\s{0,3}(\\d{2,3})(?!\\p{N}|[.,]\\p{N})',
      true,
    ),
    confidence: 0.85,
    group: 1,
    check: over89(1),
  },
  {
    // DICOM AS: 091Y (above 089Y).
    id: 'age/dicom-as',
    type: 'age',
    re: rx('(?<![\\p{L}\\p{N}])(\\d{3})Y(?![\\p{L}\\p{N}])', true),
    confidence: 0.9,
    check: over89(1),
  },
  {
    id: 'age/word',
    type: 'age',
    re: rx('(?<!\\p{L})(?:nonagenarian|centenarian|supercentenarian)s?(?!\\p{L})', true),
    confidence: 0.7,
  },
];

/** Finds ages over 89 in `text`. */
export function findAges(text: string, out: PhiSpan[] = []): PhiSpan[] {
  runPatternRules(RULES, text, out);
  return out;
}
