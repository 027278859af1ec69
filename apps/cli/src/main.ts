import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { processIo, type CliIo } from './io.js';

// Each command's module (and so the core, the handlers, dcmjs, the text engine) is loaded when that
// command runs: `--help`, a usage error or `key generate` load none of what `deidentify` needs.
const commands = {
  deidentify: () => import('./commands/deidentify.js'),
  verify: () => import('./commands/verify.js'),
  profiles: () => import('./commands/profiles.js'),
  text: () => import('./commands/text.js'),
  wizard: () => import('./commands/wizard.js'),
  key: () => import('./commands/key.js'),
};

/** The version of the core (its package.json, which a core test keeps equal to `CORE_VERSION`). */
function coreVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@medimagecleaner/core/package.json') as { version: string }).version;
}

/** Exit code of a successful run (`EXIT_CODES.OK`) and of a usage error (`EXIT_CODES.CONFIG`). */
const EXIT_OK = 0;
const EXIT_CONFIG = 2;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidArgumentError('must be a whole number from 1 to 256');
  return n;
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('medimagecleaner')
    .description('Remove protected health information from medical imaging data, fail closed.')
    .version(coreVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('deidentify')
    .description(
      'de-identify files, folders (recursively), glob patterns or @list files into an output folder',
    )
    .argument('<inputs...>', 'files, folders, glob patterns, or @file listing one input per line')
    .requiredOption('-o, --output <dir>', 'output folder (must not be inside an input folder)')
    .option('-p, --profile <name>', 'built-in or saved profile (see `profiles list`); default: basic')
    .option('-c, --config <file>', 'policy file (JSON or YAML), may extend a profile')
    .option('-r, --recipe <file>', 'text recipe of DICOM rules (KEEP, REMOVE, REPLACE ...) layered on top')
    .option(
      '-k, --key-file <file>',
      'project key file (else $MEDIMAGECLEANER_KEY, else ./medimagecleaner.key, generated if absent)',
    )
    .option('-j, --concurrency <n>', 'worker threads (default: number of cores)', positiveInt)
    .option('--resume', 'continue an interrupted run in the same output folder')
    .option('--overwrite', 'replace a previous run in the output folder')
    .option('--dry-run', 'process and verify everything, write only the report to stdout')
    .option('--fsync', 'flush every output and journal line to disk (survives power loss; slower)')
    .option('--quarantine <dir>', 'quarantine folder (default: <output>-quarantine)')
    .option('--report <file>', 'also write the JSON report to this file')
    .option('--json', 'print the JSON report on stdout (no progress output)')
    .option('--no-progress', 'no progress output')
    .option('-q, --quiet', 'print only errors (no progress, no summary)')
    .option('-v, --verbose', 'also print one line per finished item: its id and outcome (never its path)')
    .action(async (inputs: string[], opts) =>
      setExit(await (await commands.deidentify()).deidentifyCommand(inputs, opts, io)),
    );

  program
    .command('verify')
    .description('re-inspect de-identified files for identifying data left behind')
    .argument('<dir>', 'a folder of de-identified output')
    .option(
      '-p, --profile <name>',
      'check against this profile (default: the policy the run recorded in <dir>, else basic)',
    )
    .option('-c, --config <file>', 'check against this policy file instead of the recorded one')
    .option('-r, --recipe <file>', 'check against this recipe (on --profile/--config, else on basic)')
    .option('--identifiers <file>', 'identifiers to search for, one per line')
    .option('--json', 'JSON output')
    .action(async (dir: string, opts) =>
      setExit(await (await commands.verify()).verifyCommand(dir, opts, io)),
    );

  const profiles = program.command('profiles').description('list, show, create and save policy profiles');
  profiles
    .command('list')
    .description('built-in and saved profiles')
    .option('--json', 'JSON output')
    .action(async (opts) => setExit(await (await commands.profiles()).profilesListCommand(opts, io)));
  profiles
    .command('show')
    .description('print a profile or policy file fully resolved, with its hash')
    .argument('<name-or-file>')
    .action(async (ref: string) => setExit(await (await commands.profiles()).profilesShowCommand(ref, io)));
  profiles
    .command('init')
    .description('write a starter policy file')
    .argument('<file>')
    .addOption(new Option('--extends <profile>', 'profile to extend').default('basic'))
    .option('--force', 'replace an existing file')
    .action(async (file: string, opts) =>
      setExit(await (await commands.profiles()).profilesInitCommand(file, opts, io)),
    );
  profiles
    .command('save')
    .description('validate a policy file and save it as a named profile')
    .argument('<name>')
    .requiredOption('-c, --config <file>', 'the policy file')
    .action(async (name: string, opts) =>
      setExit(await (await commands.profiles()).profilesSaveCommand(name, opts, io)),
    );

  const text = program.command('text').description('check free text with the PHI engine');
  text
    .command('scan')
    .description(
      'print one JSON line per file with the PHI spans the engine finds (offsets, type, confidence; never the text)',
    )
    .argument('<files...>', 'text files (UTF-8 or Latin-1)')
    .option('-p, --profile <name>', 'built-in or saved profile whose text settings apply (default: basic)')
    .option('-c, --config <file>', 'policy file whose text settings apply')
    .action(async (files: string[], opts) =>
      setExit(await (await commands.text()).textScanCommand(files, opts, io)),
    );

  program
    .command('wizard')
    .description(
      'guided first run: asks about your data, writes a commented policy file and a key, runs a sample',
    )
    .option('-y, --yes', 'take every default without asking (for scripts)')
    .option('-o, --out <file>', 'policy file to write (default: asked, medimagecleaner-policy.yaml)')
    .option(
      '-k, --key-file <file>',
      'key file to create, or reuse if it exists (default: asked, medimagecleaner.key)',
    )
    .option('--force', 'replace an existing policy file')
    .action(async (opts) => setExit(await (await commands.wizard()).wizardCommand(opts, io)));

  const key = program.command('key').description('project key management');
  key
    .command('generate')
    .description('write a new random project key (mode 0600)')
    .requiredOption('-o, --output <file>', 'key file to create (never overwritten)')
    .action(async (opts) => setExit(await (await commands.key()).keyGenerateCommand(opts, io)));

  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script names) and returns the exit code: 0 all
 * released, 1 some files quarantined or inputs unreadable, 2 usage or configuration error, 70 internal
 * error. Never calls `process.exit`.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_CONFIG;
    }
    // Loaded already by whichever command threw one of its errors.
    const { MedImageCleanerError, exitCodeFor, EXIT_CODES } = await import('@medimagecleaner/core');
    if (error instanceof MedImageCleanerError) {
      io.stderr.write(`medimagecleaner: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    // Unknown errors may quote data (libraries print values): show only their kind.
    io.stderr.write(
      `medimagecleaner: internal error (${error instanceof Error ? error.name : typeof error})\n`,
    );
    if (io.env['MEDIMAGECLEANER_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT_CODES.INTERNAL;
  }
}
