#!/usr/bin/env node
// DICOM benchmark, timed as a user feels it: whole processes, started and timed from outside, on a
// synthetic CT corpus (512x512 16-bit slices in 4 patients). Each round runs every command once, in an
// order that rotates from round to round, so a burst of load elsewhere on the machine hits all of them;
// medians over the rounds are reported.
//
//   npm run bench:dicom                               256 and 1,024 files, 3 rounds
//   npm run bench:dicom -- --sweep 256,1024,8192      also 8,192 files (about 15 minutes on 2 cores)
//   npm run bench:dicom -- --repeat 5                 5 rounds per size
//
// Commands (each one process tree, timed from spawn to exit):
//   cli        node apps/cli/bin/medimagecleaner.mjs deidentify <corpus> -o <out> -j 2 --key-file <key>
//   node-copy  node tools/bench/node-copy.mjs <corpus> <out> --threads 2   (the baseline of the ratios)
//   cp         cp -r <corpus> <out>
//   gdcmanon   gdcmanon --dumb -r -i <corpus> -o <out> with 10 tags removed (only when on PATH; Debian
//              package libgdcm-tools)
// Peak RSS is measured by `/usr/bin/time` (the largest process of the tree; every command here is one
// process; also user + system CPU seconds, a figure that other load on the machine disturbs less than
// wall time) or, without it, by polling /proc for the summed RSS of the tree. Outputs are deleted and
// `sync` runs before every run, so one run's write-back does not slow the next. The corpus is made once
// under $TMPDIR/medimagecleaner-bench and reused. Results are printed and written to bench-results.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';

const here = new URL('.', import.meta.url).pathname;
const repoRoot = join(here, '..', '..');
const { values } = parseArgs({
  options: {
    sweep: { type: 'string', default: '256,1024' },
    repeat: { type: 'string', default: '3' },
    patients: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '2' },
    only: { type: 'string' },
    'cli-args': { type: 'string', default: '' },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.sweep.split(',').map(Number);
const repeat = Math.max(1, Number(values.repeat));
const patients = Number(values.patients);
const jobs = String(Number(values.concurrency));
const root = join(tmpdir(), 'medimagecleaner-bench');
mkdirSync(root, { recursive: true });

const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const keyFile = join(root, 'bench.key');
if (!existsSync(keyFile)) {
  run(process.execPath, [
    join(repoRoot, 'apps/cli/bin/medimagecleaner.mjs'),
    'key',
    'generate',
    '-o',
    keyFile,
  ]);
}

// Ten attributes, as a small "dumb mode" configuration would remove.
const GDCM_TAGS = [
  '0010,0010',
  '0010,0020',
  '0010,0030',
  '0010,1010',
  '0008,0050',
  '0008,0080',
  '0008,0081',
  '0008,0090',
  '0008,1010',
  '0008,1070',
];
const commands = [
  {
    name: 'cli',
    argv: (input, out) => [
      process.execPath,
      join(repoRoot, 'apps/cli/bin/medimagecleaner.mjs'),
      'deidentify',
      input,
      '-o',
      out,
      '-j',
      jobs,
      '--key-file',
      keyFile,
      '--no-progress',
      ...values['cli-args'].split(' ').filter(Boolean),
    ],
    okCodes: [0],
  },
  {
    name: 'node-copy',
    argv: (input, out) => [process.execPath, join(here, 'node-copy.mjs'), input, out, '--threads', jobs],
    okCodes: [0],
  },
  { name: 'cp', argv: (input, out) => ['cp', '-r', input, out], okCodes: [0] },
  ...(onPath('gdcmanon')
    ? [
        {
          name: 'gdcmanon',
          prepare: (out) => mkdirSync(out, { recursive: true }),
          argv: (input, out) => [
            'gdcmanon',
            '--dumb',
            '-r',
            '--continue',
            '-i',
            input,
            '-o',
            out,
            ...GDCM_TAGS.flatMap((t) => ['--remove', t]),
          ],
          okCodes: [0],
        },
      ]
    : []),
].filter((c) => !values.only || values.only.split(',').includes(c.name));
const BASELINE = 'node-copy';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr ?? '');
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
  }
  return r.stdout;
}

/** Runs one command as a whole process tree; wall seconds from spawn to exit, peak RSS in MB. */
async function timed(argv) {
  const rssFile = join(root, 'rss.txt');
  const [cmd, ...args] = timeBinary ? [timeBinary, '-f', '%M %U %S', '-o', rssFile, ...argv] : argv;
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout = (stdout + d).slice(-4000)));
  let polledKb = 0;
  const poll = timeBinary
    ? undefined
    : setInterval(() => (polledKb = Math.max(polledKb, treeRssKb(child.pid))), 20);
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  const [peakKb, user, system] = timeBinary
    ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
    : [polledKb, Number.NaN, Number.NaN];
  return { seconds, cpuSeconds: user + system, peakRssMb: peakKb / 1024, code, stderr, stdout };
}

