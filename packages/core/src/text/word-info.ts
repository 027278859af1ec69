/**
 * What the engine knows about a word: whether it is a given or family name, a common English word
 * (and how common), a medical term, a stop word or a credential. Built once per detector from the
 * lexicon and the small hand-written lists; lookups are by folded key.
 */
import { foldText } from './fold.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { AMBIGUOUS_NAMES, FAMILY_NAMES, GIVEN_NAMES, NEVER_NAMES } from './name-data.js';
import { CREDENTIALS, STOP_WORDS } from './stop-words.js';

/** Everything known about one folded word. */
export interface WordInfo {
  given: boolean;
  family: boolean;
  /** SCOWL level when the word is a common English word (10 = very common .. 70 = rare). */
  english: number | undefined;
  medical: boolean;
  stop: boolean;
  credential: boolean;
  never: boolean;
  ambiguous: boolean;
  /**
   * Looks like a clipped word (`cont`, `levo`, `resid`): not English itself but the start of a common
   * English word or of a medical term. Only weak name rules care.
   */
  clipped: boolean;
  /**
   * One edit (a letter added, dropped, changed or two swapped) away from an English word or a
   * medical term, and in no name list: a misspelling (`recieved`, `initally`, `triponin`).
   */
  misspelt: boolean;
  /**
   * One edit away from an English word or a medical term, whether or not it is in a name list
   * (`ballon`, `folley`): too close to a word for a name found by the name lists alone.
   */
  nearWord: boolean;
}

/** Looks words up. */
export interface WordBook {
  info(key: string): WordInfo;
  /** Kinds of US place a folded phrase names (`baltimore` -> city), or undefined. */
  place(phrase: string): readonly string[] | undefined;
}

/** Extra lists a caller can add. */
export interface WordBookLists {
  givenNames?: readonly string[];
  familyNames?: readonly string[];
  stopWords?: readonly string[];
}

/** Folds a word the way dictionary keys are stored (`O'Brien's` -> `obrien`). */
export function wordKey(word: string): string {
  return foldText(word.trim())
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
}

function keySet(...lists: ReadonlyArray<readonly string[] | undefined>): Set<string> {
  const set = new Set<string>();
  for (const list of lists) for (const w of list ?? []) set.add(wordKey(w));
  return set;
}

/** Builds a word book from the lexicon and `lists`. */
export function createWordBook(lists: WordBookLists = {}): WordBook {
  // The lexicon (3 MB of lists) is read on the first lookup: a run that never cleans text never loads it.
  let loaded: Lexicon | undefined;
  const lexicon = (): Lexicon => (loaded ??= loadLexicon());
  const given = keySet(GIVEN_NAMES, lists.givenNames);
  const family = keySet(FAMILY_NAMES, lists.familyNames);
  const extraNames = keySet(lists.givenNames, lists.familyNames);
  const ambiguous = keySet(AMBIGUOUS_NAMES);
  for (const w of extraNames) ambiguous.delete(w);
  const stop = keySet(STOP_WORDS, lists.stopWords);
  const never = keySet(NEVER_NAMES, lists.stopWords);
  const credentials = keySet(CREDENTIALS);
  const cache = new Map<string, WordInfo>();
  let prefixes: Set<string> | undefined;
  /** Starts of common English words (SCOWL level <= 50) and of medical terms, 3 to 5 letters. */
  const clippedForms = (): Set<string> => {
    if (prefixes) return prefixes;
    prefixes = new Set<string>();
    const addPrefixes = (word: string): void => {
      for (let n = 3; n <= 5 && n <= word.length - 2; n++) prefixes!.add(word.slice(0, n));
    };
    for (const [word, level] of lexicon().englishWords) if (level <= 50) addPrefixes(word);
    for (const [term] of lexicon().medicalTerms) if (!term.includes(' ')) addPrefixes(term);
    return prefixes;
  };
  const known = (w: string): boolean => {
    const level = lexicon().englishWords.get(w);
    return (level !== undefined && level <= 70) || lexicon().medicalTerms.has(w);
  };
  const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
  /** True when one edit turns `w` into a known word. */
  const oneEditFromWord = (w: string): boolean => {
    if (!/^[a-z]+$/.test(w)) return false;
    for (let i = 0; i < w.length; i++) {
      if (known(w.slice(0, i) + w.slice(i + 1))) return true;
      if (i + 1 < w.length && known(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))) return true;
      for (const c of LETTERS) {
        if (c !== w[i] && known(w.slice(0, i) + c + w.slice(i + 1))) return true;
      }
    }
    for (let i = 0; i <= w.length; i++) {
      for (const c of LETTERS) if (known(w.slice(0, i) + c + w.slice(i))) return true;
    }
    return false;
  };
  return {
    info(key) {
      let info = cache.get(key);
      if (info) return info;
      const isNever = never.has(key);
      const lex = lexicon();
      info = {
        given: !isNever && (given.has(key) || lex.givenNames.has(key)),
        family: !isNever && (family.has(key) || lex.familyNames.has(key)),
        english: extraNames.has(key) ? undefined : lex.englishWords.get(key),
        medical: lex.medicalTerms.has(key),
        stop: stop.has(key),
        credential: credentials.has(key),
        never: isNever,
        ambiguous: ambiguous.has(key),
        clipped: false,
        misspelt: false,
        nearWord: false,
      };
      if (info.english === undefined && key.length >= 3 && key.length <= 5 && !extraNames.has(key)) {
        info.clipped = clippedForms().has(key);
      }
      if (
        info.english === undefined &&
        !info.given &&
        !info.family &&
        !info.medical &&
        key.length >= 5 &&
        key.length <= 20
      ) {
        info.misspelt = oneEditFromWord(key);
      }
      if (cache.size < 50_000) cache.set(key, info);
      return info;
    },
    place(phrase) {
      return lexicon().usPlaces.get(phrase);
    },
  };
}
