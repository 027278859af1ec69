/**
 * The wizard's conversation: asks each question with its default and a one-line explanation, echoes
 * what the answer changes, and returns the answers. Writes nothing to disk.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_FORMATS,
  DEFAULT_PURPOSE,
  EXPLAIN,
  FORMAT_CHOICES,
  PURPOSE_CHOICES,
  SUBJECT_KEY_CHOICES,
  choiceName,
  defaultsFor,
  parseChoice,
  parseChoices,
  parseYesNo,
  type Choice,
  type WizardAnswers,
} from './answers.js';
import type { AnswerParser, Prompter } from './prompter.js';

/** The default policy file name. */
export const DEFAULT_POLICY_FILE = 'medimagecleaner-policy.yaml';
/** The sample folder offered for a first run (the repository's synthetic studies). */
export const SAMPLE_FOLDER = 'samples/dicom';

/** What to run once the files are written. */
export interface SampleRun {
  input: string;
  output: string;
}

/** Everything the interview gathered. */
export interface Interview {
  answers: WizardAnswers;
  /** The policy file, as typed (relative to the working folder). */
  policyFile: string;
  /** The key file, as typed. */
  keyFile: string;
  /** The sample run, when the user wants one. */
  run?: SampleRun;
}

/** Fixed inputs of the interview. */
export interface InterviewOptions {
  cwd: string;
  /** The policy file from `--out` (not asked then). */
  out?: string;
  /** The key file from `--key-file` (not asked then). */
  keyFile?: string;
  /** Replace an existing policy file. */
  force?: boolean;
  /** The default key file name. */
  defaultKeyFile: string;
  /** Where explanations go. */
  write: (text: string) => void;
}

