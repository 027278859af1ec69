import { describe, expect, it, jest } from '@jest/globals';
import type { PhiSpan } from '../types.js';
import { createTextPhiDetector, mergeSpans, redactSpans } from './index.js';

const detector = createTextPhiDetector();

describe('redact', () => {
  it('replaces each span with its typed placeholder and returns the spans', () => {
    const result = detector.redact('Dr. Maria Garcia-Lopez reviewed on 03/15/2024');
    expect(result.text).toBe('Dr. [NAME] reviewed on [DATE]');
    expect(result.spans.map((s) => s.type)).toEqual(['name', 'date']);
    expect(result.spans.every((s) => s.confidence >= 0.5 && s.confidence <= 1 && s.rule.length > 0)).toBe(
      true,
    );
  });

  it('redacts a realistic report snippet', () => {
    const text =
      'Patient: John Smith  MRN: 12345678  DOB: 04/12/1965  Acc#: A12345\n' +
      'CT CHEST W CONTRAST performed 2024-03-15. 92 years old. Call 555-123-4567.\n' +
      'Electronically signed by Dr. Kevin Okafor, MD';
    expect(detector.redact(text).text).toBe(
      'Patient: [NAME]  MRN: [MRN]  DOB: [DATE]  Acc#: [ACCESSION]\n' +
        'CT CHEST W CONTRAST performed [DATE]. [AGE]. Call [PHONE].\n' +
        'Electronically signed by Dr. [NAME], MD',
    );
  });

  it('uses the subject placeholder for known identifiers', () => {
    const result = detector.redact('f/u for Mr Doe, mrn0012345', {
      knownIdentifiers: ['DOE^JOHN', 'MRN-0012345'],
    });
    expect(result.text).toBe('f/u for Mr [SUBJECT-IDENTIFIER], [SUBJECT-IDENTIFIER]');
  });

  it('accepts a custom placeholder', () => {
    const custom = createTextPhiDetector({ placeholder: () => '***' });
    expect(custom.redact('seen 2024-03-15 by Dr. Smith').text).toBe('seen *** by Dr. ***');
  });

  it('returns the text unchanged when there is nothing to redact', () => {
    expect(detector.redact('CT CHEST W CONTRAST')).toEqual({ text: 'CT CHEST W CONTRAST', spans: [] });
    expect(detector.redact('')).toEqual({ text: '', spans: [] });
  });

  it('redactSpans skips overlapping parts and out-of-range ends', () => {
    const spans: PhiSpan[] = [
      { start: 0, end: 4, type: 'name', confidence: 1, rule: 't' },
      { start: 2, end: 6, type: 'date', confidence: 1, rule: 't' },
      { start: 8, end: 99, type: 'id', confidence: 1, rule: 't' },
    ];
    expect(redactSpans('abcdefghij', spans)).toBe('[NAME][DATE]gh[ID]');
  });
});

describe('mergeSpans', () => {
  const span = (start: number, end: number, type: PhiSpan['type'], confidence: number): PhiSpan => ({
    start,
    end,
    type,
    confidence,
    rule: `${type}/test`,
  });

  it('merges overlapping spans into the widest range with the most confident type', () => {
    expect(mergeSpans([span(5, 10, 'date', 0.9), span(0, 7, 'id', 0.6), span(9, 12, 'name', 0.7)])).toEqual([
      { start: 0, end: 12, type: 'date', confidence: 0.9, rule: 'date/test' },
    ]);
  });

  it('keeps touching spans apart and sorts them', () => {
    expect(mergeSpans([span(4, 8, 'name', 0.9), span(0, 4, 'date', 0.9)]).map((s) => s.start)).toEqual([
      0, 4,
    ]);
  });

  it('breaks confidence ties by type, then by width', () => {
    expect(mergeSpans([span(0, 10, 'id', 1), span(2, 4, 'subject-identifier', 1)])[0]?.type).toBe(
      'subject-identifier',
    );
    expect(mergeSpans([span(0, 3, 'date', 0.8), span(1, 9, 'date', 0.8)])[0]).toMatchObject({
      start: 0,
      end: 9,
    });
  });
});

describe('options', () => {
  it('drops spans below minConfidence, per detector or per scan', () => {
    const text = 'Seen Kevin on March 3';
    expect(detector.detect(text).map((s) => s.type)).toEqual(['name', 'date']);
    expect(detector.detect(text, { minConfidence: 0.7 })).toEqual([]);
    expect(createTextPhiDetector({ minConfidence: 0.7 }).detect(text)).toEqual([]);
  });

  it('reports only the enabled types', () => {
    const datesOnly = createTextPhiDetector({ enabledTypes: ['date'] });
    expect(datesOnly.detect('Dr. Smith on 2024-03-15, MRN 1234567').map((s) => s.type)).toEqual(['date']);
  });
});

describe('robustness', () => {
  it('scans 10 KB of report text in a few milliseconds', () => {
    const line =
      'Dr. Maria Garcia-Lopez reviewed CT CHEST W CONTRAST on 03/15/2024 for John Smith (MRN: 12345678). ' +
      'The 5 mm nodule in the right upper lobe is stable. Call 555-123-4567. ';
    const text = line.repeat(Math.ceil(10_240 / line.length)).slice(0, 10_240);
    const options = { knownIdentifiers: ['DOE^JOHN', 'MRN-0012345', '19650412'] };
    detector.detect(text, options);
    const start = performance.now();
    for (let i = 0; i < 10; i++) detector.detect(text, options);
    expect((performance.now() - start) / 10).toBeLessThan(50);
  });

  it.each([
    ['digits', '1'.repeat(20_000)],
    ['letters', 'a'.repeat(20_000)],
    ['plus signs', '+1 '.repeat(7_000)],
    ['colons', `${':'.repeat(10_000)}a`],
    ['dotted numbers', '1.2.'.repeat(5_000)],
    ['titles', 'Dr. '.repeat(5_000)],
    ['at signs', 'a@'.repeat(10_000)],
    ['carets', '^A'.repeat(10_000)],
    ['names', 'John '.repeat(4_000)],
  ])('stays fast on pathological input (%s)', (_label, text) => {
    const start = performance.now();
    detector.detect(text);
    expect(performance.now() - start).toBeLessThan(250);
  });

  it('never logs', () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    detector.redact('Dr. John Smith, MRN 1234567, 2024-03-15', { knownIdentifiers: ['SMITH^JOHN'] });
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});
