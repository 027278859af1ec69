import { describe, expect, it } from '@jest/globals';
import { TEXT_INSPECT_RULES, sniffText } from '../src/index.js';
import { context, handler, inspectContext, latin1, policy } from './helpers.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffText', () => {
  it('recognises UTF-8 and Latin-1 notes by content', () => {
    expect(sniffText(utf8('Findings: no acute abnormality.\n'))).toBe(true);
    expect(sniffText(utf8('Résumé: pas d’épanchement.\r\n'))).toBe(true);
    expect(sniffText(latin1("Résumé: pas d'épanchement.\n"))).toBe(true);
  });

  it('accepts a multi-byte character cut by the end of the sniffed head', () => {
    const bytes = utf8('Impression: stable. Ça va.');
    const cut = bytes.subarray(0, bytes.indexOf(0xa7)); // the first byte of `Ç` stays
    expect(sniffText(cut)).toBe(true);
  });

  it('refuses DICOM, binary signatures, NUL bytes and control characters, whatever the name', () => {
    const dicom = new Uint8Array(200).fill(0x41);
    dicom.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(sniffText(dicom, 'report.txt')).toBe(false);
    expect(sniffText(utf8('%PDF-1.7\n%abc'), 'report.txt')).toBe(false);
    expect(sniffText(utf8('NRRD0004\ntype: short\n'))).toBe(false);
    expect(sniffText(utf8('MSH|^~\\&|RIS|HOSP|'))).toBe(false);
    expect(sniffText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false);
    expect(sniffText(utf8('plain words\u0000more words'), 'notes.txt')).toBe(false);
    expect(
      sniffText(
        new Uint8Array(100).map((_, i) => (i % 4 === 0 ? 0x02 : 0x61)),
        'notes.txt',
      ),
    ).toBe(false);
    expect(sniffText(new Uint8Array(0), 'notes.txt')).toBe(false);
  });

  it("leaves files named for another format to that format's handler (a text junk.dcm is a broken DICOM)", () => {
    expect(sniffText(utf8('this is not dicom at all'), 'junk.dcm')).toBe(false);
    expect(sniffText(utf8('Findings: stable.'), 'scan.nii')).toBe(false);
    expect(sniffText(utf8('Findings: stable.'), 'report.rpt')).toBe(true);
    expect(sniffText(utf8('Findings: stable.'), 'README')).toBe(true);
  });

  it('leaves JSON and XML to their handlers unless the name says .txt', () => {
    expect(sniffText(utf8('{"resourceType": "Patient"}'))).toBe(false);
    expect(sniffText(utf8('<?xml version="1.0"?><a/>'))).toBe(false);
    expect(sniffText(utf8('{"note": "x"}'), 'dictated.TXT')).toBe(true);
    expect(sniffText(utf8('   \n\t\n'))).toBe(false);
    expect(sniffText(utf8('   \n\t\n'), 'empty.text')).toBe(true);
  });
});

describe('inspectText', () => {
  it('flags a high-confidence span and a known identifier by offset and type, never the value', async () => {
    const ctx = context();
    const released = utf8(
      'No acute findings. Call (410) 555-0198 or mail q.varnecke@example.com. ID 4471XQ.\n',
    );
    const findings = await handler.inspect(released, inspectContext(ctx, ['4471XQ']));
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) {
      expect(f.rule).toBe(TEXT_INSPECT_RULES.residual);
      expect(f.severity).toBe('error');
      expect(f.location).toMatch(/^offset \d+$/);
      expect(JSON.stringify(f)).not.toMatch(/555|varnecke|4471/i);
    }
    expect(findings.map((f) => f.phiType)).toEqual(expect.arrayContaining(['subject-identifier']));
  });

  it('ignores our placeholders and low-confidence spans', async () => {
    const ctx = context();
    const released = utf8('Seen by Dr. [NAME] on [DATE]. Call [PHONE]. No acute hemorrhage.\n');
    expect(await handler.inspect(released, inspectContext(ctx, []))).toEqual([]);
  });

  it('reports output that is not UTF-8', async () => {
    const ctx = context();
    const findings = await handler.inspect(new Uint8Array([0x41, 0xff, 0x42]), inspectContext(ctx, []));
    expect(findings.map((f) => f.rule)).toEqual([TEXT_INSPECT_RULES.unreadable]);
  });

  it('in surrogate mode still checks known identifiers and the types surrogates never produce', async () => {
    const ctx = context(policy('research', { replacement: 'surrogate' }));
    const released = utf8('Seen by Dr. Ellis Moreau. Mail q.varnecke@example.com. Patient 4471XQ.\n');
    const findings = await handler.inspect(released, inspectContext(ctx, ['4471XQ']));
    expect(findings.map((f) => f.phiType).sort()).toEqual(['email', 'subject-identifier']);
  });
});
