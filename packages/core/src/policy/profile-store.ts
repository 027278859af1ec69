import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { ErrorCodes, PolicyError } from '../errors.js';
import { BUILTIN_PROFILES } from './builtin.js';
import type { PolicyDocument } from './types.js';
import { validatePolicyDocument, type FormatSchemas } from './validate.js';

/** Environment variable naming the saved-profiles folder. */
export const PROFILES_DIR_ENV_VAR = 'MEDIMAGECLEANER_PROFILES_DIR';

const PROFILE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** The saved-profiles folder: `$MEDIMAGECLEANER_PROFILES_DIR`, else `~/.config/medimagecleaner/profiles`. */
export function defaultProfilesDir(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env[PROFILES_DIR_ENV_VAR] ??
    join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'medimagecleaner', 'profiles')
  );
}

/** The file a saved profile named `name` lives in (undefined when the name is not a valid profile name). */
export function savedProfilePath(dir: string, name: string): string | undefined {
  return PROFILE_NAME.test(name) ? join(dir, `${name}.yaml`) : undefined;
}

/** A profile as listed: built-in or saved. */
export interface ProfileListing {
  name: string;
  kind: 'builtin' | 'saved';
  description?: string;
}

/** Lists built-in profiles, then saved ones. */
export function listProfiles(dir?: string): ProfileListing[] {
  const builtins: ProfileListing[] = Object.values(BUILTIN_PROFILES).map((p) => ({
    name: p.name,
    kind: 'builtin',
    ...(p.description ? { description: p.description } : {}),
  }));
  if (!dir) return builtins;
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  } catch {
    files = [];
  }
  return [
    ...builtins,
    ...files.sort().map((f) => ({ name: f.slice(0, -'.yaml'.length), kind: 'saved' as const })),
  ];
}

/**
 * Saves a validated policy document as a named profile (YAML), atomically. Refuses built-in names and
 * names that are not simple file names.
 */
export function saveProfile(dir: string, name: string, doc: unknown, handlers?: FormatSchemas): string {
  const path = savedProfilePath(dir, name);
  if (!path) {
    throw new PolicyError(
      ErrorCodes.POLICY_INVALID,
      `profile names are letters, digits, '.', '_' and '-' (got an invalid name)`,
    );
  }
  if (BUILTIN_PROFILES[name]) {
    throw new PolicyError(ErrorCodes.POLICY_INVALID, `'${name}' is a built-in profile; choose another name`);
  }
  const policy: PolicyDocument = validatePolicyDocument(doc, name, handlers);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, toYaml(policy), { mode: 0o644 });
  renameSync(temp, path);
  return path;
}
