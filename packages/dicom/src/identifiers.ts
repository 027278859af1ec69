/**
 * Matching a subject's own identifiers (names, IDs, birth date, address, phone numbers...) in text,
 * case-insensitively and whatever separators stand between their characters. Shared by the engine (to
 * choose replacement values that contain none of them, and to clean kept text) and by the independent
 * verifier. Never logs or returns the identifiers.
 */

/** Characters treated as separators inside an identifier (`DOE^JANE`, `555-0123`, `1980.01.02`). */
const SEPARATOR_CLASS = String.raw`[\s^\\\-_.,/()'"=:;+|#*~]`;
const SEPARATOR_RE = new RegExp(SEPARATOR_CLASS, 'gu');

/**
 * Identifiers that are placeholders or common words rather than identifying values ("Anonymous",
 * "Unknown", "Test", the words of "dft patient name"). Matching them would flag every de-identified file.
 */
const PLACEHOLDERS = new Set([
  'anon',
  'anonymous',
  'anonymized',
  'anonymised',
  'anonymize',
  'deidentified',
  'removed',
  'redacted',
  'unknown',
  'none',
  'null',
  'nil',
  'test',
  'patient',
  'name',
  'phantom',
  'default',
  'noname',
  'other',
  'male',
  'female',
  'xxx',
  'yyy',
  'zzz',
]);

/** Lower-case, Unicode-normalised, separators removed. */
export function normalizeIdentifier(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(SEPARATOR_RE, '');
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One identifier prepared for matching. */
interface PreparedIdentifier {
  /** Normalised form. */
  readonly normalized: string;
  /** Digits only. */
  readonly numeric: boolean;
  /** Finds the identifier in lower-cased text, separators allowed between its characters. */
  readonly pattern: RegExp;
}

/** Options of {@link createIdentifierMatcher}. */
export interface MatcherOptions {
  /** Shortest normalised identifier considered (default 3; digit-only identifiers need at least 4). */
  readonly minLength?: number;
}

/** Finds a subject's identifiers in values. */
export interface IdentifierMatcher {
  /** How many identifiers take part. */
  readonly size: number;
  /** True when free text contains an identifier. */
  inText(text: string): boolean;
  /** Replaces every occurrence in free text with `replacement`. */
  redactText(text: string, replacement: string): string;
  /** True when one value of a numeric, date or code string (split on `\`) equals an identifier. */
  inTokens(value: string): boolean;
  /** True when a component of a UID (split on `.`) equals a digit identifier. */
  inUid(value: string): boolean;
}

/**
 * Prepares `identifiers` for matching. Identifiers shorter than `minLength` once normalised, digit-only
 * identifiers shorter than 4, and placeholders are left out. Long identifiers (6 characters or more)
 * match anywhere; shorter ones only as whole words (so `Ann` does not match `annotation`); digit-only ones
 * never next to another digit.
 */
export function createIdentifierMatcher(
  identifiers: readonly string[],
  options: MatcherOptions = {},
): IdentifierMatcher {
  const minLength = options.minLength ?? 3;
  const prepared = new Map<string, PreparedIdentifier>();
  for (const raw of identifiers) {
    if (typeof raw !== 'string') continue;
    const normalized = normalizeIdentifier(raw);
    if (normalized.length < minLength || PLACEHOLDERS.has(normalized) || prepared.has(normalized)) continue;
    const numeric = /^\d+$/.test(normalized);
    if (numeric && normalized.length < 4) continue;
    const core = Array.from(normalized).map(escapeRegExp).join(`${SEPARATOR_CLASS}*`);
    let source: string;
    if (numeric) source = String.raw`(?<!\d)${core}(?!\d)`;
    else if (normalized.length >= 6) source = core;
    else source = String.raw`(?<![\p{L}\p{N}])${core}(?![\p{L}\p{N}])`;
    prepared.set(normalized, { normalized, numeric, pattern: new RegExp(source, 'gu') });
  }
  const list = [...prepared.values()];
  const lower = (text: string): string => text.normalize('NFKC').toLowerCase();

  return {
    size: list.length,
    inText(text) {
      if (!text) return false;
      const t = lower(text);
      return list.some((id) => {
        id.pattern.lastIndex = 0;
        return id.pattern.test(t);
      });
    },
    redactText(text, replacement) {
      if (!text) return text;
      let t = lower(text);
      let changed = false;
      // Work on the lower-cased text only to find spans; cut the same spans out of the original.
      let out = text.normalize('NFKC');
      if (out.length !== t.length) out = t; // lower-casing changed lengths: fall back to the lower-cased text
      for (const id of list) {
        id.pattern.lastIndex = 0;
        const spans: Array<[number, number]> = [];
        for (const m of t.matchAll(id.pattern)) spans.push([m.index, m.index + m[0].length]);
        for (let i = spans.length - 1; i >= 0; i--) {
          const [s, e] = spans[i]!;
          out = out.slice(0, s) + replacement + out.slice(e);
          t = t.slice(0, s) + lower(replacement) + t.slice(e);
          changed = true;
        }
      }
      return changed ? out : text;
    },
    inTokens(value) {
      if (!value) return false;
      return value.split('\\').some((token) => {
        const n = normalizeIdentifier(token);
        return n.length > 0 && prepared.has(n);
      });
    },
    inUid(value) {
      if (!value) return false;
      return value
        .replace(/[\0 ]+$/, '')
        .split('.')
        .some((component) => {
          const id = prepared.get(component);
          return id !== undefined && id.numeric;
        });
    },
  };
}

/**
 * Chooses the first candidate that contains none of the identifiers, or undefined. Replacement values
 * (dummy text, fake names) must not reproduce a subject's identifier by chance (a fake family name
 * `JOHNSON` for a patient called `John`).
 */
export function firstClean(matcher: IdentifierMatcher, candidates: Iterable<string>): string | undefined {
  for (const candidate of candidates) {
    if (!matcher.inText(candidate)) return candidate;
  }
  return undefined;
}
