import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_PROFILE,
  ErrorCodes,
  PolicyError,
  defaultProfilesDir,
  loadPolicy,
  loadPolicyDocument,
  type FormatHandler,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import { parseDicomRecipe } from '@medimagecleaner/dicom';
import type { CliIo } from './io.js';

/** The policy options every command that de-identifies or verifies takes. */
export interface PolicyOptions {
  profile?: string;
  config?: string;
  /** A text recipe (`FORMAT dicom`, `%header`, `KEEP ...`) layered on the profile or config. */
  recipe?: string;
}

/** Resolves `--profile` / `--config` (and `--recipe` on top) into one validated, hashed policy. */
export function policyFromOptions(opts: PolicyOptions, handlers: FormatHandler[], io: CliIo): ResolvedPolicy {
  if (opts.profile && opts.config) {
    throw new ConfigurationError(
      ErrorCodes.USAGE,
      'give either --profile or --config (a config file can extend a profile)',
    );
  }
  const load = { handlers, profilesDir: defaultProfilesDir(io.env), cwd: io.cwd };
  const base = opts.config ? resolve(io.cwd, opts.config) : (opts.profile ?? DEFAULT_PROFILE);
  if (!opts.recipe) return loadPolicy(base, load);
  const recipePath = resolve(io.cwd, opts.recipe);
  let text: string;
  try {
    text = readFileSync(recipePath, 'utf8');
  } catch (error) {
    throw new PolicyError(ErrorCodes.POLICY_NOT_FOUND, 'cannot read the recipe file', {
      file: opts.recipe,
      cause: error,
    });
  }
  const rules = parseDicomRecipe(text, opts.recipe);
  return loadPolicyDocument(
    { name: 'recipe', extends: base, formats: { dicom: { rules } } },
    load,
    recipePath,
  );
}
