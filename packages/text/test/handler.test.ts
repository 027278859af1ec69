import { describe, expect, it } from '@jest/globals';
import { MedImageCleanerError, createPseudonymizer, resolvePolicyDocument } from '@medimagecleaner/core';
import { PATIENT_ID_NAMESPACE, TEXT_FILE_NAMESPACE } from '../src/index.js';
import { KEY, context, deid, handler, inspectContext, latin1, outputText, policy } from './helpers.js';

/** A synthetic radiology note; every value in INJECTED is made up for the test. */
const NOTE = [
  'RADIOLOGY REPORT',
  'Patient Name: Quillon Varnecke',
  'MRN: MRN0012345',
  'DOB: 03/14/1961',
  'Exam date: 2024-03-15',
  '',
  'CT HEAD WITHOUT CONTRAST',
  'Clinical history: headache for two weeks. Seen by Dr. Maria Lopez on 3/14.',
  'Contact: phone (410) 555-0198, email qvarnecke@example.com, SSN 123-45-6789.',
  'Findings: No acute intracranial hemorrhage. Ventricles are normal in size.',
  'Impression: No acute abnormality. Mr. Varnecke will follow up in clinic.',
  '',
].join('\n');

const INJECTED = [
  'Quillon',
  'Varnecke',
  'MRN0012345',
  '03/14/1961',
  '2024-03-15',
  'Maria Lopez',
  '3/14',
  '(410) 555-0198',
  '555-0198',
  'qvarnecke@example.com',
  '123-45-6789',
];

const KEPT = [
  'RADIOLOGY REPORT',
  'CT HEAD WITHOUT CONTRAST',
  'Clinical history: headache for two weeks.',
  'No acute intracranial hemorrhage.',
  'Ventricles are normal in size.',
  'Impression: No acute abnormality.',
  'will follow up in clinic.',
];

describe('text handler: de-identification', () => {
  it('removes every injected identifier, keeps the clinical words, and passes its own verification', async () => {
    const ctx = context();
    const outcome = await deid(NOTE, ctx, 'item-note');
    const out = outputText(outcome);
    for (const value of INJECTED) expect(out).not.toContain(value);
    for (const words of KEPT) expect(out).toContain(words);
    expect(outcome.knownIdentifiers).toEqual(expect.arrayContaining(['MRN0012345', 'Quillon Varnecke']));
    const findings = await handler.inspect(
      outcome.output.data,
      inspectContext(ctx, outcome.knownIdentifiers),
    );
    expect(findings).toEqual([]);
    // Actions count types, never values.
    expect(JSON.stringify(outcome.actions)).not.toMatch(/Varnecke|MRN0012345|Lopez/);
    expect(outcome.actions.every((a) => a.action === 'clean' && a.selector.startsWith('text:'))).toBe(true);
  });

  it('names the output by pseudonyms only: the subject of the labelled patient ID and a keyed hash', async () => {
    const ctx = context();
    const id = 'Varnecke_Quillon_MRN0012345.txt';
    const outcome = await deid(NOTE, ctx, id);
    const path = outcome.output.relativePath;
    expect(path).toMatch(/^[A-Z0-9]+\/[0-9a-f]{24}\.txt$/);
    expect(path).not.toMatch(/varnecke|quillon|mrn0012345/i);
    expect(path).not.toContain(id);
    const subject = createPseudonymizer(KEY).id(PATIENT_ID_NAMESPACE, 'MRN0012345');
    expect(outcome.subject.subject).toBe(subject);
    expect(path.startsWith(`${subject}/`)).toBe(true);
    // The same file processed again gets the same name; another file of the same patient another one.
    expect((await deid(NOTE, ctx, id)).output.relativePath).toBe(path);
    const other = await deid(NOTE, ctx, 'another-id');
    expect(other.output.relativePath).not.toBe(path);
    expect(other.subject.subject).toBe(subject);
  });

  it('keys the subject as DICOM does: the ID alone by default, ID^^^ISSUER under the issuer-scoped key', async () => {
    const note = 'MRN: MRN0098765\nIssuer of Patient ID: SPRINGFIELD_GH\nNo change.\n';
    const p = createPseudonymizer(KEY);
    expect((await deid(note, context())).subject.subject).toBe(p.id(PATIENT_ID_NAMESPACE, 'MRN0098765'));
    const scoped = resolvePolicyDocument({
      name: 'scoped',
      extends: 'research',
      subject: { key: ['PatientID', 'IssuerOfPatientID'] },
    });
    expect((await deid(note, context(scoped))).subject.subject).toBe(
      p.id(PATIENT_ID_NAMESPACE, 'MRN0098765^^^SPRINGFIELD_GH'),
    );
  });

  it('gives a note without a labelled patient ID a subject of its own input id', async () => {
    const ctx = context();
    const outcome = await deid('Follow-up CT shows no change. Discussed with Dr. Maria Lopez.\n', ctx, 'x1');
    expect(outcome.subject.subject).toBe(createPseudonymizer(KEY).id(TEXT_FILE_NAMESPACE, 'x1'));
    expect(outcome.findings.map((f) => f.rule)).toContain('text/no-patient-id');
    expect(outputText(outcome)).not.toContain('Lopez');
  });

  it('takes the patient ID from a `Patient ID #` line and from the engine label spans', async () => {
    const ctx = context();
    const p = createPseudonymizer(KEY);
    const byLine = await deid('Patient ID # A12345\nOrder ID: 999888\nNo acute findings.\n', ctx);
    expect(byLine.subject.subject).toBe(p.id(PATIENT_ID_NAMESPACE, 'A12345'));
    const bySpan = await deid('Seen today (Med Rec No. 7781234). No acute findings.\n', ctx);
    expect(bySpan.subject.subject).toBe(p.id(PATIENT_ID_NAMESPACE, '7781234'));
    expect(outputText(bySpan)).not.toContain('7781234');
    // An order number is not the patient.
    const order = await deid('Order ID: 5556667\nNo acute findings.\n', ctx, 'ord');
    expect(order.subject.subject).toBe(p.id(TEXT_FILE_NAMESPACE, 'ord'));
  });
});

