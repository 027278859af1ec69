/**
 * Free-text cleaning shared by the profile engine (action C, structured content, graphics text) and
 * the user rules (`clean`): the text detector's spans and every known identifier of the subject
 * replaced, the result cut to the VR's maximum length.
 */
import type { EngineEnv } from './engine-env.js';
import { MAX_CHARS } from './values.js';

/** The text put in place of a cleaned span. */
export const REDACTED = '[REDACTED]';

/** What cleaning reads from the engine's environment. */
export type TextCleaningEnv = Pick<
  EngineEnv,
  'text' | 'knownIdentifiers' | 'knownNames' | 'learned' | 'matcher'
>;

/**
 * Cleans free text: the text detector's spans and every known identifier replaced; a value that still
 * holds an identifier becomes empty; the result is cut to the VR's maximum length. Blank values stay.
 */
export function cleanText(value: string, vr: string, env: TextCleaningEnv): string {
  if (!value.trim()) return value;
  let out = env.text.redact(value, {
    knownIdentifiers: env.knownIdentifiers,
    ...(env.knownNames && env.knownNames.length > 0 ? { knownNames: env.knownNames } : {}),
    ...(env.learned && env.learned.length > 0 ? { learned: env.learned } : {}),
  }).text;
  if (env.matcher.inText(out)) out = env.matcher.redactText(out, REDACTED);
  if (env.matcher.inText(out)) out = '';
  const max = MAX_CHARS[vr];
  if (max !== undefined && out.length > max) out = out.slice(0, max);
  return out;
}
