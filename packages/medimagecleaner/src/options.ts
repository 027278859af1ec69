import { resolve } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_PROFILE,
  ErrorCodes,
  defaultProfilesDir,
  keyFingerprint,
  loadKey,
  loadPolicy,
  loadPolicyDocument,
  parseKey,
  type FormatHandler,
  type LoadPolicyOptions,
  type PolicyDocument,
  type ResolvedPolicy,
} from '@medimagecleaner/core';

/**
 * Which policy and key a library call uses. Give at most one of `profile`, `config` and `policy`
 * (none: the `basic` profile), and the key as `key`, `keyFile`, or the `MEDIMAGECLEANER_KEY`
 * environment variable; a call without a key fails with `E_KEY_INVALID` rather than make one up.
 */
export interface PolicyAndKeyOptions {
  /** A built-in profile (`basic`, `longitudinal`, `research`) or a saved one (see {@link saveConfig}). */
  profile?: string;
  /** A policy file (JSON or YAML), which may extend a profile. Relative to `cwd`. */
  config?: string;
  /** A policy document written in code, or a policy already resolved (from {@link loadConfig}). */
  policy?: PolicyDocument | ResolvedPolicy;
  /** The project key: bytes, or text in hex or base64. */
  key?: Uint8Array | string;
  /** A key file (hex or base64, as `medimagecleaner key generate` writes). Relative to `cwd`. */
  keyFile?: string;
  /** The saved-profiles folder. Default: `$MEDIMAGECLEANER_PROFILES_DIR`, else `~/.config/medimagecleaner/profiles`. */
  profilesDir?: string;
  /** Base of relative paths. Default `process.cwd()`. */
  cwd?: string;
}

/** A loaded key as the pipeline reports it (never the key itself in reports). */
export interface ResolvedKey {
  key: Uint8Array;
  source: string;
  fingerprint: string;
}

/** The options of the policy loader for these options. */
export function loadOptions(options: PolicyAndKeyOptions, handlers: FormatHandler[]): LoadPolicyOptions {
  return {
    handlers,
    profilesDir: options.profilesDir ?? defaultProfilesDir(),
    cwd: options.cwd ?? process.cwd(),
  };
}

/** Resolves `profile`, `config` or `policy` into one validated, hashed policy. */
export function resolveOptionsPolicy(
  options: PolicyAndKeyOptions,
  handlers: FormatHandler[],
): ResolvedPolicy {
  const given = [options.profile, options.config, options.policy].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'give at most one of profile, config and policy');
  }
  const load = loadOptions(options, handlers);
  if (options.policy !== undefined) {
    if (typeof options.policy !== 'object' || options.policy === null) {
      throw new ConfigurationError(ErrorCodes.USAGE, 'policy must be a policy document or a resolved policy');
    }
    return isResolvedPolicy(options.policy) ? options.policy : loadPolicyDocument(options.policy, load);
  }
  if (options.config !== undefined) return loadPolicy(resolve(load.cwd ?? '.', options.config), load);
  return loadPolicy(options.profile ?? DEFAULT_PROFILE, load);
}

/** True for a policy that has been through the resolver (it carries its chain and hash). */
export function isResolvedPolicy(policy: PolicyDocument | ResolvedPolicy): policy is ResolvedPolicy {
  return 'hash' in policy && 'chain' in policy && typeof policy.hash === 'string';
}

/** The project key from `key`, `keyFile` or the environment; `E_KEY_INVALID` when none is given. */
export async function resolveOptionsKey(options: PolicyAndKeyOptions): Promise<ResolvedKey> {
  if (options.key !== undefined && options.keyFile !== undefined) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'give either key or keyFile');
  }
  if (options.key !== undefined) {
    const key = typeof options.key === 'string' ? parseKey(options.key) : options.key;
    if (!(key instanceof Uint8Array)) {
      throw new ConfigurationError(ErrorCodes.KEY_INVALID, 'key must be bytes or hex/base64 text');
    }
    // parseKey checks the length of text keys; bytes get the same check.
    if (typeof options.key !== 'string') parseKey(Buffer.from(key).toString('hex'));
    return { key, source: 'option', fingerprint: keyFingerprint(key) };
  }
  const loaded = await loadKey({
    ...(options.keyFile !== undefined
      ? { keyFile: resolve(options.cwd ?? process.cwd(), options.keyFile) }
      : {}),
  });
  return { key: loaded.key, source: loaded.source, fingerprint: loaded.fingerprint };
}
