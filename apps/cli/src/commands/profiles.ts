import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import {
  BUILTIN_PROFILES,
  ConfigurationError,
  EXIT_CODES,
  ErrorCodes,
  PROFILE_OPTIONS,
  defaultProfilesDir,
  listProfiles,
  loadPolicy,
  readPolicyFile,
  saveProfile,
} from '@medimagecleaner/core';
import { cliHandlers } from '../handlers.js';
import type { CliIo } from '../io.js';

/** `profiles list`: built-in and saved profiles. */
export async function profilesListCommand(opts: { json?: boolean }, io: CliIo): Promise<number> {
  const profiles = listProfiles(defaultProfilesDir(io.env));
  if (opts.json) io.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
  else
    for (const p of profiles)
      io.stdout.write(`${p.name.padEnd(16)} ${p.kind.padEnd(8)} ${p.description ?? ''}\n`);
  return EXIT_CODES.OK;
}

/** `profiles show <name|file>`: the resolved policy with its hash. */
export async function profilesShowCommand(ref: string, io: CliIo): Promise<number> {
  const policy = loadPolicy(ref, {
    handlers: await cliHandlers(),
    profilesDir: defaultProfilesDir(io.env),
    cwd: io.cwd,
  });
  io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  return EXIT_CODES.OK;
}

/** `profiles init <file>`: a commented starter policy that extends a profile. */
export async function profilesInitCommand(
  file: string,
  opts: { extends: string; force?: boolean },
  io: CliIo,
): Promise<number> {
  if (!BUILTIN_PROFILES[opts.extends]) {
    loadPolicy(opts.extends, { profilesDir: defaultProfilesDir(io.env), cwd: io.cwd }); // throws a clear error when unknown
  }
  const doc = {
    name: 'my-policy',
    description: 'Describe what this policy is for.',
    extends: opts.extends,
    options: {},
    pseudonyms: { dateShiftDays: { min: -1095, max: -1 } },
    formats: { dicom: { burnedInAnnotation: 'quarantine' } },
  };
  const text = [
    '# medimagecleaner policy. Unknown keys are errors. Check it with: medimagecleaner profiles show <this file>',
    `# options: the DICOM PS3.15 Annex E options, each true or false (unset: as in '${opts.extends}'):`,
    ...PROFILE_OPTIONS.map((o) => `#   ${o}`),
    toYaml(doc),
  ].join('\n');
  try {
    await writeFile(resolve(io.cwd, file), text, { flag: opts.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ConfigurationError(ErrorCodes.USAGE, 'the file exists; pass --force to replace it', { file });
    }
    throw error;
  }
  io.stdout.write(`wrote ${file}\n`);
  return EXIT_CODES.OK;
}

/** `profiles save <name> --config <file>`: validates and stores a policy under a name. */
export async function profilesSaveCommand(
  name: string,
  opts: { config: string },
  io: CliIo,
): Promise<number> {
  const handlers = await cliHandlers();
  const source = readPolicyFile(resolve(io.cwd, opts.config));
  loadPolicy(resolve(io.cwd, opts.config), {
    handlers,
    profilesDir: defaultProfilesDir(io.env),
    cwd: io.cwd,
  }); // resolves extends too
  const path = saveProfile(defaultProfilesDir(io.env), name, source.doc, handlers);
  io.stdout.write(`saved profile '${name}' to ${path}\n`);
  return EXIT_CODES.OK;
}
