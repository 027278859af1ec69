/**
 * Person names from context, in any casing (mixed, ALL CAPS and all lower-case notes): titles
 * (`Dr. Veltrani and Oskarsen`), sign-offs (`lorna vesk rn`, `GUNNAR T. HALVORSBRIK, RRT`), initials
 * (`G. HOLLISTER`), relatives and roles (`dtr mireille`, `wife, Odalys Brenneke`, `nurse named Petra`),
 * `X aware`, and name-dictionary words that are not English or medical words.
 */
import type { PhiSpan } from '../types.js';
import { forEachMatch } from './fold.js';
import type { Token, TokenContext } from './tokens.js';
import type { WordBook } from './word-info.js';
import { EPONYM_CUES } from './stop-words.js';

/** How a note is written: names in ALL CAPS or all-lower-case notes carry no capital to go by. */
function caseOf(ctx: TokenContext, t: Token): 'cap' | 'upper' | 'lower' {
  if (ctx.casing !== 'mixed') return ctx.casing;
  return t.cap ? 'cap' : 'lower';
}

/** A word that could be part of a name after a strong cue (a title, a relative, a sign-off). */
function couldBeName(ctx: TokenContext, t: Token, strongCue = false): boolean {
  const w = t.info;
  if (t.digitAttached || t.verbForm) return false;
  // After a strong cue, a medical word that is also a surname is the surname (`Dr. Bowman`, `E. Welsh`).
  if (strongCue && w.medical && (w.given || w.family) && !w.never && !w.credential && !t.month) return true;
  if (w.never || w.credential || t.month) return false;
  if (t.initial) return true;
  if (w.stop && (!(w.given || w.family) || (w.english !== undefined && w.english <= 20))) return false;
  // Medical words that are also names (`Po`, `Foley`) only when written as a name in a mixed-case note.
  if (w.medical && !((w.given || w.family) && ctx.casing === 'mixed' && t.cap && w.english === undefined))
    return false;
  if (ctx.casing === 'mixed' && !t.cap) {
    // Lower case in a mixed-case note: only a name-dictionary word that is not common English.
    return (w.given || w.family) && (w.english === undefined || w.english >= 50);
  }
  if (w.english !== undefined && w.english <= 20 && !(w.given || w.family)) return false;
  return true;
}

/**
 * A word that may be part of a name where the context already says one stands here: a listed name
 * that is no common English word, or a word no list knows (clipped forms included).
 */
function nameOrUnlisted(t: Token): boolean {
  const w = t.info;
  if (t.digitAttached || t.month || w.stop || w.medical || w.never || w.credential || /\d/.test(t.key))
    return false;
  if (w.given || w.family) return (w.english ?? 99) >= 35;
  // A near-miss of an English word counts when written with a capital (`Vries`, not `recieved`).
  return w.english === undefined && (!w.misspelt || (t.cap && !t.upper)) && t.key.length >= 3;
}

/** A word that is a name on its own: in a name dictionary, not English, not medical. */
function strongName(t: Token): boolean {
  const w = t.info;
  return (
    !t.digitAttached &&
    (w.given || w.family) &&
    !w.never &&
    !w.stop &&
    !w.medical &&
    !w.credential &&
    !w.ambiguous &&
    !t.month &&
    (w.english === undefined || w.english >= 70) &&
    !w.clipped &&
    t.key.length >= 3
  );
}

/**
 * A word nobody listed that looks like a name: not English, not medical, not a stop word. `strict`
 * (for weak contexts) also refuses clipped forms of English words (`cont`, `levo`).
 */
function unknownWord(t: Token, strict = true): boolean {
  const w = t.info;
  if (t.digitAttached || t.verbForm) return false;
  // Weak contexts refuse clipped words (`cont`) and misspellings (`recieved`); strong ones take them.
  if ((w.clipped || w.misspelt) && strict) return false;
  return (
    !t.initial &&
    t.key.length >= 3 &&
    w.english === undefined &&
    !w.medical &&
    !w.stop &&
    !w.credential &&
    !w.never &&
    !t.month &&
    !/\d/.test(t.key)
  );
}

