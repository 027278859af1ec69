import { describe, expect, it } from '@jest/globals';
import { createTextPhiDetector, findDates, isValidDate, parseDate } from './index.js';

const detector = createTextPhiDetector();

/** The text and type of every span found in `text`. */
function found(text: string): Array<[string, string]> {
  return detector.detect(text).map((s) => [text.slice(s.start, s.end), s.type]);
}

describe('date rules', () => {
  it.each([
    ['Exam on 2024-03-15.', '2024-03-15'],
    ['Acquired 2024-03-15T10:30:00Z by the scanner', '2024-03-15T10:30:00Z'],
    ['StudyDate 20240315 stored', '20240315'],
    ['AcquisitionDateTime 20240315103045.123 stored', '20240315103045.123'],
    ['Follow-up on 03/15/2024 at 10:30 am', '03/15/2024 at 10:30 am'],
    ['Untersuchung vom 15.03.2024', '15.03.2024'],
    ['Scanned 15-Mar-2024 14:30', '15-Mar-2024 14:30'],
    ['Seen March 15, 2024 in clinic', 'March 15, 2024'],
    ['Seen 15 March 2024 in clinic', '15 March 2024'],
    ['Surgery in Mar 2024.', 'Mar 2024'],
    ['DOB 3/15/65', '3/15/65'],
    ['Le 5 mars 2024', '5 mars 2024'],
    ['el 15 de marzo de 2024', '15 de marzo de 2024'],
  ])('finds the date in %j', (text, date) => {
    expect(found(text)).toEqual([[date, 'date']]);
  });

  it('reads both orders of an ambiguous numeric date', () => {
    const [match] = findDates('04/05/2024');
    expect(match?.readings.map((r) => [r.month, r.day])).toEqual([
      [4, 5],
      [5, 4],
    ]);
  });

  it('keeps a slip of the pen (02/30/2024, 2/30/19) as a date without readings, at lower confidence', () => {
    for (const text of ['02/30/2024', '2/30/19']) {
      const [span] = detector.detect(text);
      expect([span?.type, span?.start, span?.end]).toEqual(['date', 0, text.length]);
      expect(span?.confidence).toBeLessThan(0.9);
    }
    expect(parseDate('02/30/2024')).toBeUndefined();
  });

  it.each(['13/32/2024', '2023-02-29', '20241301', '18991231', '2024-00-10'])(
    'rejects the invalid date %s',
    (text) => {
      expect(detector.detect(text).filter((s) => s.type === 'date')).toEqual([]);
    },
  );

  it('validates leap years', () => {
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
  });

  it('parses a whole string as a date, or not at all', () => {
    expect(parseDate('19650412')).toEqual([{ year: 1965, month: 4, day: 12, twoDigitYear: false }]);
    expect(parseDate('April 12, 1965')).toEqual([{ year: 1965, month: 4, day: 12, twoDigitYear: false }]);
    expect(parseDate('born 19650412')).toBeUndefined();
    expect(parseDate('DOE^JOHN')).toBeUndefined();
  });

  it('does not take measurements, scores, times or versions for dates', () => {
    const text =
      'May 5 mm nodule. BP 120/80. Gleason 3+4=7. TR 2000 ms, TE 90 ms at 10:30. Version 3.2.1. ' +
      'Levels C5-6 and C6-7. Ratio 1/2.';
    expect(found(text)).toEqual([]);
  });
});