describe('text handler: encodings', () => {
  it('reads UTF-8 with a byte order mark and writes UTF-8 without one', async () => {
    const body = new TextEncoder().encode(
      'MRN: 44556677\nCafé visit, seen by Dr. Maria Lopez. No effusion.\n',
    );
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(handler.sniff(bytes)).toBe(true);
    const outcome = await deid(bytes);
    expect([...outcome.output.data.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const out = outputText(outcome);
    expect(out.startsWith('MRN: ')).toBe(true);
    expect(out).toContain('Café visit');
    expect(out).toContain('No effusion.');
    expect(out).not.toContain('44556677');
    expect(out).not.toContain('Lopez');
  });

  it('reads Latin-1 when the bytes are not UTF-8, and says so', async () => {
    const bytes = latin1("MRN: 44556677\nÉtude: rénal, vu par Dr. Maria Lopez. Pas d'épanchement.\n");
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(handler.sniff(bytes)).toBe(true);
    const outcome = await deid(bytes);
    const out = outputText(outcome);
    expect(out).toContain('Étude: rénal');
    expect(out).toContain('épanchement');
    expect(out).not.toContain('44556677');
    expect(out).not.toContain('Lopez');
    expect(outcome.findings.map((f) => f.rule)).toContain('text/latin-1');
  });

  it('refuses binary input with a typed error whose message holds no content', async () => {
    const binary = new Uint8Array([0x4d, 0x52, 0x4e, 0x3a, 0x00, 0x01, 0x02, 0xff, 0x10, 0x20]);
    const error = await deid(binary, context(), 'bin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MedImageCleanerError);
    expect((error as MedImageCleanerError).code).toBe('E_UNSUPPORTED_FORMAT');
    expect((error as MedImageCleanerError).message).not.toContain('MRN');
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    const e2 = await deid(controls, context(), 'ctl').catch((e: unknown) => e);
    expect((e2 as MedImageCleanerError).code).toBe('E_UNSUPPORTED_FORMAT');
    const empty = await deid(new Uint8Array(0), context(), 'empty').catch((e: unknown) => e);
    expect((empty as MedImageCleanerError).code).toBe('E_EMPTY_FILE');
    const badBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28, 0x42]);
    const e3 = await deid(badBom, context(), 'bom').catch((e: unknown) => e);
    expect((e3 as MedImageCleanerError).code).toBe('E_PARSE_FAILED');
  });
});

describe('text handler: surrogates', () => {
  it('keeps the note readable with surrogate replacement and its verification passes', async () => {
    const ctx = context(policy('research', { replacement: 'surrogate' }));
    const outcome = await deid(NOTE, ctx, 'item-s');
    const out = outputText(outcome);
    for (const value of ['Quillon', 'Varnecke', 'MRN0012345', 'Maria Lopez', '555-0198', '123-45-6789'])
      expect(out).not.toContain(value);
    expect(out).toContain('No acute intracranial hemorrhage.');
    expect(out).toMatch(/Dr\. [A-Z]\S+ [A-Z]\S+ on/);
    const findings = await handler.inspect(
      outcome.output.data,
      inspectContext(ctx, outcome.knownIdentifiers),
    );
    expect(findings).toEqual([]);
  });
});