const TITLE_RE =
  /(?<![\p{L}\p{N}])(?:(?:dr|drs|doctor|mrs|mister|prof|professor|herr|frau|mme|mlle|madame|monsieur)(?![\p{L}])(?:\.|'|’)?|(?:mr|ms|mx|miss|sr|sra|dra)(?![\p{L}])(\.)?)(?=[ \t]*\p{L})/giu;

/** Relatives, friends and representatives after which a name follows. */
const ROLE_RE = new RegExp(
  '(?<![\\p{L}])(?:son|sons|daughter|daughters|dtr|dtrs|dau|wife|husband|hubby|spouse|brother|bro|sister|sis|' +
    'mother|mom|mum|father|dad|niece|nephew|grandson|granddaughter|grandaughter|grandchild|cousin|aunt|uncle|' +
    'friend|neighbor|neighbour|hcp|proxy|caregiver|companion|fiance|fiancee|partner|boyfriend|girlfriend|' +
    'son-in-law|daughter-in-law|sister-in-law|brother-in-law|sil|dil|guardian|contact\\s+person|lawyer|attorney|' +
    'pastor|priest|rabbi|minister|chaplain|imam|social\\s+worker|case\\s+manager|significant\\s+other|' +
    'named|name\\s+is|called|caller|' +
    // Spanish, Portuguese, French, German, Italian.
    'esposa|esposo|marido|mujer|hijo|hija|hermano|hermana|filho|filha|irmão|irmã|épouse|epouse|époux|epoux|' +
    'mari|femme|fils|fille|frère|frere|sœur|soeur|ehefrau|ehemann|sohn|tochter|bruder|schwester|' +
    'moglie|figlio|figlia|fratello|sorella)(?![\\p{L}])' +
    "(?:'s)?[ \\t]*[,:(\"'-]?[ \\t]*(?:(?:is|was|named|,)[ \\t]+)?",
  'giu',
);

/** Someone did something: `approved by`, `noted by`, `reviewed by`. */
const DONE_BY_RE =
  /(?<![\p{L}])(?:noted|seen|signed|reviewed|approved|read|dictated|performed|done|drawn|placed|inserted|evaluated|examined|assessed|discussed|called|paged|ordered|reported|verified|confirmed|witnessed|consented|interpreted|transcribed|authored|attested|accompanied|visited|covered|referred|treated|managed|followed|requested|supervised|protocoled|protocolled)[ \t]+by[ \t]*:?[ \t]*|(?<![\p{L}])(?:report|handoff|hand-off|signout|sign-out)[ \t]+(?:given[ \t]+)?to[ \t]+/giu;

/** Professional roles before a name: `NP Grace made aware`, `HO Castelvetro notified`, `nurse Petra`. */
const STAFF_RE =
  /(?<![\p{L}])(?:nurse|rn|resident|fellow|attending|intern|pca|aide|np|pa|md|ho|surgeon|cardiologist|pcp|patient|sonographer|technologist|radiographer|therapist|pharmacist|dietitian|dietician|nutritionist|chaplain|interpreter|translator|coordinator|midwife|hospitalist|intensivist|anesthesiologist|anaesthetist|radiologist|oncologist|neurologist|physician|provider|paciente|paziente|patiente|patientin|nurse[ \t]+practitioner|case[ \t]+manager|social[ \t]+worker|clerk|secretary|volunteer|operator|tech|ref(?:erring)?\.?[ \t]*(?:phys(?:ician)?|dr|doc|md)\.?|pt)(?![\p{L}])[ \t]*[,:;(-]?[ \t]*(?:named[ \t]+)?/giu;

/** Words after an eponym: `Wells score`, `Fleischner Society guidelines`, `Foley catheter`. */
const EPONYM_NEXT: ReadonlySet<string> = new Set([
  ...EPONYM_CUES,
  ...'society guidelines guideline criteria protocol classification maneuver manoeuvre reflex test score'.split(
    ' ',
  ),
]);

/** Name particles: `van der Berg`, `de la Cruz`, `bin Laden`, `al Rashid`. */
const PARTICLES: ReadonlySet<string> = new Set(
  'van von der den de del della di da la le du dos das bin ibn al el ter ten mac st'.split(' '),
);

/** Relatives and roles themselves, never the name after a relative word. */
const RELATIVE_WORD =
  /^(?:son|sons|daughter|daughters|dtr|wife|husband|brother|sister|mother|father|niece|nephew|neice|grandson|granddaughter|cousin|aunt|uncle|friend|family|parents?|children|child|kids?|spouse|sibling|siblings|patient|pt|nurse|rn|md|np|ho|team|doctor|dr)$/;

/** Weak cues: a following word counts only when it is a strong name or unknown capitalised word. */
const WEAK_RE =
  /(?<![\p{L}])(?:per|with|by|to|from|and|&|for|w\/|reach|reached|contact|contacted|pt,|patient,|spoke\s+with|talked\s+(?:to|with)|seen\s+by|notified|paged|called|informed|updated|told|asked|visited\s+by|visit\s+from)[ \t]+/giu;

/** Words after a name that show it is a person: `Oskarsen aware`, `Smith paged`. */
const AFTER_RE =
  /^[ \t]*(?:(?:is|was|made|has\s+been|been)[ \t]+)?(?:aware|notified|paged|called|informed|updated|in\s+to\s+see|at\s+(?:the\s+)?bedside|here|spoke|present|visited|visiting|came|arrived|met|explained|discussed)(?![\p{L}])/iu;

/** A name label: `Name:`, `Patient Name:`, `Nombre:`, `Nom du patient :`, `Name des Patienten:`. */
const NAME_LABEL_RE =
  /(?<![\p{L}])(?:(?:patient|pt|patient's|full|legal|first|last|given|family|maiden|mother's|father's|nok)[ \t]+)?(?:name|surname|first[ \t]*name|last[ \t]*name|nombre|apellidos?|nom|pr[ée]nom|nome|cognome|vorname|nachname|naam)(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?patient|du[ \t]+patient|del[ \t]+paciente|des[ \t]+patienten|del[ \t]+paziente|van[ \t]+de[ \t]+pati[eë]nt))?[ \t]*[:=][ \t]*/giu;

/** Values of a name label that are no name. */
const NOT_A_NAME_VALUE = new Set(
  'unknown none na n/a not applicable see above below same anonymous anonymised anonymized deidentified redacted removed withheld blank patient pt'.split(
    ' ',
  ),
);

/** An opening quotation mark (a name right after it may be the person spoken to). */
const QUOTED_ADDRESS_RE = /["“„«][ \t]?/gu;

/** Slots where a person's name is said: `asking for X,`, `states she is X,`, `X from pastoral care`. */
const SAID_NAME_RE =
  /(?<![\p{L}])(?:(?:asking|asks|asked|calling|calls|called)[ \t]+for|(?:states|stated|says|said)[ \t]+(?:he|she|they)[ \t]+(?:is|was))[ \t]+/giu;
const FROM_SERVICE_RE =
  /(?<=\p{L})[ \t]+(?:from|of)[ \t]+(?:the[ \t]+)?(?:pastoral[ \t]+care|chaplaincy|spiritual[ \t]+care|social[ \t]+work|case[ \t]+management|palliative[ \t]+care|interpreter[ \t]+services|nutrition|ethics|hospice)(?![\p{L}])/giu;

/** Verbs that are also names, which follow `dr` in notes without capitals: `dr will see`, `dr may call`. */
const VERB_NAMES: ReadonlySet<string> = new Set(
  'will may can said says did does would should could wants wanted feels thinks agrees'.split(' '),
);

/** A verb after a name whose subject is a person: `Mr Lomax had`, `K Voss ordered`. */
const PERSON_VERB_NEXT =
  /^[ \t]+(?:had|has|is|was|will|did|does|states|stated|says|said|denies|denied|reports|reported|ordered|wrote|wants|wanted|agrees|agreed|feels|felt|recommends|recommended)(?![\p{L}])/iu;

/** Roles in parentheses after a name: `Dana Kowalczyk (resident)`, `Ivo Brandt (HCP)`. */
const ROLE_IN_PARENS: ReadonlySet<string> = new Set(
  (
    'resident intern attending fellow hospitalist pcp hcp proxy nurse np pa rn md surgeon cardiologist ' +
    'son daughter wife husband brother sister mother father niece nephew friend neighbor neighbour ' +
    'guardian caregiver partner spouse'
  ).split(' '),
);

/** Credentials written with periods: `R.N.`, `M.D.`, `N.P.`, `P.A.-C`, `L.P.N.`, `Ph.D.`, `R.R.T.`. */
const DOTTED_CREDENTIAL_RE =
  /(?<![\p{L}.])(?:R\.N|M\.D|N\.P|P\.A(?:\.?-C)?|D\.O|L\.P\.N|L\.V\.N|C\.N\.A|Ph\.D|R\.R\.T|C\.R\.N\.A|B\.S\.N|M\.S\.N)\.?(?![\p{L}])/giu;

/** A credential after a name: one token (`RN`, `PA-C`) or letters with periods (`R.N.`). */
interface CredentialAt {
  /** Index of the credential's first token. */
  readonly index: number;
  /** Index of its last token. */
  readonly lastIndex: number;
  readonly start: number;
  readonly end: number;
}

/** Every credential in `text`, in order: credential tokens, and dotted forms spanning several tokens. */
function credentialsIn(text: string, ctx: TokenContext): CredentialAt[] {
  const tokens = ctx.tokens;
  const out: CredentialAt[] = [];
  tokens.forEach((t, i) => {
    if (CREDENTIAL_KEYS.has(t.key)) out.push({ index: i, lastIndex: i, start: t.start, end: t.end });
  });
  forEachMatch(DOTTED_CREDENTIAL_RE, text, (m) => {
    const start = m.index;
    const end = m.index + m[0].length;
    const index = ctx.indexAt(start);
    if (index < 0 || tokens[index]!.start !== start) return;
    let lastIndex = index;
    while (lastIndex + 1 < tokens.length && tokens[lastIndex + 1]!.end <= end) lastIndex++;
    out.push({ index, lastIndex, start, end });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Credentials after a name (folded keys): `anita rn`, `J. SMITH, RRT`, `maria j. pellucci bsn/rn`. */
const CREDENTIAL_KEYS: ReadonlySet<string> = new Set(
  (
    'rn rrt crt rt md np pa pa-c cns lpn lvn pt dpt ot slp rd msw licsw lcsw sw crna bsn msn rph pharmd sn ' +
    'cna emt medic nurse do phd'
  ).split(' '),
);

/** Credentials that, in the middle of a sentence, are also common words or other abbreviations. */
const AMBIGUOUS_CREDENTIAL = /^(?:rt|pt|ot|pa|sw|sn|rd|do|medic|nurse|student)(?![\p{L}-])/iu;

/** Finds person names from context in `text`; appends spans to `out`. */
export function findPeople(text: string, ctx: TokenContext, book: WordBook, out: PhiSpan[]): void {
  const tokens = ctx.tokens;
  if (tokens.length === 0) return;
  /** A rare English word written with a capital inside a mixed-case sentence (`Quillon`). */
  const rareCapitalised = (t: Token): boolean =>
    ctx.casing === 'mixed' &&
    t.cap &&
    !t.upper &&
    !t.info.medical &&
    !t.info.stop &&
    t.info.english !== undefined &&
    t.info.english >= 60;
  /** True when the next word shows an eponym (`Fleischner Society`, `Wells score`). */
  const eponymNext = (t: Token): boolean => {
    const k = tokens.indexOf(t, Math.max(0, ctx.firstEndingAfter(t.start)));
    const next = tokens[k + 1];
    return (
      next !== undefined &&
      EPONYM_NEXT.has(next.key) &&
      /^[ \t'’s-]{1,4}$/.test(text.slice(t.end, next.start))
    );
  };
  const push = (a: Token, b: Token, confidence: number, rule: string): void => {
    let end = b.end;
    if (b.initial && text[end] === '.') end++;
    out.push({ start: a.start, end, type: 'name', confidence, rule });
  };

  /** Takes up to `max` name tokens from index `i`; returns the last index taken or -1. */
  function take(i: number, max: number, accept: (t: Token, first: boolean, prev?: Token) => boolean): number {
    let last = -1;
    let end = i + max;
    for (let k = i; k < tokens.length && k < end; k++) {
      const t = tokens[k]!;
      if (k > i) {
        const prev = tokens[k - 1]!;
        const gap = text.slice(prev.end, t.start);
        const ok = /^[ \t]$/.test(gap) || (prev.initial && /^\.?[ \t]?$/.test(gap)) || gap === '^';
        if (!ok) break;
      }
      if (PARTICLES.has(t.key) && k + 1 < tokens.length && k + 1 < i + max + 1) {
        // A particle is kept only with the name after it (`van der Berg`: after a run of particles).
        let n = k + 1;
        while (
          n < tokens.length &&
          n - k < 3 &&
          PARTICLES.has(tokens[n]!.key) &&
          /^[ \t]$/.test(text.slice(tokens[n - 1]!.end, tokens[n]!.start))
        )
          n++;
        const next = tokens[n];
        if (next && /^[ \t]$/.test(text.slice(tokens[n - 1]!.end, next.start)) && accept(next, false)) {
          end++; // particles do not count against the length of a name
          continue;
        }
      }
      if (!accept(t, k === i, k > i ? tokens[k - 1] : undefined)) break;
      last = k;
    }
    // A trailing lone initial is kept only when a name came before it.
    while (last > i && tokens[last]!.initial && tokens[last - 1]!.initial) last--;
    if (last >= 0 && last === i && tokens[i]!.initial) return -1;
    return last;
  }

  const afterTitle = (t: Token, first: boolean, prev?: Token): boolean => {
    // `dr b. park`: after a title and an initial, the next word is the surname, however common.
    if (
      prev?.initial &&
      !t.initial &&
      !t.info.stop &&
      !t.info.never &&
      !t.info.credential &&
      !t.month &&
      !t.digitAttached &&
      (t.info.family || t.info.given || unknownWord(t, false))
    )
      return true;
    if (
      first &&
      ctx.casing === 'mixed' &&
      !t.cap &&
      !t.info.stop &&
      !t.digitAttached &&
      (t.info.given || t.info.family || (unknownWord(t, false) && !t.info.medical && t.key.length >= 4))
    )
      return true;
    if (!couldBeName(ctx, t, true)) return false;
    if (first) return true;
    // `Dr. Merriweather el 21 de marzo`: a function word ends the name, even one that is also a name.
    if (t.info.stop && ctx.casing !== 'upper' && !t.cap) return false;
    const c = caseOf(ctx, t);
    if (t.initial) return true;
    if (c === 'cap') return true;
    // ALL CAPS or lower-case: a second word must look like a name, not like the next word of the sentence.
    return (
      strongName(t) ||
      unknownWord(t, c !== 'lower' || ctx.casing === 'lower') ||
      ((t.info.given || t.info.family) && (t.info.english ?? 99) >= 35)
    );
  };

  const after30 = (t: Token): string => text.slice(t.end, t.end + 30);
  /** True when the particles from index `i` (`van der`, `de la`) are followed by a name. */
  const nameAfterParticles = (i: number): boolean => {
    let n = i;
    while (n < tokens.length && n - i < 3 && PARTICLES.has(tokens[n]!.key)) n++;
    const t = tokens[n];
    return n > i && t !== undefined && (unknownWord(t, false) || strongName(t) || t.info.family);
  };

  // Titles, and `Dr X and Y`, `Drs' X and Y`.
  forEachMatch(TITLE_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    // `dr aware`, `dr to`: a title must be followed by something that can be a name.
    const followedByCue = AFTER_RE.test(text.slice(first.end, first.end + 30));
    // `par le Dr park au`, `per dr. bell.`: a surname that is also a common word, after `Dr`, before a pause.
    const surnameAfterDoctor =
      /^(?:dr|doctor|dra|drs)\.?$/i.test(m[0].trim()) &&
      first.info.family &&
      !first.info.stop &&
      !first.info.medical &&
      /^(?:[ \t]*[.,;)]|[ \t]+(?:au|at|in|from|of|with|and|on|de|del|pager|ext|x)\b|[ \t]*\n|[ \t]*$)/i.test(
        after30(first),
      );
    if (surnameAfterDoctor) {
      push(first, first, 0.85, 'name/title');
      return;
    }
    const lowerNameInMixed =
      ctx.casing === 'mixed' &&
      !first.cap &&
      (((first.info.given || first.info.family) &&
        !first.info.stop &&
        (followedByCue || (first.info.english ?? 99) >= 35)) ||
        (unknownWord(first, false) && !first.info.medical && first.key.length >= 4));
    // `Dr de Vries`, `Dr. van der Berg`: a particle opens the name when a name follows it.
    const particleFirst = PARTICLES.has(first.key) && nameAfterParticles(i);
    if (!couldBeName(ctx, first, true) && !lowerNameInMixed && !particleFirst) return;
    // `MR`, `MS`, `SR` without a period are also abbreviations (mitral regurgitation, sinus rhythm).
    const particleName = PARTICLES.has(first.key) && nameAfterParticles(i);
    // `MR LOMAX HAD`: an unlisted word then a verb of which a person is the subject.
    const personVerbNext =
      unknownWord(first, false) && PERSON_VERB_NEXT.test(text.slice(first.end, first.end + 20));
    if (
      !particleName &&
      /^(?:mr|ms|mx|miss|sr|sra|dra)$/i.test(m[0]) &&
      !(strongName(first) || unknownWord(first) || followedByCue || personVerbNext)
    )
      return;
    const firstEnglish = first.info.english;
    if (firstEnglish !== undefined && caseOf(ctx, first) !== 'cap' && !followedByCue && !first.initial) {
      // `dr aware`, `DR TO`: a common word that is no name, after a title in a one-case note.
      if (!(first.info.given || first.info.family) && firstEnglish <= 35) return;
      // `dr will see pt`, `dr may call`: a verb that is also a name, then a stop word.
      const next = tokens[i + 1];
      if (
        VERB_NAMES.has(first.key) &&
        next !== undefined &&
        /^[ \t]+$/.test(text.slice(first.end, next.start)) &&
        next.info.stop
      )
        return;
    }
    const last = take(i, 3, afterTitle);
    if (last < 0) return;
    push(first, tokens[last]!, 0.9, 'name/title');
    // `and Y`, `& Y`, `, Y` continuing a list of doctors.
    let k = last + 1;
    for (let listed = 0; listed < 4 && k + 1 < tokens.length; listed++) {
      const conj = tokens[k]!;
      const gap = text.slice(tokens[k - 1]!.end, conj.start);
      if (!(conj.key === 'and' && /^[ \t]*$/.test(gap))) break;
      let j = k + 1;
      if (/^(?:dr|drs|doctor)$/.test(tokens[j]!.key)) j++;
      const next = tokens[j];
      if (!next || !couldBeName(ctx, next)) break;
      if (!(strongName(next) || unknownWord(next) || next.cap || next.info.family)) break;
      const e = take(j, 2, afterTitle);
      if (e < 0) break;
      push(next, tokens[e]!, 0.85, 'name/title-list');
      k = e + 1;
    }
  });

  // Names before credentials: sign-off lines (`lorna vesk rn`) and `Tobiah Wrenfield MD spoke`.
  for (const cred of credentialsIn(text, ctx)) {
    const c = cred.index;
    if (c < 1) continue;
    const prevToken = tokens[c - 1]!;
    const between = text.slice(prevToken.end, cred.start);
    // `bsn/rn`: only the first credential of a chain starts a match.
    if (CREDENTIAL_KEYS.has(prevToken.key) && /^[ \t]*[,/][ \t]*$/.test(between)) continue;
    if (!/^(?:[ \t]*,[ \t]*|[ \t]+|[ \t]*\([ \t]*)$/.test(between)) continue;
    if (/\p{L}/u.test(text[cred.end] ?? '')) continue;
    let chainEnd = cred.end;
    for (let k = cred.lastIndex + 1; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (!CREDENTIAL_KEYS.has(t.key) || !/^[ \t]*[,/][ \t]*$/.test(text.slice(chainEnd, t.start))) break;
      chainEnd = t.end;
    }
    if (text[chainEnd] === ')' || text[chainEnd] === '.') chainEnd++;
    const lineEnd = /^[ \t.]*(?:\r?\n|$)/.test(text.slice(chainEnd, chainEnd + 40));
    const credential = text.slice(cred.start, cred.end);
    const ambiguous = AMBIGUOUS_CREDENTIAL.test(credential);
    const cueAfter = AFTER_RE.test(text.slice(chainEnd, chainEnd + 30));
    if (!lineEnd && ambiguous) continue;
    const lowerCredential = !lineEnd && !/^\p{Lu}/u.test(credential) && !cueAfter && ctx.casing !== 'lower';
    if (lineEnd && ambiguous && !/[,(]/.test(between)) continue;
    const last = c - 1;
    // `f park, md`, `p nanard pa-c`: an initial and a surname before a credential, however common.
    const beforeLast = tokens[last - 1];
    let initialBeforeSurname = false;
    if (
      beforeLast?.initial &&
      /^\.?[ \t]$/.test(text.slice(beforeLast.end, tokens[last]!.start)) &&
      (tokens[last]!.info.family || nameOrUnlisted(tokens[last]!)) &&
      !tokens[last]!.info.stop &&
      !tokens[last]!.info.medical &&
      !/[\p{L}\p{N}]/u.test(text[beforeLast.start - 1] ?? '')
    )
      initialBeforeSurname = true;
    // The last token before the credential, then back over name-like tokens (at most three).
    let s = last;
    const nameLike = (t: Token): boolean =>
      t.initial ||
      // `- ROSENTHAL, SN`: a surname that is also an eponym when a comma sets the credential off.
      (couldBeName(ctx, t, lineEnd && between.includes(',')) &&
        (lineEnd || caseOf(ctx, t) === 'cap' || strongName(t))) ||
      (lineEnd && unknownWord(t, false) && !t.info.medical && t.key.length >= 3) ||
      // `discussed with vurnaleva RRT`: an unlisted word between a cue and a credential.
      (unknownWord(t) &&
        t.key.length >= 4 &&
        /(?:with|by|to|from|per|and|for)[ \t]+$/i.test(text.slice(Math.max(0, t.start - 8), t.start)));
    if (!nameLike(tokens[last]!)) {
      if (initialBeforeSurname && beforeLast)
        push(beforeLast, tokens[last]!, 0.8, lineEnd ? 'name/sign-off' : 'name/credential');
      continue;
    }
    while (s - 1 >= 0 && last - s < 3) {
      const p = tokens[s - 1]!;
      const gap = text.slice(p.end, tokens[s]!.start);
      if (!(/^[ \t]$/.test(gap) || (p.initial && /^\.[ \t]?$/.test(gap)))) break;
      if (!nameLike(p)) break;
      s--;
    }
    while (
      s < last &&
      tokens[s]!.initial &&
      !/^\.?[ \t]?$/.test(text.slice(tokens[s]!.end, tokens[s + 1]!.start))
    )
      s++;
    const run = tokens.slice(s, last + 1);
    // `with k. dolan rn`: a lower-case credential in a sentence needs a cue before the name.
    const cueBefore = /(?:with|by|to|from|per|and|for)[ \t]*$/i.test(
      text.slice(Math.max(0, tokens[s]!.start - 8), tokens[s]!.start),
    );
    if (lowerCredential && !cueBefore) continue;
    const nameWord = (t: Token): boolean =>
      strongName(t) ||
      unknownWord(t, false) ||
      ((t.info.given || t.info.family) && (t.info.english === undefined || t.info.english > 35));
    // `V. PARK rn`: an initial then a family name, however common the word.
    const initialSurname = run.length === 2 && run[0]!.initial && run[1]!.info.family;
    if (!run.some(nameWord) && !initialSurname) continue;
    if (run.every((t) => t.initial)) continue;
    push(tokens[s]!, tokens[last]!, lineEnd ? 0.85 : 0.8, lineEnd ? 'name/sign-off' : 'name/credential');
  }

  // Initial and surname: G. HOLLISTER, K. Danbury.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (!a.initial || !a.cap || text[a.end] !== '.') continue;
    // `60'S.`, `A&O.`: a letter glued to what comes before is no initial.
    if (a.start > 0 && !/[\s("\[,;:/-]/.test(text[a.start - 1] ?? '')) continue;
    if (!/^\.[ \t]?$/.test(text.slice(a.end, b.start))) continue;
    if (!b.cap || b.initial || !couldBeName(ctx, b, true)) continue;
    // `S. ...`, `O. ...`, `A. ...`: SOAP and DAR headings at the start of a line are not initials.
    const lineHead = text.slice(Math.max(0, a.start - 80), a.start);
    const atLineStart = /(?:^|\n)[ \t]*$/.test(lineHead) && (a.start <= 80 || lineHead.includes('\n'));
    if (atLineStart && /^[SOAPDRIE]$/.test(text[a.start] ?? '')) continue;
    const cue = AFTER_RE.test(text.slice(b.end, b.end + 30));
    if (((b.info.medical && !b.info.family) || b.info.misspelt || /-/.test(b.key)) && !cue) continue;
    const familyOk = b.info.family && !b.info.clipped && ((b.info.english ?? 99) >= 35 || cue);
    if (!(strongName(b) || unknownWord(b, !cue) || familyOk)) continue;
    const e = take(i + 1, 2, afterTitle);
    push(a, tokens[Math.max(e, i + 1)]!, 0.8, 'name/initial');
  }

  // `Name: bayani`, `Patient Name: DOE, JANE`: up to four words after a name label, on its line.
  forEachMatch(NAME_LABEL_RE, text, (m) => {
    // `Protocol Name:`, `Station Name:`: the label must open a line, a field or follow a separator.
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (m.index > 0 && !/(?:^|[\n;|,(\t]|[ \t]{2}|[.:][ \t])[ \t]*$/.test(before)) return;
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0 || tokens[i]!.start !== m.index + m[0].length) return;
    let last = -1;
    for (let k = i; k < tokens.length && k < i + 4; k++) {
      const t = tokens[k]!;
      if (k > i && !/^(?:[ \t]?,?[ \t]?|\.[ \t]?|\^)$/.test(text.slice(tokens[k - 1]!.end, t.start))) break;
      if (NOT_A_NAME_VALUE.has(t.key) || t.digitAttached || /\d/.test(t.key) || t.month) break;
      if (t.info.credential || (t.info.stop && !(t.info.given || t.info.family))) break;
      last = k;
    }
    if (last < 0 || tokens.slice(i, last + 1).every((t) => t.initial)) return;
    push(tokens[i]!, tokens[last]!, 0.9, 'name/label');
  });

  // `"Marguerite, where is my bag?"`: a given name opening quoted speech, then a comma.
  forEachMatch(QUOTED_ADDRESS_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    const t = tokens[i];
    if (!t || text[t.end] !== ',' || !t.cap || t.upper) return;
    if (!t.info.given || t.info.stop || t.info.medical || t.info.never || (t.info.english ?? 99) < 35) return;
    push(t, t, 0.7, 'name/addressed');
  });

  // `asking for Annegret,`, `states he is Torvald.`: a name said in a sentence, then a pause.
  const saidName = (t: Token): boolean =>
    !t.initial &&
    !RELATIVE_WORD.test(t.key) &&
    (strongName(t) ||
      unknownWord(t) ||
      ((t.info.given || t.info.family) &&
        !t.info.stop &&
        !t.info.medical &&
        (t.info.english === undefined || t.info.english >= 35)));
  forEachMatch(SAID_NAME_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0 || !saidName(tokens[i]!)) return;
    const last = take(i, 2, (t, isFirst) => isFirst || saidName(t));
    if (last < 0 || !/^[ \t]*[,.;)]/.test(text.slice(tokens[last]!.end, tokens[last]!.end + 2))) return;
    push(tokens[i]!, tokens[last]!, 0.75, 'name/said');
  });

  // `Tendai Querkell from pastoral care`: a person from a hospital service.
  forEachMatch(FROM_SERVICE_RE, text, (m) => {
    const i = ctx.firstEndingAfter(m.index - 1);
    const t = tokens[i];
    if (!t || t.end !== m.index || !saidName(t)) return;
    let s = i;
    while (
      s > 0 &&
      i - s < 2 &&
      /^[ \t]$/.test(text.slice(tokens[s - 1]!.end, tokens[s]!.start)) &&
      saidName(tokens[s - 1]!)
    )
      s--;
    push(tokens[s]!, t, 0.75, 'name/service');
  });

  // Names before a role in parentheses: `DANA KOWALCZYK (RESIDENT)`, `ivo brandt (hcp)`.
  for (let r = 1; r < tokens.length; r++) {
    const role = tokens[r]!;
    if (!ROLE_IN_PARENS.has(role.key) || text[role.end] !== ')') continue;
    const last = r - 1;
    if (!/^[ \t]*\([ \t]*$/.test(text.slice(tokens[last]!.end, role.start))) continue;
    const nameLike = (t: Token): boolean =>
      t.initial ||
      strongName(t) ||
      unknownWord(t, false) ||
      ((t.info.given || t.info.family) && couldBeName(ctx, t, true) && (t.info.english ?? 99) > 20);
    let s = last;
    while (s >= 0 && last - s < 3 && nameLike(tokens[s]!)) {
      const p = tokens[s - 1];
      if (!p || !nameLike(p) || !/^[ \t]\.?$|^\.[ \t]$/.test(text.slice(p.end, tokens[s]!.start))) break;
      s--;
    }
    if (!nameLike(tokens[last]!) || tokens.slice(s, last + 1).every((t) => t.initial)) continue;
    push(tokens[s]!, tokens[last]!, 0.8, 'name/role-in-parens');
  }

  // `K VOSS ordered`: an initial without its period, a family name, and a verb of a person.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (!a.initial || /^[AI]$/i.test(a.key) || !/^[ \t]$/.test(text.slice(a.end, b.start))) continue;
    if (a.start > 0 && !/[\s(,;:]/.test(text[a.start - 1] ?? '')) continue;
    if (!(b.info.family || strongName(b) || unknownWord(b)) || b.info.medical || b.initial) continue;
    if (
      !PERSON_VERB_NEXT.test(text.slice(b.end, b.end + 20)) &&
      !AFTER_RE.test(text.slice(b.end, b.end + 30))
    )
      continue;
    push(a, b, 0.75, 'name/initial-verb');
  }

  // Relatives and roles: dtr mireille, wife, Odalys Brenneke, nurse named Petra Lindqvist.
  forEachMatch(ROLE_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    if (first.initial) return;
    const after = text.slice(first.end, first.end + 30);
    // `wife, rose, left`, `NP grace made aware`: a given name followed by a pause or a cue.
    // `daughter pat lives nearby`, `wife rose, left`: a pause or a verb after the given name.
    const pause =
      /^(?:[ \t]*[,)]|[ \t]*$|[ \t]*\n)/.test(after) ||
      AFTER_RE.test(after) ||
      /^[ \t]+(?:lives|lived|is|was|has|had|called|calls|visited|visits|came|comes|here|in|at|who|states|stated|says|said|spoke|wants|wishes|agrees|arrived|left)(?![\p{L}])/iu.test(
        after,
      );
    if (RELATIVE_WORD.test(first.key)) return;
    const ok =
      strongName(first) ||
      (unknownWord(first, false) &&
        (!first.info.clipped || caseOf(ctx, first) === 'cap') &&
        (caseOf(ctx, first) !== 'lower' ||
          ctx.casing === 'lower' ||
          (unknownWord(first) && first.key.length >= 4))) ||
      ((first.info.given || first.info.family) &&
        couldBeName(ctx, first, true) &&
        (first.info.english === undefined ||
          first.info.english >= 35 ||
          (caseOf(ctx, first) === 'cap' && first.info.english > 20) ||
          (pause && first.info.english > 10))) ||
      rareCapitalised(first);
    if (!ok) return;
    const last = take(i, 3, (t, isFirst) => (isFirst ? true : afterTitle(t, false)));
    if (last < 0) return;
    push(first, tokens[last]!, 0.8, 'name/relative');
    // `daughters sarah and odile`: a given name after `and` continues the list.
    const conj = tokens[last + 1];
    const next = tokens[last + 2];
    if (
      conj?.key === 'and' &&
      next !== undefined &&
      /^[ \t]+$/.test(text.slice(tokens[last]!.end, conj.start)) &&
      /^[ \t]+$/.test(text.slice(conj.end, next.start)) &&
      (strongName(next) || (next.info.given && couldBeName(ctx, next) && (next.info.english ?? 99) > 20))
    ) {
      push(next, next, 0.75, 'name/relative');
    }
  });

  // `approved by X`, `noted by X`: a capitalised name after an action done by someone.
  forEachMatch(DONE_BY_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    // `Requested by Z Dolthastova PA-C`: an initial, then a surname.
    const next = tokens[i + 1];
    if (
      first.initial &&
      next !== undefined &&
      /^\.?[ \t]$/.test(text.slice(first.end, next.start)) &&
      !next.initial &&
      (strongName(next) || unknownWord(next, false) || next.info.family)
    ) {
      const last = take(i, 3, (t, isFirst, prev) => isFirst || afterTitle(t, false, prev));
      if (last > i) push(first, tokens[last]!, 0.8, 'name/done-by');
      return;
    }
    const lowerUnknown = unknownWord(first) && first.key.length >= 5 && !/-/.test(first.key);
    // `REPORT GIVEN TO VAN DER BERG`: particles, then a name.
    if (PARTICLES.has(first.key) && nameAfterParticles(i)) {
      const last = take(i, 4, (t, isFirst) => isFirst || nameOrUnlisted(t));
      if (last > i) push(first, tokens[last]!, 0.8, 'name/done-by');
      return;
    }
    if (first.initial || RELATIVE_WORD.test(first.key) || (!couldBeName(ctx, first, true) && !lowerUnknown))
      return;
    if (first.upper && first.key.length <= 4 && !strongName(first)) return;
    const ok =
      strongName(first) ||
      (unknownWord(first, false) && caseOf(ctx, first) !== 'lower') ||
      rareCapitalised(first) ||
      ((first.info.given || first.info.family) &&
        caseOf(ctx, first) === 'cap' &&
        (first.info.english ?? 99) > 20) ||
      ((first.info.given || first.info.family) && first.info.english === undefined && !first.info.medical) ||
      // `requested by adaeze mutasa, RN`: a word no list knows, in lower case, after an action by someone.
      lowerUnknown;
    if (!ok) return;
    const last = take(
      i,
      3,
      (t, isFirst) =>
        isFirst || afterTitle(t, false) || rareCapitalised(t) || (unknownWord(t) && t.key.length >= 4),
    );
    if (last >= 0) push(first, tokens[last]!, 0.8, 'name/done-by');
  });

  // Staff roles: the name must look like one by itself, or be followed by a cue (`NP grace made aware`).
  forEachMatch(STAFF_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    // `Ref phys: a sheanhinik`, `Sonographer: LEE`: after a label and a colon, a name is expected.
    const labelled = m[0].includes(':');
    const plainValue =
      !first.info.stop &&
      !first.info.medical &&
      !first.info.never &&
      !first.info.credential &&
      !first.month &&
      !first.digitAttached;
    // `Patient n. saldaña,`, `tech J VOSS`: an initial, then a surname.
    const afterInitial = tokens[i + 1];
    if (
      first.initial &&
      !/^[ai]$/.test(first.key) &&
      !(ctx.casing !== 'mixed' && (afterInitial?.info.english ?? 99) <= 35) &&
      afterInitial !== undefined &&
      /^\.?[ \t]$/.test(text.slice(first.end, afterInitial.start)) &&
      !afterInitial.initial &&
      (afterInitial.info.family || nameOrUnlisted(afterInitial)) &&
      !afterInitial.info.stop &&
      !afterInitial.info.medical
    ) {
      push(first, afterInitial, 0.75, 'name/staff');
      return;
    }
    if (first.initial || RELATIVE_WORD.test(first.key)) return;
    // `Patient zeke fitzgerald, 103 Jahre`: a patient word, two uncommon words, then a comma.
    const second = tokens[i + 1];
    const uncommon = (t: Token): boolean =>
      !t.info.stop && !t.info.medical && !t.month && !t.digitAttached && (t.info.english ?? 99) >= 35;
    const patientPair =
      /^(?:patient|paciente|patiente|patientin|paziente)\b/i.test(m[0].trim()) &&
      second !== undefined &&
      /^[ \t]$/.test(text.slice(first.end, second.start)) &&
      text[second.end] === ',' &&
      uncommon(first) &&
      uncommon(second);
    if (patientPair) {
      push(first, second, 0.8, 'name/staff');
      return;
    }
    // `tech Verna`, `tech VAN DER BERG;`, `Pt de Vries - repeat imaging`: after a role, the words up to
    // the end of the value (or a separator) are a name when none is a common or medical word.
    const runEnd = plainValue || PARTICLES.has(first.key) ? take(i, 4, (t) => nameOrUnlisted(t)) : -1;
    if (runEnd >= 0 && m[0].trim().length > 1) {
      const tail = text.slice(tokens[runEnd]!.end, tokens[runEnd]!.end + 4);
      const endsValue = /^(?:[ \t]*(?:$|\n|[;/|])|[ \t]+-[ \t])/.test(tail);
      const all = tokens.slice(i, runEnd + 1);
      if (
        endsValue &&
        all.every((t) => PARTICLES.has(t.key) || nameOrUnlisted(t)) &&
        !all.every((t) => PARTICLES.has(t.key))
      ) {
        push(first, tokens[runEnd]!, 0.75, 'name/staff');
        return;
      }
    }
    if (!couldBeName(ctx, first, true) && !(labelled && plainValue)) return;
    const cue = AFTER_RE.test(text.slice(first.end, first.end + 30));
    const patient = /^pt$/i.test(m[0].trim());
    const ok =
      (strongName(first) && !eponymNext(first)) ||
      (unknownWord(first) && caseOf(ctx, first) === 'cap') ||
      (labelled &&
        (caseOf(ctx, first) === 'cap' ||
          first.info.given ||
          first.info.family ||
          unknownWord(first, false) ||
          first.info.english === undefined)) ||
      (!patient &&
        first.info.family &&
        !first.info.given &&
        !first.info.medical &&
        caseOf(ctx, first) !== 'lower' &&
        !first.info.clipped &&
        !first.info.nearWord &&
        first.key.length >= 4 &&
        (first.info.english ?? 99) >= 35) ||
      (cue && (first.info.given || first.info.family || unknownWord(first, false))) ||
      // `Sonographer ROSENTHAL.`: a surname that is also an eponym, written as a name after a profession.
      (!patient &&
        m[0].trim().length > 3 &&
        first.info.family &&
        first.info.medical &&
        !first.info.stop &&
        !first.info.clipped &&
        first.info.english === undefined &&
        caseOf(ctx, first) !== 'lower' &&
        !eponymNext(first));
    if (!ok) return;
    const last = take(i, 3, (t, isFirst) => (isFirst ? true : afterTitle(t, false)));
    if (last >= 0) push(first, tokens[last]!, 0.8, 'name/staff');
  });

  // Weak cues: a strong name or an unknown capitalised word after `per`, `with`, `spoke with`.
  forEachMatch(WEAK_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    const second = tokens[i + 1];
    const pairGap = second ? text.slice(first.end, second.start) : '';
    const pair =
      second !== undefined &&
      (/^[ \t]$/.test(pairGap) || (first.initial && /^\.?[ \t]$/.test(pairGap))) &&
      !first.digitAttached &&
      !second.digitAttached &&
      ((first.initial && (text[first.end] === '.' || ctx.casing === 'lower')) ||
        (first.info.given && (first.info.english ?? 99) >= 35 && !first.info.stop && !first.info.medical)) &&
      ((second.info.family && !second.info.nearWord && !second.info.clipped) || unknownWord(second)) &&
      !second.info.medical &&
      (second.info.english === undefined || second.info.english >= 50);
    if (pair) {
      push(first, second, 0.75, 'name/weak-cue');
      return;
    }
    // `per k voss.`: after `per`, a lower-case initial and a dictionary name that ends the phrase.
    if (
      second !== undefined &&
      /^per\b/i.test(m[0]) &&
      first.initial &&
      /^[ \t]$/.test(pairGap) &&
      (second.info.family || second.info.given) &&
      !second.info.stop &&
      !second.info.medical &&
      /^[.,;]/.test(text.slice(second.end, second.end + 1))
    ) {
      push(first, second, 0.7, 'name/weak-cue');
      return;
    }
    // `able to reach Howard`, `thanked pt, Howard.`: a capitalised given name inside a mixed-case sentence.
    const capitalisedGiven =
      ctx.casing !== 'upper' &&
      first.cap &&
      !first.upper &&
      first.info.given &&
      !first.info.stop &&
      !first.info.medical &&
      !first.info.never &&
      !first.info.ambiguous &&
      !first.month &&
      (first.info.english ?? 99) >= 35 &&
      !/[.!?:][ \t]*$/.test(text.slice(Math.max(0, m.index - 3), m.index));
    if (capitalisedGiven && !eponymNext(first) && !book.place(first.key)) {
      push(first, first, 0.7, 'name/weak-cue');
      return;
    }
    if (!strongName(first) || (ctx.casing === 'mixed' && !first.cap) || eponymNext(first)) return;
    if (book.place(first.key)) return;
    const last = take(i, 3, (t, isFirst) => (isFirst ? true : afterTitle(t, false)));
    if (last >= 0) push(first, tokens[last]!, 0.7, 'name/weak-cue');
  });

  // `X aware`, `X paged`: the word before is a name when it can be one.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!AFTER_RE.test(text.slice(t.end, t.end + 30))) continue;
    const before = tokens[i - 1];
    const afterGiven =
      before !== undefined &&
      before.info.given &&
      !before.info.stop &&
      /^[ \t]$/.test(text.slice(before.end, t.start)) &&
      unknownWord(t);
    if (!(strongName(t) || (unknownWord(t, false) && caseOf(ctx, t) !== 'lower') || afterGiven)) continue;
    if (/-/.test(t.key)) continue;
    let s = i;
    while (s - 1 >= 0) {
      const p = tokens[s - 1]!;
      const gap = text.slice(p.end, tokens[s]!.start);
      if (!(/^[ \t]$/.test(gap) || (p.initial && /^\.[ \t]?$/.test(gap)))) break;
      const givenBefore =
        p.info.given && !p.info.stop && !p.info.never && (couldBeName(ctx, p) || p.info.medical);
      if (!(p.initial || strongName(p) || givenBefore)) break;
      s--;
    }
    push(tokens[s]!, t, 0.75, 'name/aware');
  }

  // Dictionary names that are no English or medical word: Zabrowski, Okafor (any case).
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!strongName(t) || t.key.length < 5 || t.info.nearWord || eponymNext(t)) continue;
    // Names that are also US places (`Boston`, `Jackson`) need a context rule.
    const prev = tokens[i - 1];
    if (book.place(t.key) || (prev && book.place(`${prev.key} ${t.key}`))) continue;
    if (ctx.casing === 'mixed' && !t.cap) continue;
    out.push({ start: t.start, end: t.end, type: 'name', confidence: 0.6, rule: 'name/lexicon' });
  }
}
