import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError, EXIT_CODES, ErrorCodes, defaultProfilesDir } from '@medimagecleaner/core';
import { cliHandlers } from '../handlers.js';
import type { CliIo } from '../io.js';
import { profileFor } from '../wizard/answers.js';
import { createDefaultsPrompter } from '../wizard/defaults-prompter.js';
import { interview, type Interview } from '../wizard/interview.js';
import { policyDocumentFor, policyYamlFor } from '../wizard/policy-text.js';
import { createPrompter, WizardAbort, type PromptStreams } from '../wizard/prompter.js';
import { shellCommand } from '../wizard/shell-quote.js';
import { ensureKeyFile, writePolicyFile } from '../wizard/write-files.js';
import { DEFAULT_KEY_FILE, deidentifyCommand } from './deidentify.js';

/** Exit code when the user pressed Ctrl-C (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

/** Options of `medimagecleaner wizard`. */
export interface WizardOptions {
  /** Take every default without asking (for scripts). */
  yes?: boolean;
  /** The policy file to write (not asked then). */
  out?: string;
  /** The key file to create or reuse (not asked then). */
  keyFile?: string;
  /** Replace an existing policy file. */
  force?: boolean;
}

/**
 * Runs the guided first run: asks what the data is and what the release is for, writes a commented
 * policy file (loaded back before it says done) and a key file (0600, unless one exists), and offers
 * to run the policy on a sample. Nothing is written until every question is answered: Ctrl-C exits
 * 130 and end of input exits 2, both with no file written. Returns the exit code.
 */
export async function wizardCommand(
  opts: WizardOptions,
  io: CliIo,
  streams: PromptStreams = { input: process.stdin, output: process.stdout },
): Promise<number> {
  const write = (text: string): void => void io.stdout.write(text);
  if (opts.out && !opts.force && existsSync(resolve(io.cwd, opts.out))) {
    throw new ConfigurationError(ErrorCodes.USAGE, 'the policy file exists; pass --force to replace it', {
      file: opts.out,
    });
  }
  write(
    [
      'medimagecleaner wizard: a policy for your data in a few questions.',
      'Press Enter to take the [default]. Ctrl-C stops without writing anything.',
      '',
    ].join('\n'),
  );
  const prompter = opts.yes ? createDefaultsPrompter(write) : createPrompter(streams);
  let answers: Interview;
  try {
    answers = await interview(prompter, {
      cwd: io.cwd,
      ...(opts.out ? { out: opts.out } : {}),
      ...(opts.keyFile ? { keyFile: opts.keyFile } : {}),
      ...(opts.force ? { force: true } : {}),
      defaultKeyFile: DEFAULT_KEY_FILE,
      write,
    });
  } catch (error) {
    if (!(error instanceof WizardAbort)) throw error;
    io.stderr.write(
      `\nmedimagecleaner wizard: ${error.kind === 'interrupt' ? 'interrupted' : 'input ended'}; nothing was written\n`,
    );
    return error.kind === 'interrupt' ? EXIT_INTERRUPTED : EXIT_CODES.CONFIG;
  } finally {
    prompter.close();
  }
  return finish(answers, opts, io);
}

async function finish(plan: Interview, opts: WizardOptions, io: CliIo): Promise<number> {
  const say = (line = ''): void => void io.stdout.write(`${line}\n`);
  const handlers = await cliHandlers();
  const load = { handlers, profilesDir: defaultProfilesDir(io.env), cwd: io.cwd };
  const policyPath = resolve(io.cwd, plan.policyFile);
  const policy = await writePolicyFile(
    policyPath,
    policyYamlFor(plan.answers, plan.policyFile),
    policyDocumentFor(plan.answers),
    load,
    Boolean(opts.force),
  );
  say();
  say(
    `wrote ${plan.policyFile}: extends '${profileFor(plan.answers.purpose)}', policy hash ${policy.hash.slice(0, 16)} (checked by loading it back)`,
  );
  const key = await ensureKeyFile(resolve(io.cwd, plan.keyFile));
  say(
    key.created
      ? `wrote a new project key to ${plan.keyFile} (mode 0600, fingerprint ${key.fingerprint}); keep it secret and keep a copy`
      : `reusing the project key in ${plan.keyFile} (fingerprint ${key.fingerprint})`,
  );
  if (key.warning) io.stderr.write(`medimagecleaner: ${key.warning}\n`);
  const options = shellCommand(['-c', plan.policyFile, '-k', plan.keyFile]);
  if (!plan.run) {
    say();
    say('Run it with:');
    say(`  medimagecleaner deidentify <folder> -o <output folder> ${options}`);
    return EXIT_CODES.OK;
  }
  say();
  say(`de-identifying ${plan.run.input} into ${plan.run.output} ...`);
  const code = await deidentifyCommand(
    [plan.run.input],
    { output: plan.run.output, config: plan.policyFile, keyFile: plan.keyFile, progress: false },
    io,
  );
  say();
  say('Run it again (or on other folders) with:');
  say(
    `  ${shellCommand(['medimagecleaner', 'deidentify', plan.run.input, '-o', plan.run.output])} ${options}`,
  );
  say(`(a rerun into the same output folder needs --overwrite or --resume)`);
  return code;
}
