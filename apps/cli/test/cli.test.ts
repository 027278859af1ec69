import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, readFile, writeFile, cp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import dcmjs from 'dcmjs';
import { main } from '../src/index.js';
import { capture, files } from './helpers.js';

const SAMPLES = new URL('../../../samples/dicom/', import.meta.url).pathname;
const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

async function workspace(): Promise<{ dir: string; keyFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mic-cli-'));
  const keyFile = join(dir, 'project.key');
  await writeFile(keyFile, `${KEY_HEX}\n`, { mode: 0o600 });
  return { dir, keyFile };
}

function readDataset(bytes: Buffer): Record<string, unknown> {
  dcmjs.log.setLevel('silent');
  const buffer = new Uint8Array(bytes).buffer;
  const dict = dcmjs.data.DicomMessage.readFile(buffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as Record<string, unknown>;
}

describe('medimagecleaner deidentify on the bundled samples', () => {
  it('leaves none of the injected PHI in any output byte, path, log line or report, and keeps the image', async () => {
    const answer = JSON.parse(await readFile(join(SAMPLES, '..', 'dicom-answer-key.json'), 'utf8')) as {
      phi: string[];
    };
    expect(answer.phi.length).toBeGreaterThan(10);
    const { dir, keyFile } = await workspace();
    const out = join(dir, 'out');
    const reportFile = join(dir, 'report.json');
    const c = capture(dir);
    const code = await main(
      ['deidentify', SAMPLES, '-o', out, '--key-file', keyFile, '--report', reportFile, '-j', '2'],
      c.io,
    );
    expect(c.err()).not.toContain('internal error');
    expect(code).toBe(0);

    const report = JSON.parse(await readFile(reportFile, 'utf8'));
    const inputs = (await files(SAMPLES)).filter((f) => f.endsWith('.dcm'));
    expect(report.counts.released).toBe(inputs.length);
    expect(report.counts.quarantined).toBe(0);

    const outputs = await files(out);
    const haystacks = [
      c.out(),
      c.err(),
      await readFile(reportFile, 'latin1'),
      ...outputs.map((f) => relative(out, f)),
      ...(await Promise.all(outputs.map((f) => readFile(f, 'latin1')))),
    ].map((s) => s.toLowerCase());
    const utf8Outputs = (await Promise.all(outputs.map((f) => readFile(f, 'utf8')))).map((s) =>
      s.toLowerCase(),
    );
    for (const phi of answer.phi) {
      const needle = phi.toLowerCase();
      for (const hay of [...haystacks, ...utf8Outputs]) expect(hay.includes(needle) ? phi : null).toBeNull();
    }

    // must-keep values unchanged: Modality, Rows, Columns and the pixel bytes, instance by instance
    const released = outputs.filter((f) => f.endsWith('.dcm'));
    expect(released).toHaveLength(inputs.length);
    const instanceKey = (ds: Record<string, unknown>): string =>
      `${ds['Modality']}|${ds['SeriesNumber']}|${ds['InstanceNumber']}`;
    const pixels = (ds: Record<string, unknown>): string =>
      Buffer.from((ds['PixelData'] as ArrayBuffer[])[0]!).toString('base64');
    const originals = new Map<string, Record<string, unknown>>();
    for (const f of inputs) {
      const ds = readDataset(await readFile(f));
      originals.set(instanceKey(ds), ds);
    }
    expect(originals.size).toBe(inputs.length);
    for (const f of released) {
      const ds = readDataset(await readFile(f));
      const original = originals.get(instanceKey(ds));
      expect(original).toBeDefined();
      expect(ds['Rows']).toBe(original!['Rows']);
      expect(ds['Columns']).toBe(original!['Columns']);
      expect(pixels(ds)).toBe(pixels(original!));
      expect(ds['PatientIdentityRemoved']).toBe('YES');
      expect(ds['SOPInstanceUID']).not.toBe(original!['SOPInstanceUID']);
    }

    // the independent verifier agrees, also when told the original identifiers
    const ids = join(dir, 'ids.txt');
    await writeFile(ids, answer.phi.join('\n'));
    const v = capture(dir);
    expect(await main(['verify', out, '--identifiers', ids], v.io)).toBe(0);
    expect(v.out()).toContain(`verified ${released.length} file(s)`);
  });

  it('is deterministic: two runs with the same key give byte-identical trees', async () => {
    const { dir, keyFile } = await workspace();
    for (const name of ['a', 'b']) {
      const c = capture(dir);
      expect(
        await main(
          ['deidentify', SAMPLES, '-o', join(dir, name), '--key-file', keyFile, '--no-progress'],
          c.io,
        ),
      ).toBe(0);
    }
    const a = (await files(join(dir, 'a'))).filter((f) => f.endsWith('.dcm'));
    const b = (await files(join(dir, 'b'))).filter((f) => f.endsWith('.dcm'));
    expect(a.map((f) => relative(join(dir, 'a'), f))).toEqual(b.map((f) => relative(join(dir, 'b'), f)));
    for (let i = 0; i < a.length; i++) expect(await readFile(a[i]!)).toEqual(await readFile(b[i]!));
  });
});

describe('medimagecleaner error handling and exit codes', () => {
  it('quarantines junk, empty and truncated files with typed errors, exits 1, and finishes the batch', async () => {
    const { dir, keyFile } = await workspace();
    const input = join(dir, 'in');
    await cp(SAMPLES, input, { recursive: true });
    const sample = (await files(input)).find((f) => f.endsWith('.dcm'))!;
    const bytes = await readFile(sample);
    await writeFile(join(input, 'junk.dcm'), Buffer.from('this is not dicom at all'));
    await writeFile(join(input, 'empty.dcm'), Buffer.alloc(0));
    await writeFile(join(input, 'truncated.dcm'), bytes.subarray(0, 400));
    // unrecognised files inside a folder are skipped by default: this policy sends them to quarantine
    const strict = join(dir, 'strict.yaml');
    await writeFile(strict, 'name: strict\npipeline:\n  unrecognized: quarantine\n');
    const c = capture(dir);
    const code = await main(
      ['deidentify', input, '-o', join(dir, 'out'), '--key-file', keyFile, '--config', strict, '--json'],
      c.io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(c.out());
    const codes = report.quarantine.map((q: { code: string }) => q.code).sort();
    expect(codes).toEqual(['E_EMPTY_FILE', 'E_PARSE_FAILED', 'E_UNSUPPORTED_FORMAT']);
    expect(report.counts.released).toBe((await files(SAMPLES)).filter((f) => f.endsWith('.dcm')).length);
    for (const q of report.quarantine) {
      const reason = JSON.parse(await readFile(join(dir, 'out-quarantine', q.item, 'reason.json'), 'utf8'));
      expect(reason.code).toBe(q.code);
    }
  });

  it('exits 2 for usage and configuration errors, before touching anything', async () => {
    const { dir, keyFile } = await workspace();
    const cases: string[][] = [
      ['deidentify', SAMPLES],
      ['deidentify', SAMPLES, '-o', join(dir, 'o1'), '--key-file', keyFile, '--profile', 'no-such-profile'],
      ['deidentify', SAMPLES, '-o', join(dir, 'o2'), '--key-file', join(dir, 'missing.key')],
      ['deidentify', SAMPLES, '-o', join(SAMPLES, 'out-inside'), '--key-file', keyFile],
      ['deidentify', SAMPLES, '-o', join(dir, 'o3'), '--key-file', keyFile, '--concurrency', 'zero'],
      ['no-such-command'],
    ];
    for (const argv of cases) {
      const c = capture(dir);
      expect([argv.join(' '), await main(argv, c.io)]).toEqual([argv.join(' '), 2]);
    }
    await expect(stat(join(SAMPLES, 'out-inside'))).rejects.toMatchObject({ code: 'ENOENT' });
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'name: bad\noptions:\n  retainEverything: true\n');
    const c = capture(dir);
    expect(
      await main(
        ['deidentify', SAMPLES, '-o', join(dir, 'o4'), '--key-file', keyFile, '--config', bad],
        c.io,
      ),
    ).toBe(2);
    expect(c.err()).toContain("unknown key 'retainEverything'");
  });

  it('generates a key loudly when none is given', async () => {
    const { dir } = await workspace();
    const c = capture(dir);
    expect(await main(['deidentify', SAMPLES, '-o', join(dir, 'out'), '--no-progress'], c.io)).toBe(0);
    expect(c.err()).toContain('a new one was generated');
    expect((await stat(join(dir, 'medimagecleaner.key'))).mode & 0o777).toBe(0o600);
  });
});

describe('profiles and keys', () => {
  it('lists, initialises, saves and shows profiles', async () => {
    const { dir } = await workspace();
    let c = capture(dir);
    expect(await main(['profiles', 'list'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^basic\s+builtin/m);
    c = capture(dir);
    expect(await main(['profiles', 'init', 'site.yaml', '--extends', 'research'], c.io)).toBe(0);
    c = capture(dir);
    expect(await main(['profiles', 'save', 'site', '--config', 'site.yaml'], c.io)).toBe(0);
    c = capture(dir);
    expect(await main(['profiles', 'show', 'site'], c.io)).toBe(0);
    const shown = JSON.parse(c.out());
    expect(shown.chain).toEqual(['basic', 'research', 'my-policy']);
    expect(shown.hash).toMatch(/^[0-9a-f]{64}$/);
    c = capture(dir);
    expect(await main(['profiles', 'list', '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out()).map((p: { name: string }) => p.name)).toContain('site');
  });

  it('generates key files and refuses to overwrite one', async () => {
    const { dir } = await workspace();
    await mkdir(join(dir, 'keys'));
    let c = capture(dir);
    expect(await main(['key', 'generate', '-o', 'keys/new.key'], c.io)).toBe(0);
    expect((await readFile(join(dir, 'keys/new.key'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    c = capture(dir);
    expect(await main(['key', 'generate', '-o', 'keys/new.key'], c.io)).toBe(2);
    expect(c.err()).toContain('E_KEY_INVALID');
  });
});

describe('policy files with DICOM rules', () => {
  it('refuses a rule with an unknown keyword at load, before processing anything (exit 2)', async () => {
    const { dir, keyFile } = await workspace();
    await writeFile(
      join(dir, 'bad.yaml'),
      'name: bad\nformats:\n  dicom:\n    rules:\n      - keyword: NoSuchKeyword\n        action: keep\n',
    );
    const c = capture(dir);
    expect(
      await main(
        ['deidentify', SAMPLES, '-o', join(dir, 'out'), '--key-file', keyFile, '--config', 'bad.yaml'],
        c.io,
      ),
    ).toBe(2);
    expect(c.err()).toContain("unknown keyword 'NoSuchKeyword'");
    await expect(stat(join(dir, 'out'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('recipes', () => {
  it('layers a text recipe on the profile: its KEEP and REPLACE rules apply, and the policy hash changes', async () => {
    const { dir, keyFile } = await workspace();
    const recipe = join(dir, 'site.recipe');
    await writeFile(
      recipe,
      'FORMAT dicom\n%header\nKEEP StudyDescription\nREPLACE StationName "SCANNER-1"\n',
    );
    const c = capture(dir);
    const code = await main(
      ['deidentify', SAMPLES, '-o', join(dir, 'out'), '--key-file', keyFile, '--recipe', recipe, '--json'],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(c.out());
    expect(report.policy.chain).toEqual(['basic', 'recipe']);
    const plain = capture(dir);
    await main(['profiles', 'show', 'basic'], plain.io);
    expect(report.policy.hash).not.toBe(JSON.parse(plain.out()).hash);
    const released = (await files(join(dir, 'out'))).filter((f) => f.endsWith('.dcm'));
    const ds = readDataset(await readFile(released[0]!));
    expect(ds['StationName']).toBe('SCANNER-1');
    expect(typeof ds['StudyDescription']).toBe('string');

    const bad = join(dir, 'bad.recipe');
    await writeFile(bad, 'FORMAT dicom\n%header\nKEEP NoSuchKeyword\n');
    const b = capture(dir);
    expect(
      await main(
        ['deidentify', SAMPLES, '-o', join(dir, 'out2'), '--key-file', keyFile, '--recipe', bad],
        b.io,
      ),
    ).toBe(2);
    expect(b.err()).toContain('line 3');
  });
});

describe('one study in several batches', () => {
  it('gives the same subject, study and series pseudonyms, UIDs and date shift in every batch', async () => {
    const { dir, keyFile } = await workspace();
    const inputs = (await files(SAMPLES)).filter((f) => f.endsWith('.dcm'));
    const half = Math.ceil(inputs.length / 2);
    const batches = [inputs.slice(0, half), inputs.slice(half)];
    const together = join(dir, 'together');
    expect(
      await main(
        [
          'deidentify',
          SAMPLES,
          '-o',
          together,
          '--key-file',
          keyFile,
          '--profile',
          'longitudinal',
          '--no-progress',
        ],
        capture(dir).io,
      ),
    ).toBe(0);
    const merged = new Map<string, Buffer>();
    for (const [i, batch] of batches.entries()) {
      const list = join(dir, `batch${i}.txt`);
      await writeFile(list, batch.join('\n'));
      const out = join(dir, `batch${i}`);
      expect(
        await main(
          [
            'deidentify',
            `@${list}`,
            '-o',
            out,
            '--key-file',
            keyFile,
            '--profile',
            'longitudinal',
            '--no-progress',
          ],
          capture(dir).io,
        ),
      ).toBe(0);
      for (const f of (await files(out)).filter((p) => p.endsWith('.dcm')))
        merged.set(relative(out, f), await readFile(f));
    }
    const whole = (await files(together)).filter((p) => p.endsWith('.dcm'));
    expect([...merged.keys()].sort()).toEqual(whole.map((f) => relative(together, f)).sort());
    for (const f of whole) expect(merged.get(relative(together, f))).toEqual(await readFile(f));
  });
});
