import { describe, expect, it } from '@jest/globals';
import { compileKnownIdentifiers, createTextPhiDetector } from './index.js';

const detector = createTextPhiDetector();
const knownIdentifiers = ['DOE^JOHN', 'MRN-0012345', '19650412'];

/** The text of every `subject-identifier` span found in `text`. */
function subject(text: string, known: readonly string[] = knownIdentifiers): string[] {
  return detector
    .detect(text, { knownIdentifiers: known })
    .filter((s) => s.type === 'subject-identifier')
    .map((s) => text.slice(s.start, s.end));
}

describe('known subject identifiers', () => {
  it.each([
    ['John Doe was seen', 'John Doe'],
    ['Doe, John was seen', 'Doe, John'],
    ['PATIENT JOHN DOE', 'JOHN DOE'],
    ['note: doe john called', 'doe john'],
    ['John A. Doe', 'John A. Doe'],
    ['prior DOE^JOHN study', 'DOE^JOHN'],
  ])('matches the name in %j', (text, name) => {
    expect(subject(text)).toEqual([name]);
  });

  it('matches a name component of three or more letters alone, as a word', () => {
    expect(subject('f/u for Mr Doe')).toEqual(['Doe']);
    expect(subject('Johnny and Doerte are not the subject')).toEqual([]);
    expect(subject('LI and WEI', ['LI^WEI'])).toEqual(['WEI']);
    expect(subject('Li Wei', ['LI^WEI'])).toEqual(['Li Wei']);
  });

  it('matches names with accents and apostrophes in any form', () => {
    expect(subject('Seen: Jose Hernandez', ['HERNÁNDEZ^JOSÉ'])).toEqual(['Jose Hernandez']);
    expect(subject('Mrs OBrien and Mrs O’Brien', ["O'BRIEN^MAEVE"])).toEqual(['OBrien', 'O’Brien']);
  });

  it.each([
    ['mrn0012345', 'mrn0012345'],
    ['MRN 0012345', 'MRN 0012345'],
    ['MRN: 0012345', 'MRN: 0012345'],
    ['chart 0012345 reviewed', '0012345'],
    ['ref 001-2345', '001-2345'],
  ])('matches the identifier in %j', (text, id) => {
    expect(subject(text)).toEqual([id]);
  });

  it('does not match a longer number that contains the digit core', () => {
    expect(subject('ref 100123456')).toEqual([]);
  });

  it('ignores identifiers too short to match safely', () => {
    expect(subject('A1 B2 C3 and J', ['A1', 'J'])).toEqual([]);
  });

  it.each([
    ['DOB 1965-04-12', '1965-04-12'],
    ['DOB 04/12/1965', '04/12/1965'],
    ['DOB 12.04.1965', '12.04.1965'],
    ['born April 12, 1965', 'April 12, 1965'],
    ['born 12 Apr 1965', '12 Apr 1965'],
    ['PatientBirthDate 19650412', '19650412'],
    ['DOB 4/12/65', '4/12/65'],
  ])('matches the date of birth in %j', (text, date) => {
    expect(subject(text)).toEqual([date]);
  });

  it('does not match other dates', () => {
    expect(subject('Exam 1965-04-13 and 2024-04-12')).toEqual([]);
  });

  it('reports type subject-identifier with confidence 1, above other rules', () => {
    const spans = detector.detect('Dr. John Doe', { knownIdentifiers });
    expect(spans).toEqual([
      { start: 4, end: 12, type: 'subject-identifier', confidence: 1, rule: 'subject/name' },
    ]);
  });

  it('is reported even when subject-identifier is not among the enabled types', () => {
    const datesOnly = createTextPhiDetector({ enabledTypes: ['date'] });
    const text = 'John Doe, Smith, 03/15/2024';
    expect(
      datesOnly.detect(text, { knownIdentifiers }).map((s) => [text.slice(s.start, s.end), s.type]),
    ).toEqual([
      ['John Doe', 'subject-identifier'],
      ['03/15/2024', 'date'],
    ]);
  });

  it('can be compiled once and reused', () => {
    const matcher = compileKnownIdentifiers(['SMITH^JANE']);
    expect(matcher.find('Jane Smith and jane smith').map((s) => s.rule)).toEqual([
      'subject/name',
      'subject/name',
    ]);
  });
});
