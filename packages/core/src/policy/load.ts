import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ErrorCodes, PolicyError } from '../errors.js';
import { BUILTIN_PROFILES } from './builtin.js';
import { savedProfilePath } from './profile-store.js';
import { resolvePolicyDocument, type ReferencedDocument } from './resolve.js';
import type { ResolvedPolicy } from './types.js';
import type { FormatSchemas } from './validate.js';

/** Options of {@link loadPolicy}. */
export interface LoadPolicyOptions {
  /** Handlers whose schemas validate format sections. */
  handlers?: FormatSchemas;
  /** Folder of saved profiles (see {@link defaultProfilesDir}). */
  profilesDir?: string;
  /** Base for relative paths. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Parses policy text. YAML is a superset of JSON, so one parser reads both; duplicate keys are errors.
 */
export function parsePolicyText(text: string, source: string): unknown {
  try {
    return parseYaml(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      `not valid YAML or JSON${line ? ` (line ${line})` : ''}: ${(error as Error).message.split('\n')[0]}`,
      { file: source, cause: error },
    );
  }
}

/** Reads and parses a policy file. */
export function readPolicyFile(path: string): ReferencedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(ErrorCodes.POLICY_NOT_FOUND, 'cannot read the policy file', {
      file: path,
      cause: error,
    });
  }
  return { doc: parsePolicyText(text, path), source: path };
}

/**
 * Loads a policy by reference: a built-in profile name, a saved profile name, or a file path (JSON or
 * YAML), resolving `extends` the same way at every level.
 */
export function loadPolicy(ref: string, options: LoadPolicyOptions = {}): ResolvedPolicy {
  const find = referenceFinder(options);
  const top = find(ref, '<inline>');
  return resolvePolicyDocument(top.doc, { handlers: options.handlers, resolveReference: find }, top.source);
}

/**
 * Resolves a policy document built in code (e.g. a profile plus a recipe's rules), whose `extends`
 * may name built-in profiles, saved profiles or files (relative to `options.cwd`).
 */
export function loadPolicyDocument(
  doc: unknown,
  options: LoadPolicyOptions = {},
  source = '<inline>',
): ResolvedPolicy {
  return resolvePolicyDocument(
    doc,
    { handlers: options.handlers, resolveReference: referenceFinder(options) },
    source,
  );
}

function referenceFinder(
  options: LoadPolicyOptions,
): (reference: string, fromSource: string) => ReferencedDocument {
  const cwd = options.cwd ?? process.cwd();
  return (reference, fromSource) => {
    const builtin = BUILTIN_PROFILES[reference];
    if (builtin) return { doc: builtin, source: `builtin:${reference}` };
    const saved = options.profilesDir ? savedProfilePath(options.profilesDir, reference) : undefined;
    if (saved && existsSync(saved)) return readPolicyFile(saved);
    const base = fromSource.startsWith('builtin:') || fromSource.startsWith('<') ? cwd : dirname(fromSource);
    const path = isAbsolute(reference) ? reference : resolvePath(base, reference);
    if (!existsSync(path)) {
      throw new PolicyError(
        ErrorCodes.POLICY_NOT_FOUND,
        `no built-in profile, saved profile or file named '${reference}'`,
        { file: fromSource },
      );
    }
    return readPolicyFile(path);
  };
}
