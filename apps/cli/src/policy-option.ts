import {
  DEFAULT_PROFILE,
  defaultProfilesDir,
  loadPolicy,
  ConfigurationError,
  ErrorCodes,
  type FormatHandler,
  type ResolvedPolicy,
} from '@medimagecleaner/core';
import type { CliIo } from './io.js';

/** Resolves `--profile` / `--config` into one validated policy. */
export function policyFromOptions(
  opts: { profile?: string; config?: string },
  handlers: FormatHandler[],
  io: CliIo,
): ResolvedPolicy {
  if (opts.profile && opts.config) {
    throw new ConfigurationError(
      ErrorCodes.USAGE,
      'give either --profile or --config (a config file can extend a profile)',
    );
  }
  return loadPolicy(opts.config ?? opts.profile ?? DEFAULT_PROFILE, {
    handlers,
    profilesDir: defaultProfilesDir(io.env),
    cwd: io.cwd,
  });
}
