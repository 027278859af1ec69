import { describe, expect, it } from '@jest/globals';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createPseudonymizer, parseKey } from '@medimagecleaner/core';
import { main } from '../src/index.js';
import { capture, files } from './helpers.js';

const SAMPLES = new URL('../../../samples/dicom/', import.meta.url).pathname;
const KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** A synthetic note about the sample patient ROE^RICHARD (PatientID MRN0098765, issuer SPRINGFIELD_GH). */
const NOTE = [
  'Patient Name: Richard Roe',
  'MRN: MRN0098765',
  'Issuer of Patient ID: SPRINGFIELD_GH',
  '',
  'CT chest follow-up. Discussed with Dr. Maria Lopez, phone (410) 555-0198, on 03/15/2024.',
  'Impression: stable 4 mm nodule in the right upper lobe.',
  '',
].join('\n');

describe('medimagecleaner text scan', () => {
  it('prints one JSON line per file with UTF-16 offsets and no values; an unreadable file exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-text-'));
    // A BOM and a character outside the BMP (two UTF-16 code units) before the name.
    const note = '\u{1F4DD} Seen by Dr. Maria Lopez on 03/15/2024. No acute hemorrhage.\n';
    await writeFile(
      join(dir, 'note.txt'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(note)]),
    );
    await writeFile(join(dir, 'latin.txt'), Buffer.from('Vu par Dr. Maria Lopez, r\u00e9nal.\n', 'latin1'));
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42, 0x01]));
    const c = capture(dir);
    const code = await main(
      ['text', 'scan', 'note.txt', 'missing.txt', 'binary.txt', 'latin.txt', '-p', 'research'],
      c.io,
    );
    expect(code).toBe(1);
    const lines = c
      .out()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(['note.txt', 'missing.txt', 'binary.txt', 'latin.txt']);
    expect(c.out()).not.toMatch(/Lopez|Maria|03\/15/);

    const [scanned, missing, binary, latin] = lines;
    const name = scanned.spans.find((s: { type: string }) => s.type === 'name');
    expect(note.slice(name.start, name.end)).toMatch(/Maria Lopez|Lopez/);
    const date = scanned.spans.find((s: { type: string }) => s.type === 'date');
    expect(note.slice(date.start, date.end)).toBe('03/15/2024');
    for (const s of scanned.spans)
      expect(Object.keys(s).sort()).toEqual(['confidence', 'end', 'start', 'type']);
    expect(missing.error.code).toBe('E_READ_FAILED');
    expect(binary.error.code).toBe('E_UNSUPPORTED_FORMAT');
    const latinText = 'Vu par Dr. Maria Lopez, r\u00e9nal.\n';
    const latinName = latin.spans.find((s: { type: string }) => s.type === 'name');
    expect(latinText.slice(latinName.start, latinName.end)).toContain('Lopez');

    const ok = capture(dir);
    expect(await main(['text', 'scan', 'note.txt'], ok.io)).toBe(0);
    expect(await main(['text', 'scan', 'note.txt', '-p', 'research', '-c', 'x.yaml'], capture(dir).io)).toBe(
      2,
    );
  });

  it('applies the policy text settings (disabled types)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-text-'));
    await writeFile(join(dir, 'n.txt'), 'Seen by Dr. Maria Lopez on 03/15/2024.\n');
    await writeFile(join(dir, 'p.yaml'), 'name: p\nextends: research\ntext:\n  disabledTypes: [date]\n');
    const c = capture(dir);
    expect(await main(['text', 'scan', 'n.txt', '-c', 'p.yaml'], c.io)).toBe(0);
    const line = JSON.parse(c.out());
    expect(line.spans.map((s: { type: string }) => s.type)).not.toContain('date');
    expect(line.spans.map((s: { type: string }) => s.type)).toContain('name');
  });
});

describe('medimagecleaner deidentify on a folder of DICOM and text', () => {
  it('cleans the notes, and a note of a patient lands in the subject folder of the patient images', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mic-text-'));
    const keyFile = join(dir, 'project.key');
    await writeFile(keyFile, `${KEY_HEX}\n`, { mode: 0o600 });
    const input = join(dir, 'in');
    await cp(join(SAMPLES, 'ROE_RICHARD_MRN0098765'), join(input, 'ROE_RICHARD_MRN0098765'), {
      recursive: true,
    });
    await mkdir(join(input, 'notes'));
    await writeFile(join(input, 'notes', 'ROE_RICHARD_report.txt'), NOTE);
    await writeFile(join(input, 'notes', 'unlabelled.txt'), 'Dr. Maria Lopez called about the nodule.\n');
    const out = join(dir, 'out');
    const c = capture(dir);
    const code = await main(
      ['deidentify', input, '-o', out, '--key-file', keyFile, '-p', 'research', '--json', '-j', '2'],
      c.io,
    );
    expect(c.err()).not.toContain('internal error');
    const report = JSON.parse(c.out());
    expect(report.quarantine).toEqual([]);
    expect(code).toBe(0);

    const released = (await files(out)).map((f) => relative(out, f)).filter((f) => !f.startsWith('.'));
    const dicom = released.filter((f) => f.endsWith('.dcm'));
    const text = released.filter((f) => f.endsWith('.txt'));
    expect(dicom.length).toBeGreaterThan(0);
    expect(text).toHaveLength(2);
    // The default subject key is the PatientID alone, in the images and the notes alike.
    const subject = createPseudonymizer(parseKey(KEY_HEX)).id('patient-id', 'MRN0098765');
    expect(dicom.every((f) => f.startsWith(`${subject}/`))).toBe(true);
    expect(text.filter((f) => f.startsWith(`${subject}/`))).toHaveLength(1);
    for (const f of released) expect(f).not.toMatch(/roe|richard|mrn|report|unlabelled/i);

    for (const f of text) {
      const body = await readFile(join(out, f), 'utf8');
      expect(body).not.toMatch(/Richard|Roe\b|MRN0098765|Lopez|555-0198|03\/15\/2024/);
    }
    // No PHI through the side door: stdout (the report), stderr and the run's journal and state files.
    const injected = /Richard|Roe\b|MRN0098765|Lopez|555-0198|03\/15\/2024|ROE_RICHARD|unlabelled/;
    expect(c.out()).not.toMatch(injected);
    expect(c.err()).not.toMatch(injected);
    const state = (await files(out)).filter((f) => relative(out, f).startsWith('.'));
    expect(state.length).toBeGreaterThan(0);
    for (const f of state)
      expect([f, (await readFile(f, 'utf8')).match(injected)?.[0]]).toEqual([f, undefined]);
    const report0 = await readFile(
      join(
        out,
        text.find((f) => f.startsWith(`${subject}/`))!,
      ),
      'utf8',
    );
    expect(report0).toContain('Impression: stable 4 mm nodule in the right upper lobe.');
  });
});