/** Asks every question in order and returns the answers. */
export async function interview(ask: Prompter, opts: InterviewOptions): Promise<Interview> {
  const say = (line = ''): void => opts.write(`${line}\n`);
  let n = 0;
  const heading = (title: string, why: string): void => {
    n += 1;
    say();
    say(`${n}. ${title}`);
    say(`   ${why}`);
  };
  const list = <T>(choices: readonly Choice<T>[]): void =>
    choices.forEach((c, i) => say(`   ${i + 1}) ${c.name.padEnd(18)} ${c.label}`));

  heading('Which kinds of data will you de-identify?', EXPLAIN.formats);
  list(FORMAT_CHOICES);
  const formats = await ask.ask(
    '   Formats (numbers or names, comma-separated)',
    DEFAULT_FORMATS.join(','),
    (a) => parseChoices(FORMAT_CHOICES, a),
  );
  say(`   -> the policy configures: ${formats.join(', ')}`);

  heading('What is the release for?', EXPLAIN.purpose);
  list(PURPOSE_CHOICES);
  const purpose = await ask.ask('   Purpose', DEFAULT_PURPOSE, (a) => parseChoice(PURPOSE_CHOICES, a));
  say(`   -> ${PURPOSE_CHOICES.find((c) => c.value === purpose)?.label ?? purpose}`);
  const d = defaultsFor(purpose);

  heading('Dates: keep them shifted, or remove them?', EXPLAIN.dates);
  const dates = await ask.ask('   Dates (shift/remove)', d.dates, oneOf(['shift', 'remove'] as const));
  say(
    dates === 'shift'
      ? '   -> dates move by one keyed offset per subject (1 to 1095 days back)'
      : '   -> dates are removed or emptied',
  );

  heading('Keep device identity (scanner make, model, station, serial)?', EXPLAIN.deviceIdentity);
  const deviceIdentity = await ask.ask(
    '   Keep device identity (yes/no)',
    yesNo(d.deviceIdentity),
    parseYesNo,
  );
  say(deviceIdentity ? '   -> device attributes are kept' : '   -> device attributes are removed');

  heading('Keep safe private (vendor) attributes?', EXPLAIN.safePrivate);
  const safePrivate = await ask.ask(
    '   Keep safe private attributes (yes/no)',
    yesNo(d.safePrivate),
    parseYesNo,
  );
  say(
    safePrivate ? '   -> known-safe private attributes are kept' : '   -> every private attribute is removed',
  );

  heading('Descriptions and comments: clean them, or remove them?', EXPLAIN.descriptions);
  const descriptions = await ask.ask(
    '   Descriptions (clean/remove)',
    d.descriptions,
    oneOf(['clean', 'remove'] as const),
  );
  say(
    descriptions === 'clean'
      ? '   -> descriptions are kept with PHI spans replaced ([NAME], [DATE] ...)'
      : '   -> descriptions are removed',
  );

  heading('What identifies one subject?', EXPLAIN.subjectKey);
  list(SUBJECT_KEY_CHOICES);
  const subjectKey = await ask.ask('   Subject key', choiceName(SUBJECT_KEY_CHOICES, d.subjectKey), (a) =>
    parseChoice(SUBJECT_KEY_CHOICES, a),
  );
  say(`   -> subject key: ${subjectKey.join(' + ')}`);

  const answers: WizardAnswers = {
    formats,
    purpose,
    dates,
    deviceIdentity,
    safePrivate,
    descriptions,
    subjectKey,
  };

  heading('Where should the policy file go?', 'A YAML file with a comment above every setting.');
  const policyFile =
    opts.out ?? (await ask.ask('   Policy file', DEFAULT_POLICY_FILE, newPolicyFile(opts.cwd, opts.force)));
  if (opts.out) say(`   -> ${opts.out} (from --out)`);

  heading(
    'Which project key file?',
    'The secret behind every pseudonym: the same key gives the same pseudonyms.',
  );
  const keyFile = opts.keyFile ?? (await ask.ask('   Key file', opts.defaultKeyFile, keyFilePath(opts.cwd)));
  say(
    existsSync(resolve(opts.cwd, keyFile))
      ? `   -> ${keyFile} exists and is reused (never overwritten)`
      : `   -> a new random key will be written to ${keyFile} (mode 0600)`,
  );

  const sampleExists = isFolder(resolve(opts.cwd, SAMPLE_FOLDER));
  heading(
    'Run the new policy on a sample now?',
    'Writes de-identified copies to a new folder; inputs are never changed.',
  );
  const wantsRun = await ask.ask(
    '   Run on a sample (yes/no)',
    yesNo(sampleExists && formats.includes('dicom')),
    parseYesNo,
  );
  if (!wantsRun) return { answers, policyFile, keyFile };
  const input = await ask.ask('   Folder to de-identify', SAMPLE_FOLDER, existingFolder(opts.cwd));
  const output = await ask.ask(
    '   Output folder',
    freeFolderName(opts.cwd, 'deidentified-sample'),
    emptyFolder(opts.cwd),
  );
  return { answers, policyFile, keyFile, run: { input, output } };
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function oneOf<T extends string>(values: readonly T[]): AnswerParser<T> {
  return (a) => values.find((v) => v === a.toLowerCase()) ?? { error: `answer ${values.join(' or ')}` };
}

function newPolicyFile(cwd: string, force?: boolean): AnswerParser<string> {
  return (a) => {
    if (!force && existsSync(resolve(cwd, a))) {
      return { error: `${a} exists; name another file (or rerun with --force to replace it)` };
    }
    return a;
  };
}

function keyFilePath(cwd: string): AnswerParser<string> {
  return (a) => (isFolder(resolve(cwd, a)) ? { error: `${a} is a folder; name a file` } : a);
}

function existingFolder(cwd: string): AnswerParser<string> {
  return (a) => (isFolder(resolve(cwd, a)) ? a : { error: `${a} is not a folder` });
}

function emptyFolder(cwd: string): AnswerParser<string> {
  return (a) => {
    const path = resolve(cwd, a);
    if (!existsSync(path)) return a;
    return isFolder(path) && readdirSync(path).length === 0 ? a : { error: `${a} exists and is not empty` };
  };
}

/** `base`, or `base-2`, `base-3` ... : the first name that does not exist in `cwd`. */
export function freeFolderName(cwd: string, base: string): string {
  for (let i = 1; ; i += 1) {
    const name = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(resolve(cwd, name))) return name;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
