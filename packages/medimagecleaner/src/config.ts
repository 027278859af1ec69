import { resolve } from 'node:path';
import {
  ConfigurationError,
  ErrorCodes,
  loadPolicy,
  loadPolicyDocument,
  readPolicyFile,
  saveProfile,
  type PolicyDocument,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import { createAllHandlers } from './handlers.js';
import { isResolvedPolicy, loadOptions } from './options.js';

/** Where saved profiles live and how relative paths resolve. */
export interface ConfigStoreOptions {
  /** The saved-profiles folder. Default: `$MEDIMAGECLEANER_PROFILES_DIR`, else `~/.config/medimagecleaner/profiles`. */
  profilesDir?: string;
  /** Base of relative paths. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Validates a policy (a document written in code, or a JSON/YAML file) with every registered format
 * handler, `extends` included, and saves it as the named profile, the same store
 * `medimagecleaner profiles save` writes. Returns the saved file's path. Built-in names and names
 * that are not simple file names are refused (`E_POLICY_INVALID`).
 */
export function saveConfig(
  name: string,
  policyOrFile: PolicyDocument | string,
  options: ConfigStoreOptions = {},
): string {
  const handlers = createAllHandlers();
  const load = loadOptions(options, handlers);
  let doc: unknown;
  if (typeof policyOrFile === 'string') {
    const path = resolve(load.cwd ?? '.', policyOrFile);
    doc = readPolicyFile(path).doc;
    loadPolicy(path, load);
  } else {
    if (typeof policyOrFile !== 'object' || policyOrFile === null || isResolvedPolicy(policyOrFile)) {
      throw new ConfigurationError(
        ErrorCodes.USAGE,
        'save a policy document or a policy file, not a resolved policy',
      );
    }
    doc = policyOrFile;
    loadPolicyDocument(doc, load);
  }
  return saveProfile(load.profilesDir ?? '', name, doc, handlers);
}

/**
 * Loads a profile (built-in or saved by {@link saveConfig}) or a policy file, resolved and hashed,
 * ready to pass as `policy` to {@link deidentify}, {@link deidentifyFile} or {@link deidentifyBuffer}.
 */
export function loadConfig(nameOrFile: string, options: ConfigStoreOptions = {}): ResolvedPolicy {
  if (typeof nameOrFile !== 'string' || nameOrFile === '') {
    throw new ConfigurationError(ErrorCodes.USAGE, 'name a profile or a policy file');
  }
  return loadPolicy(nameOrFile, loadOptions(options, createAllHandlers()));
}