/** Summed VmRSS (kB) of a process and its descendants, from /proc. */
function treeRssKb(pid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  let total = 0;
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${tree[i]}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {}
  }
  return total;
}

/** Files written, the CLI's run state (journal, report) not counted. */
function countFiles(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && !(e.parentPath ?? e.path).includes('.medimagecleaner')) n++;
  }
  return n;
}

const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = [];
const loadBefore = loadavg();
for (const files of sizes) {
  const corpus = join(root, `ct-${files}-${patients}`);
  if (!existsSync(`${corpus}.complete`)) {
    process.stderr.write(`generating ${files} CT slices in ${patients} patients under ${corpus} ...\n`);
    rmSync(corpus, { recursive: true, force: true });
    run(process.execPath, [
      join(here, 'make-ct-corpus.mjs'),
      JSON.stringify({ dir: corpus, files, patients }),
    ]);
    writeFileSync(`${corpus}.complete`, '');
  }
  const out = join(root, `out-${files}`);
  const clean = () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(`${out}-quarantine`, { recursive: true, force: true });
    spawnSync('sync');
  };
  // One unmeasured copy so every command starts from the same page cache.
  clean();
  run('cp', ['-r', corpus, out]);
  const runs = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let round = 0; round < repeat; round++) {
    const order = commands.map((_, i) => commands[(i + round) % commands.length]);
    for (const command of order) {
      clean();
      command.prepare?.(out);
      const r = await timed(command.argv(corpus, out));
      const written = countFiles(out);
      if (!command.okCodes.includes(r.code)) {
        process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
        throw new Error(`${command.name} exited with ${r.code} at ${files} files`);
      }
      runs[command.name].push({
        seconds: r.seconds,
        cpuSeconds: r.cpuSeconds,
        peakRssMb: r.peakRssMb,
        written,
        load1: loadavg()[0],
      });
      process.stderr.write(
        `  ${files} files, round ${round + 1}/${repeat}: ${command.name} ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), ${r.peakRssMb.toFixed(0)} MB, ${written} files out\n`,
      );
    }
  }
  if (!values.keep) clean();
  const row = { files, rounds: repeat, commands: {} };
  const baseline = runs[BASELINE] ? median(runs[BASELINE].map((r) => r.seconds)) : undefined;
  for (const command of commands) {
    const list = runs[command.name];
    const seconds = median(list.map((r) => r.seconds));
    row.commands[command.name] = {
      seconds,
      filesPerSecond: files / seconds,
      cpuSeconds: median(list.map((r) => r.cpuSeconds)),
      peakRssMb: Math.max(...list.map((r) => r.peakRssMb)),
      ratioToNodeCopy: baseline ? seconds / baseline : undefined,
      runs: list.map((r) => Number(r.seconds.toFixed(3))),
      written: list[0].written,
    };
  }
  results.push(row);
}

const names = commands.map((c) => c.name);
const pad = (s, n) => String(s).padStart(n);
const cell = (c) =>
  c
    ? `${c.seconds.toFixed(2)} s ${c.ratioToNodeCopy ? `(${c.ratioToNodeCopy.toFixed(2)}x)` : ''} ${c.filesPerSecond.toFixed(0)} f/s, CPU ${c.cpuSeconds.toFixed(2)} s, ${c.peakRssMb.toFixed(0)} MB`
    : '';
console.log(
  `DICOM benchmark: whole processes, median of ${repeat} alternating rounds, ratio = time / node-copy time, CPU = user + system seconds of the tree` +
    ` (node ${process.version}, ${cpus().length} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} after)`,
);
console.log(`| files | ${names.join(' | ')} |`);
console.log(`|${'---|'.repeat(names.length + 1)}`);
for (const r of results)
  console.log(`| ${pad(r.files, 5)} | ${names.map((n) => cell(r.commands[n])).join(' | ')} |`);
if (!sizes.includes(8192)) console.log('for 8,192 files too: npm run bench:dicom -- --sweep 256,1024,8192');
const previous = existsSync('bench-results.json')
  ? JSON.parse(readFileSync('bench-results.json', 'utf8'))
  : {};
writeFileSync(
  'bench-results.json',
  `${JSON.stringify(
    {
      ...previous,
      dicom: {
        method: 'whole processes timed from outside, alternating rounds, medians',
        node: process.version,
        cores: cpus().length,
        load: { before: loadBefore, after: loadavg() },
        concurrency: Number(jobs),
        patients,
        results,
      },
    },
    null,
    2,
  )}\n`,
);
