/**
 * Places and institutions in free text: facility names before `hospital`, `memorial`, `rehab`
 * (`Holloway Memorial`, `Good Samaritan hospital`), `University of X`, wards with a number
 * (`transferred to Brightwater 3`), hospital abbreviations after a transfer (`flown to CMH`),
 * and towns after `lives in`, `from`, `son in` when the lexicon knows them as US places.
 */
import type { PhiSpan } from '../types.js';
import { forEachMatch } from './fold.js';
import type { Token, TokenContext } from './tokens.js';
import type { WordBook } from './word-info.js';

/** Abbreviations ending in H that are not hospitals: pH, LVH, SAH, BPH, TSH, CH (chair), USOH. */
const MEDICAL_H = new Set(
  (
    'ah bh dh eh hh lh oh ph rh sh th uh wh lvh rvh bph pah sah ich iph ivh sdh edh nph adh tsh fsh pth ' +
    'hgh mch ldh cah gvh avh aph nh acth ch usoh soh doh'
  ).split(' '),
);

/** `GH`, `BWH`, `MGH`, `KSMC`: two to five letters ending in H or MC, written in capitals unless the note has none. */
function hospitalAcronym(t: Token, casing: TokenContext['casing']): boolean {
  if (!/^(?:[a-z]{1,3}h|[a-z]{1,4}mc)$/.test(t.key) || MEDICAL_H.has(t.key) || UNIT_ABBREVIATIONS.has(t.key))
    return false;
  if (t.info.english !== undefined || t.info.medical || t.info.stop || t.info.given || t.info.family)
    return false;
  return casing === 'lower' ? !t.cap || t.upper : t.upper;
}

/** A word no dictionary lists: not English, medical, a stop word, clipped or misspelt. */
function unlistedWord(t: Token): boolean {
  const w = t.info;
  return (
    w.english === undefined &&
    !w.medical &&
    !w.stop &&
    !w.clipped &&
    !w.misspelt &&
    !w.nearWord &&
    !w.credential &&
    !w.never &&
    !t.month &&
    !t.digitAttached &&
    !t.verbForm &&
    !/[\d-]/.test(t.key)
  );
}

/** An institution label: `Institution: X`, `Referring hospital: X`, `Facility: X` (not `Site:`). */
const INSTITUTION_LABEL_RE =
  /(?<![\p{L}])(?:institution|hospital|facility|referring[ \t]+(?:hospital|institution|facility|site)|outside[ \t]+(?:hospital|institution)|osh|[ée]tablissement|krankenhaus|klinik|hospital[ \t]+de[ \t]+origen)(?:[ \t]+name)?[ \t]*[:=][ \t]*/giu;

/** Words that end a facility name. */
const FACILITY_RE =
  /(?<![\p{L}])(?:(?:regional|community|county|university|children'?s|teaching|general|memorial)[ \t]+)*(?:hospital|hosp|hospitals|medical\s+center|medical\s+centre|med\s+center|med\s+ctr|medical|memorial|rehab|rehabilitation|nursing\s+home|nursing\s+facility|nursing\s+center|manor|assisted\s+living|campus|clinic|health\s+center|health\s+system|healthcare|infirmary|hospice|general|va|vamc|dialysis|er\b|home\s+for|center|centre|house|institute|senior\s+center|retirement|building|bldg|pavilion|tower|regional)(?![\p{L}])/giu;

/** Words that name a hospital service, not a place: `Heart Failure Clinic`, `Sleep Center`. */
const SERVICE_WORDS: ReadonlySet<string> = new Set(
  (
    'heart failure wound care sleep pain eye cancer diabetes urgent primary family womens women childrens ' +
    'memory stroke spine vein skin breast imaging radiology lab dental infusion dialysis transplant weight ' +
    'travel fertility speech hearing vision kidney liver lung chest surgical surgery mental behavioral ' +
    'behavioural health addiction recovery therapy physical occupational anticoagulation coumadin warfarin ' +
    'allergy asthma headache epilepsy movement sports bone joint foot hand ear nose throat heme onc ' +
    'oncology hematology cardiology neurology nephrology pulmonary gi liver vascular wellness trauma burn ' +
    'emergency outpatient inpatient day walk-in student employee'
  ).split(' '),
);

/** Words that never belong to a facility's own name. */
const NOT_FACILITY = new Set(
  (
    'the a an to from at in of on and or his her their our your my this that same other another outside osh ' +
    'local nearby previous prior current new old pt patient patients transfer transferred transfered admitted ' +
    'admit admission discharged discharge sent taken brought went go going back return returned to via by ' +
    'with for rehab hospital hosp medical memorial general clinic home nursing is was be been will would ' +
    'no not any some private state county city community regional university teaching psych psychiatric ' +
    'acute chronic long term short icu ccu micu sicu floor unit er ed or cath lab which who that where ' +
    'cardiac pulmonary physical occupational speech inpatient outpatient subacute vascular surgical neuro ' +
    'begin cont continue start started rehabilitation day night psych psychiatric'
  ).split(' '),
);

/** Words of a ward's number that name no one: `bed 2`, `floor 4`, `West 3`. */
const GENERIC_WARD_WORDS: ReadonlySet<string> = new Set(
  'bed beds floor room rooms unit units pod bay wing tower level station west east north south ward cot suite'.split(
    ' ',
  ),
);

/** Hospital-unit abbreviations that are not a place's name. */
const UNIT_ABBREVIATIONS = new Set(
  (
    'icu ccu micu sicu csru cvicu nicu picu ticu nsicu pacu or ed er ew cath lab osh ot pt rehab floor ' +
    'lsb rsb lusb rusb llsb rlsb apex ' +
    'unit ward tcu ltc snf ltac ltach ir ct mri cxr ekg ecg echo tee op opd ambu amb ems ama abd us mr ' +
    'va lab labs home er2 pcu ctu icu2 icu3 md rn dr np pa team hd cvvh bmt sdu stepdown ob gyn ent gi ' +
    'cabg ptca mi it pm am hr bp rr os od ou nc nrb ett ngt ogt picc tlc peg ivf prbc ffp abg vbg ns lr ' +
    'd5w kcl cva tia uti dvt pe chf copd cad htn dm afib aflutter vt vf svt ua ra la usa uk eu us sr nsr af bb sb st vs cv le mn lcw lcws et sn pmd tpp bsd psvt lsc crsu'
  ).split(' '),
);

const TRANSFER_RE =
  /(?<![\p{L}])(?:c\/o(?=[ \t]+to[ \t])|transferred|transfered|transfer|trans|xferred|xfer|tx'?d|tx|admitted|adm|brought|sent|went|presented|came|arrived|med-?flighted|medflighted|flighted|flown|taken|returned|back|d\/c'?d|dc'?d|discharged|recieved|received|seen|treated|followed|intubated|evaluated|screened|study|studies|imaging|images|films|records|report|reports|comparison)(?:[ \t]+(?:\p{L}+[ \t]+){0,2}?)?[ \t]*(?:to|from|at|in|by)[ \t]+(?:the[ \t]+)?(?:(?:rm|room|bed)?[ \t]*\d{1,4}[a-z]?[ \t]+)?/giu;

const WARD_RE =
  /(?<![\p{L}])(?:to|from|on|at|in|onto)[ \t]+(?:the[ \t]+)?(\p{L}[\p{L}'’-]+)[ \t]?(\d{1,2})(?![\p{N}\p{L}])/dgiu;

const UNIVERSITY_RE =
  /(?<![\p{L}])(?:university|univ\.?|u)[ \t]+of[ \t]+(\p{L}[\p{L}'’-]*(?:[ \t]+\p{L}[\p{L}'’-]*)?)|(?<![\p{L}])UOf[ \t]+(\p{L}[\p{L}'’-]*)/giu;

/** US state and territory codes (folded). */
const STATE_CODES: ReadonlySet<string> = new Set(
  (
    'al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc ' +
    'nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy pr vi gu'
  ).split(' '),
);

/** One to three capitalised words, a comma, then a state code or name (and maybe a ZIP code). */
const CITY_STATE_RE =
  /(?<![\p{L}])((?:\p{Lu}[\p{L}'’-]+[ \t]){0,2}\p{Lu}[\p{L}'’-]+),[ \t]*(\p{Lu}\.?\p{Lu}\.?(?=[ \t]+\d{5}|[ \t]*(?:[.,;)\n]|$))|\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?(?![\p{L}]))/gu;

/** A house number, a street and its suffix, a comma, then the town: `12 Elm Street, Fairhaven`. */
const STREET_TOWN_RE =
  /(?<![\p{L}\p{N}])\d{1,6}[ \t]+(?:[\p{L}'’.-]+[ \t]+){1,4}(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|boulevard|blvd|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|pike|row|close|crescent|calle|rue|strasse|straße)\.?,[ \t]*(\p{L}[\p{L}'’-]*(?:[ \t]\p{L}[\p{L}'’-]*){0,2})(?=[ \t]*(?:,|\d{5}|[.;)\n]|$))/dgiu;

/** Working life: `retired machinist from X`, `works at X`, `employed by X`, `his business X`. */
const EMPLOYER_RE =
  /(?<![\p{L}])(?:works?|worked|working|employed|employee|retired|job|career)(?:[ \t]+\p{L}+){0,2}?[ \t]+(?:at|for|from|with|by)[ \t]+(?:the[ \t]+)?|(?<![\p{L}])(?:his|her|their|own|family)[ \t]+(?:business|company|firm|store|shop|restaurant|practice)[ \t]*,?[ \t]+/giu;

/** Words that continue an organisation's name. */
const ORGANISATION_WORDS = new Set(
  (
    'department dept fire police mill mills paper union credit bank schools school district company co corp ' +
    'corporation inc llc ltd logistics group works plant factory foundry shipyard steel tool die motors ' +
    'services systems university college hospital county city state health healthcare care medical ' +
    'labs laboratories pharmacy pharmaceuticals plumbing dairy auto body construction farm farms store ' +
    'shop restaurant bakery garage transit authority electric'
  ).split(' '),
);

/** Saints' and religious hospital names: St Mary, Saint Joseph, Holy Cross, Sacred Heart. */
const SAINT_RE =
  /(?<![\p{L}\p{N}])(?:(?:st|ste|saint|san|santa|sainte|mercy|providence|baptist|methodist|presbyterian|adventist|lutheran)\.?[ \t]+(\p{L}[\p{L}'’-]+)|(?:holy[ \t]+(?:cross|family|name|spirit|redeemer|trinity)|sacred[ \t]+heart|good[ \t]+samaritan|mount[ \t]+sinai|mt\.?[ \t]+sinai|our[ \t]+lady(?:[ \t]+of[ \t]+\p{L}+)?)(?![\p{L}]))/giu;

/** `U Maryland`, `U. of MD`: a university hospital by its state. */
const U_STATE_RE = /(?<![\p{L}])U\.?[ \t]+(\p{L}+)(?![\p{L}])/gu;

const TOWN_CUE_RE =
  /(?<![\p{L}])(?:lives|living|live|resides|residing|reside|home|house|born|moved|visiting|visit|flying|fly|drive|driving|arrive|arriving|here|relocated|returning|son|daughter|dtr|sister|brother|wife|husband|family|mother|father|friend|niece|nephew)(?:[ \t]+(?:\p{L}+[ \t]+){0,2}?)?[ \t]*(?:in|at|from|to|near)[ \t]+|(?<![\p{L}])(?:resident[ \t]+of|native[ \t]+of|wohnhaft[ \t]+in|geboren[ \t]+in|nacid[oa][ \t]+en|domiciliad[oa][ \t]+en|residente[ \t]+(?:en|in|a)|domicili[ée]e?[ \t]+[àa]|n[ée]e?[ \t]+(?:le[ \t]+[^\n]{1,24}?[ \t]+)?[àa])[ \t]+/giu;

/** Where someone lives that names no place: `lives in a house`, `lives alone in an apartment`. */
const DWELLINGS: ReadonlySet<string> = new Set(
  (
    'house home apartment apt condo condominium trailer shelter facility community town city village area ' +
    'country countryside building unit floor room basement group assisted senior nursing rural suburbs ' +
    'downtown state same nearby usa us america'
  ).split(' '),
);

/** Cues of where someone lives or comes from (a subset of {@link TOWN_CUE_RE}'s). */
const RESIDENCE_CUE =
  /^(?:lives|living|live|resides|residing|reside|moved|born|relocated|resident|native|wohnhaft|geboren|nacid|domicili|n[ée]e?)(?![\p{L}])/iu;

/** Finds places and institutions; appends `location` spans to `out`. */
export function findPlaces(text: string, ctx: TokenContext, book: WordBook, out: PhiSpan[]): void {
  const tokens = ctx.tokens;
  if (tokens.length === 0) return;
  const first = out.length;
  findPlaceSpans(text, ctx, book, out);
  // `ASHFORD MILL`, `Fox River`: a place word after a place belongs to it.
  for (let k = first; k < out.length; k++) {
    const span = out[k]!;
    const i = ctx.firstEndingAfter(span.end);
    const next = tokens[i];
    if (next && PLACE_SUFFIX.has(next.key) && /^[ \t]$/.test(text.slice(span.end, next.start))) {
      if (ctx.casing !== 'mixed' || next.cap) span.end = next.end;
    }
  }
}

/** Words that end a place's name: `Mill`, `River`, `Heights`, `Falls`. */
const PLACE_SUFFIX: ReadonlySet<string> = new Set(
  (
    'mill mills river heights park falls springs hills hill creek beach valley lake lakes harbor harbour ' +
    'township village junction station point grove ridge woods landing crossing bay glen forest meadows ' +
    'gardens estates shores plains corner corners center centre'
  ).split(' '),
);

function findPlaceSpans(text: string, ctx: TokenContext, book: WordBook, out: PhiSpan[]): void {
  const tokens = ctx.tokens;
  const push = (start: number, end: number, confidence: number, rule: string): void => {
    if (end > start) out.push({ start, end, type: 'location', confidence, rule });
  };
  const nameLike = (t: Token): boolean => {
    if (t.initial || NOT_FACILITY.has(t.key) || t.info.credential || t.month || t.digitAttached) return false;
    // Lower case in a mixed-case note: only a word in no list (`from er ashgrove campus`).
    if (ctx.casing === 'mixed' && !t.cap)
      return (
        t.info.english === undefined && !t.info.medical && !t.info.stop && !t.info.clipped && !t.info.misspelt
      );
    return true;
  };

  // Facility names: up to three name-like words before a facility word.
  forEachMatch(FACILITY_RE, text, (m) => {
    // The facility word is a token; the name is the run of words just before it.
    const at = ctx.indexAt(m.index);
    if (at < 1) return;
    let k = at - 1;
    let first = -1;
    let count = 0;
    while (k >= 0 && count < 3) {
      const t = tokens[k]!;
      const gap = text.slice(t.end, count === 0 ? m.index : tokens[k + 1]!.start);
      if (!/^[ \t]{1,2}$|^[ \t]*-[ \t]*$/.test(gap)) break;
      if (!nameLike(t)) break;
      // Common English words are kept only inside a run that has a capital or in caps notes.
      first = k;
      count++;
      k--;
    }
    const word = m[0].toLowerCase();
    if (first < 0) {
      // `Memorial Hospital`, `General Hospital`: the first word is the name.
      const next = tokens[at + 1];
      if (/^(?:memorial|general)[ \t]+(?:hospital|hosp)$/.test(word) && next) {
        if (ctx.casing !== 'mixed' || tokens[at]!.cap)
          push(m.index, m.index + (/^\p{L}+/u.exec(m[0])?.[0].length ?? 0), 0.7, 'location/facility');
      }
      return;
    }
    const strongWord =
      /hospital|hosp|memorial|medical|rehab|nursing|manor|assisted|campus|infirmary|hospice|vamc/.test(word);
    const run = tokens.slice(first, at);
    // `cardiac rehab`, `cont cardiac`: a run of medical or clipped words is not a name.
    // `Silver Lake rehab`: common words written as a name (capitalised in a mixed-case note) are one.
    // `UNION MEMORIAL`: a common word before `memorial` is a hospital's name.
    // `Last dialysis 11/4 at ...`: one common word capitalised because it starts a sentence is no name.
    const sentenceStart = /(?:^|[.!?:;]\s+|\n\s*)$/.test(
      text.slice(Math.max(0, tokens[first]!.start - 4), tokens[first]!.start),
    );
    const capitalisedOnlyToStart =
      run.length === 1 && sentenceStart && (run[0]!.info.english ?? 99) <= 35 && !run[0]!.info.given;
    const writtenAsName =
      (ctx.casing === 'mixed' && run.every((t) => t.cap) && !capitalisedOnlyToStart) ||
      /^memorial$/.test(word);
    // `TRANSFERRED FROM CEDAR BLUFF CLINIC`, `D/C TO SILVER LAKE REHAB`: common words after a place cue.
    const placeCue = /(?:^|[^\p{L}])(?:from|to|at|in)[ \t]+(?:the[ \t]+)?$/iu.test(
      text.slice(Math.max(0, tokens[first]!.start - 10), tokens[first]!.start),
    );
    // `Heart Failure Clinic`, `Wound Center`: a medical word before the facility word names a service.
    const lastWord = run[run.length - 1]!;
    const notAllMedical =
      run.some((t) => !t.info.medical) && !lastWord.info.medical && !SERVICE_WORDS.has(lastWord.key);
    if (placeCue && notAllMedical && ctx.casing !== 'mixed') {
      // fall through: a name written in the note's only case after `from`, `to`, `at`
    } else if (
      !writtenAsName &&
      run.every(
        (t) =>
          t.info.medical ||
          // `cont rehab` is no place; `barth campus` is (a surname that also starts an English word).
          (t.info.clipped && !(strongWord && (t.info.family || t.info.given))) ||
          (t.info.english ?? 99) <= 20,
      )
    )
      return;
    if (!strongWord && !run.some((t) => t.info.english === undefined)) {
      // Common words only: a name when written as one (mixed case) or after `from`, `to`, `at`.
      // In a note without capitals, one word of the name must be uncommon (`at one time during` is no place).
      const uncommon = ctx.casing !== 'lower' || run.some((t) => (t.info.english ?? 99) >= 35);
      const byContext = ((writtenAsName && ctx.casing !== 'lower') || placeCue) && notAllMedical && uncommon;
      if (!byContext) return;
    }
    const includeWord = /memorial|general|manor/.test(word);
    push(
      tokens[first]!.start,
      includeWord ? m.index + m[0].length : tokens[at - 1]!.end,
      0.8,
      'location/facility',
    );
  });

  // University of X.
  forEachMatch(UNIVERSITY_RE, text, (m) => {
    const group = m[1] ?? m[2] ?? '';
    const gs = m.index + m[0].length - group.length;
    const words = group.split(/[ \t]+/);
    const firstKey = words[0]!.toLowerCase();
    if (NOT_FACILITY.has(firstKey) && firstKey !== 'maryland') return;
    let end = gs + words[0]!.length;
    const second = words[1];
    if (second && book.place(`${firstKey} ${second.toLowerCase()}`)) end = gs + group.length;
    push(m.index, end, 0.85, 'location/university');
  });

  // Wards: to Brightwater 3.
  forEachMatch(WARD_RE, text, (m) => {
    const ws = m.indices?.[1]?.[0] ?? -1;
    const i = ctx.indexAt(ws);
    const t = tokens[i];
    if (!t || t.initial || t.month) return;
    const w = t.info;
    // `transferred to Sterling 2`: after a transfer, a name (not a common word) with a number is a ward.
    const afterTransfer =
      /(?:transferred|transfered|transfer|xfer|moved|sent)[ \t]+to[ \t]+(?:the[ \t]+)?$/i.test(
        text.slice(Math.max(0, t.start - 24), t.start),
      );
    const nameWard =
      afterTransfer && (w.given || w.family) && !w.medical && !w.stop && !GENERIC_WARD_WORDS.has(t.key);
    if (
      !nameWard &&
      (w.english !== undefined ||
        w.medical ||
        w.stop ||
        w.clipped ||
        w.misspelt ||
        UNIT_ABBREVIATIONS.has(t.key))
    )
      return;
    if (t.key.length < 4) return;
    push(t.start, t.end, 0.8, 'location/ward');
  });

  // Hospital abbreviations after a transfer: flown to CMH.
  forEachMatch(TRANSFER_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const t = tokens[i]!;
    if (
      t.upper &&
      t.key.length >= 2 &&
      t.key.length <= 5 &&
      !UNIT_ABBREVIATIONS.has(t.key) &&
      !t.info.medical
    ) {
      if (t.info.english !== undefined && t.info.english <= 50) return;
      push(t.start, t.end, 0.7, 'location/abbreviation');
      return;
    }
    // Capitalised words after a transfer in a mixed-case note, one of them unlisted: `Mercy Northfold`.
    if (ctx.casing === 'mixed' && t.cap && !t.upper && !t.month && !t.info.stop) {
      let last = i;
      while (
        last + 1 < tokens.length &&
        last - i < 2 &&
        tokens[last + 1]!.cap &&
        !tokens[last + 1]!.month &&
        /^[ \t]$/.test(text.slice(tokens[last]!.end, tokens[last + 1]!.start))
      )
        last++;
      const run = tokens.slice(i, last + 1);
      if (
        run.length > 1 &&
        run.some((r) => unlistedWord(r) && r.key.length >= 4) &&
        !run.some((r) => r.info.medical)
      ) {
        push(t.start, tokens[last]!.end, 0.65, 'location/transfer');
        return;
      }
    }
    // A capitalised unknown word after a transfer: a place's name (Holloway hospital, Ashgrove campus).
    if (
      t.cap &&
      !t.upper &&
      t.info.english === undefined &&
      !t.info.medical &&
      !t.info.stop &&
      t.key.length >= 3 &&
      !t.month
    ) {
      push(t.start, t.end, 0.65, 'location/transfer');
      return;
    }
    // In a note without capitals, an unlisted word after a transfer (`transferred to 209 ashcombe`).
    if (
      !t.cap &&
      ctx.casing !== 'upper' &&
      unlistedWord(t) &&
      t.key.length >= 5 &&
      !(ctx.casing === 'mixed' && t.info.given)
    ) {
      push(t.start, t.end, 0.6, 'location/transfer');
    }
  });

  // `Institution: Mercy Northfold, 12 Elm St`: the value of an institution label, to the end of its field.
  forEachMatch(INSTITUTION_LABEL_RE, text, (m) => {
    const start = m.index + m[0].length;
    const i = ctx.indexAt(start);
    if (i < 0 || tokens[i]!.start !== start) return;
    let last = -1;
    for (let k = i; k < tokens.length && k < i + 6; k++) {
      const t = tokens[k]!;
      if (
        k > i &&
        !/^[ \t]{1,2}$|^[ \t]*[-'’&][ \t]*$|^\.[ \t]$/.test(text.slice(tokens[k - 1]!.end, t.start))
      )
        break;
      if (t.month || /^(?:unknown|none|na|n\/a|not|see)$/.test(t.key)) break;
      last = k;
    }
    if (last >= 0) push(tokens[i]!.start, tokens[last]!.end, 0.85, 'location/label');
  });

  // St Mary (hospital), Holy Cross, Sacred Heart.
  forEachMatch(SAINT_RE, text, (m) => {
    const name = m[1];
    if (name === undefined) {
      push(m.index, m.index + m[0].length, 0.75, 'location/saint');
      return;
    }
    const i = ctx.indexAt(m.index + m[0].length - name.length);
    const t = tokens[i];
    if (!t || (ctx.casing === 'mixed' && !t.cap)) return;
    // `Mercy Northfold`, `Providence Ashby`: a denomination, then a town's name or a word nobody listed.
    const denomination = /^(?:mercy|providence|baptist|methodist|presbyterian|adventist|lutheran)/i.test(
      m[0],
    );
    if (denomination) {
      if (!(unlistedWord(t) || book.place(t.key)?.includes('city'))) return;
      if (t.info.medical || t.info.stop || t.month) return;
      push(m.index, t.end, 0.75, 'location/saint');
      return;
    }
    if (!(t.info.given || t.info.family)) return;
    if (t.info.english !== undefined && t.info.english <= 35) return;
    push(m.index, t.end, 0.75, 'location/saint');
  });

  forEachMatch(U_STATE_RE, text, (m) => {
    const state = (m[1] ?? '').toLowerCase();
    if (book.place(state)?.includes('state'))
      push(m.index, m.index + m[0].length, 0.8, 'location/university');
  });

  // Hospital abbreviations after a place word, one token back (or two over `the`):
  // - shaped like a hospital's (`in GH`, `leave BWH`, `from the KSMC`, `to kh cath lab`), any casing,
  //   confident enough to teach the other places the note names them;
  // - any other unlisted capitals (`at CMH`, `leave CMH`) in notes that are not all capitals.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^[ \t]*\d/.test(text.slice(t.end, t.end + 3))) continue;
    const prev = tokens[i - 1]!;
    const overThe = prev.key === 'the' && i >= 2 ? tokens[i - 2]! : undefined;
    const cue = (p: Token, words: RegExp, gap: RegExp): boolean =>
      words.test(p.key) && gap.test(text.slice(p.end, t.start));
    if (
      hospitalAcronym(t, ctx.casing) &&
      cue(overThe ?? prev, /^(?:at|to|from|leave|left|into|in)$/, /^[ \t]+(?:the[ \t]+)?$/i)
    ) {
      push(t.start, t.end, 0.8, 'location/abbreviation');
      continue;
    }
    if (
      ctx.casing !== 'upper' &&
      t.upper &&
      t.key.length >= 2 &&
      t.key.length <= 4 &&
      !UNIT_ABBREVIATIONS.has(t.key) &&
      !t.info.medical &&
      !(t.info.english !== undefined && t.info.english <= 50) &&
      cue(prev, /^(?:at|to|from|leave|left|into)$/, /^[ \t]+$/)
    )
      push(t.start, t.end, 0.65, 'location/abbreviation');
  }

  // Wards: an unlisted word and a small number (`Brightwater 2 when bed available`).
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.info;
    if (
      t.key.length < 5 ||
      w.english !== undefined ||
      w.medical ||
      w.stop ||
      w.clipped ||
      (w.misspelt && !(ctx.casing === 'mixed' && t.cap)) ||
      t.month
    )
      continue;
    // `CABGx3`, `stoolsx2`: a count, not a ward.
    if (t.digitAttached && /x$/i.test(t.key)) continue;
    const prevWord = tokens[i - 1]?.key ?? '';
    const placeCue = /^(?:to|from|on|at|in|onto|transfer|transferred)$/.test(prevWord);
    // A lower-case word in a mixed-case note needs a cue unless no dictionary knows a word that long.
    const longUnlisted = t.key.length >= 7 && unlistedWord(t);
    if (w.given || (ctx.casing === 'mixed' && !t.cap && !placeCue && !longUnlisted) || /-/.test(t.key))
      continue;
    const after = /^[ \t]{0,2}(\d{1,2})(?=[ \t.,;)\n]|$)(.{0,12})/su.exec(text.slice(t.end, t.end + 16));
    if (!after || Number(after[1]) > 12) continue;
    if (
      /^[ \t]*(?:mg|mcg|gm?|g\b|units?|u\b|cc|ml|l\b|%|x\b|hrs?|hours?|mins?|days?|d\b|wks?|weeks?|months?|mos?\b|yrs?|years?|times|amps?|tabs?|mm|cm|kg|meq)/i.test(
        after[2] ?? '',
      )
    )
      continue;
    if (
      i > 0 &&
      /\d[ \t]*$/.test(text.slice(Math.max(0, t.start - 4), t.start)) &&
      !/^[ \t]*\d{3}[ \t]*$/.test(text.slice(Math.max(0, t.start - 5), t.start))
    )
      continue;
    push(t.start, t.end, 0.65, 'location/ward');
  }

  // Towns after a cue, when the lexicon knows them.
  forEachMatch(TOWN_CUE_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const a = tokens[i]!;
    if (ctx.casing === 'mixed' && !a.cap) return;
    const b = tokens[i + 1];
    if (b && /^[ \t]$/.test(text.slice(a.end, b.start))) {
      const kinds2 = book.place(`${a.key} ${b.key}`);
      if (kinds2) {
        push(a.start, b.end, 0.8, 'location/town');
        return;
      }
    }
    if (/-/.test(a.key)) return;
    // `lives with wife in Fox Hollow`: two capitalised words after a place cue, in a mixed-case note.
    if (
      ctx.casing === 'mixed' &&
      b !== undefined &&
      a.cap &&
      b.cap &&
      !a.upper &&
      !b.upper &&
      /^[ \t]$/.test(text.slice(a.end, b.start)) &&
      ![a, b].some((t) => t.info.stop || t.info.medical || t.month || NOT_FACILITY.has(t.key))
    ) {
      push(a.start, b.end, 0.7, 'location/town');
      return;
    }
    const kinds = book.place(a.key);
    if (
      kinds &&
      !kinds.includes('state') &&
      !a.info.medical &&
      !(a.info.english !== undefined && a.info.english <= 35)
    ) {
      push(a.start, a.end, 0.75, 'location/town');
      return;
    }
    // `moved to Yarrow`, `wohnhaft in Sterling`: a capitalised word that is no common word, in a
    // mixed-case note, after a place cue.
    if (
      ctx.casing === 'mixed' &&
      a.cap &&
      !a.upper &&
      a.key.length >= 4 &&
      !a.info.stop &&
      !a.info.medical &&
      !a.month &&
      !NOT_FACILITY.has(a.key) &&
      !(book.place(a.key)?.includes('state') ?? false) &&
      (a.info.english === undefined || a.info.english >= 50)
    ) {
      push(a.start, a.end, 0.65, 'location/town');
      return;
    }
    // `LIVES WITH WIFE IN MAPLE RIDGE.`, `moved to ashmere in 1994`: in a note written in one case, the
    // one or two words a residence cue names, up to the end of the phrase.
    if (ctx.casing !== 'mixed' && RESIDENCE_CUE.test(m[0])) {
      const words = [a];
      if (
        b &&
        /^[ \t]$/.test(text.slice(a.end, b.start)) &&
        !/^(?:in|on|at|with|and|since|for|x)$/.test(b.key)
      )
        words.push(b);
      const last = words[words.length - 1]!;
      const ends =
        /^[ \t]*(?:[.,;:)(]|\n|$|in[ \t]+(?:19|20)?\d\d|in[ \t]+'\d\d|with[ \t]|and[ \t]|since[ \t])/i.test(
          text.slice(last.end, last.end + 12),
        );
      const plain = (t: Token): boolean =>
        !t.info.stop &&
        !t.info.medical &&
        !t.month &&
        !t.digitAttached &&
        !NOT_FACILITY.has(t.key) &&
        !UNIT_ABBREVIATIONS.has(t.key) &&
        !DWELLINGS.has(t.key) &&
        !(book.place(t.key)?.includes('state') ?? false) &&
        t.key.length >= 3;
      if (ends && words.every(plain) && !book.place(words.map((t) => t.key).join(' '))?.includes('state')) {
        push(a.start, last.end, 0.65, 'location/town');
        return;
      }
    }
    // `wife in Staxenville`, `moved to GLENHOLLOW`: a word nobody listed after a place cue.
    const w = a.info;
    if (
      a.key.length >= 4 &&
      !a.digitAttached &&
      w.english === undefined &&
      !w.medical &&
      !w.stop &&
      !w.clipped &&
      !w.misspelt &&
      !w.given &&
      !a.month &&
      !UNIT_ABBREVIATIONS.has(a.key) &&
      !(a.upper && a.key.length <= 4 && ctx.casing !== 'upper')
    ) {
      push(a.start, a.end, 0.65, 'location/town');
    }
  });

  // `12 Elm Street, Fairhaven`: the town after a street address.
  forEachMatch(STREET_TOWN_RE, text, (m) => {
    const range = m.indices?.[1];
    if (!range) return;
    const i = ctx.indexAt(range[0]);
    if (i < 0) return;
    const run: Token[] = [];
    for (let k = i; k < tokens.length && tokens[k]!.end <= range[1]; k++) run.push(tokens[k]!);
    if (
      run.length === 0 ||
      run.some((t) => t.info.stop && !(t.info.given || t.info.family)) ||
      run.some((t) => t.month)
    )
      return;
    if (ctx.casing === 'mixed' && run.some((t) => !t.cap)) return;
    const state = run[0] !== undefined && book.place(run.map((t) => t.key).join(' '))?.includes('state');
    if (state) return;
    push(range[0], range[1], 0.8, 'location/street-town');
  });

  // Employers: `retired machinist from Ashgrove Fire Department`, `works at Larkspur Credit Union`.
  forEachMatch(EMPLOYER_RE, text, (m) => {
    const i = ctx.indexAt(m.index + m[0].length);
    if (i < 0) return;
    const first = tokens[i]!;
    const second = tokens[i + 1];
    // `works for lumen health`: any word before an organisation word names the organisation.
    // `kestrel point fire department`: an organisation word within the next three words.
    let orgAt = -1;
    for (let k = i + 1; k < tokens.length && k <= i + 3; k++) {
      if (!/^[ \t]{1,2}(?:&[ \t]+)?$/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) break;
      if (ORGANISATION_WORDS.has(tokens[k]!.key)) {
        orgAt = k;
        break;
      }
    }
    const orgNext =
      second !== undefined &&
      orgAt > i &&
      !first.info.stop &&
      !NOT_FACILITY.has(first.key) &&
      tokens.slice(i, orgAt).every((t) => !t.info.stop && !t.info.medical && !t.month);
    const firstOk =
      orgNext ||
      (ctx.casing === 'mixed'
        ? first.cap && !first.info.stop && !NOT_FACILITY.has(first.key)
        : first.info.english === undefined && !first.info.medical && !first.info.stop && !first.info.clipped);
    if (!firstOk || first.month || first.digitAttached) return;
    let last = i;
    for (let k = i + 1; k < tokens.length && k < i + 4; k++) {
      const t = tokens[k]!;
      if (!/^[ \t]{1,2}(?:&[ \t]+)?$/.test(text.slice(tokens[k - 1]!.end, t.start))) break;
      const more =
        ctx.casing === 'mixed' ? t.cap : ORGANISATION_WORDS.has(t.key) || t.info.english === undefined;
      if (!more || (t.info.stop && !ORGANISATION_WORDS.has(t.key))) break;
      last = k;
    }
    if (orgNext && orgAt > last) {
      last = orgAt;
      while (
        last + 1 < tokens.length &&
        ORGANISATION_WORDS.has(tokens[last + 1]!.key) &&
        /^[ \t]{1,2}$/.test(text.slice(tokens[last]!.end, tokens[last + 1]!.start))
      )
        last++;
    }
    push(first.start, tokens[last]!.end, 0.7, 'location/employer');
  });

  // `Coldbrook, MD`, `Fort Mill, SC 29715`, `Elm Street, Fairhaven, Ohio`: a town before its state.
  forEachMatch(CITY_STATE_RE, text, (m) => {
    const city = m[1] ?? '';
    const state = (m[2] ?? '').toLowerCase().replace(/\./g, '');
    if (!STATE_CODES.has(state) && !book.place(state)?.includes('state')) return;
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const i = ctx.indexAt(start);
    if (i < 0) return;
    const words = city.split(/[ \t]+/).length;
    const run = tokens.slice(i, i + words);
    const knownTown = book.place(city.toLowerCase())?.includes('city') === true && run.length > 1;
    const functionWord = (t: Token): boolean => t.info.stop && (t.info.english ?? 99) <= 10 && !knownTown;
    if (
      run.some(
        (t) => (t.info.medical && !t.info.stop) || functionWord(t) || NOT_FACILITY.has(t.key) || t.month,
      )
    )
      return;
    if (ctx.casing === 'mixed' && run.some((t) => !t.cap)) return;
    if (
      run.every((t) => t.info.english !== undefined && t.info.english <= 35) &&
      ctx.casing !== 'mixed' &&
      !knownTown
    )
      return;
    // With a ZIP code after it, the line is a postal address: the state goes with the town.
    const stateEnd = m.index + m[0].length;
    const withZip = /^[ \t]+\d{5}/.test(text.slice(stateEnd, stateEnd + 8));
    push(start, withZip ? stateEnd : start + city.length, 0.75, 'location/city-state');
  });

  // `from Lisbon`, `from Silver Spring`: a US place the lexicon knows after `from`, `in`, `near`.
  for (let i = 1; i < tokens.length; i++) {
    const p = tokens[i - 1]!;
    const t = tokens[i]!;
    if (!/^(?:from|in|near)$/.test(p.key) || !/^[ \t]+$/.test(text.slice(p.end, t.start))) continue;
    if (ctx.casing === 'mixed' && !t.cap) continue;
    const n = tokens[i + 1];
    const two = n ? book.place(`${t.key} ${n.key}`) : undefined;
    if (n && two && !two.includes('state') && /^[ \t]$/.test(text.slice(t.end, n.start))) {
      const common = (x: Token): boolean => x.info.english !== undefined && x.info.english <= 50;
      if ((ctx.casing !== 'mixed' || n.cap) && !(common(t) && common(n))) {
        push(t.start, n.end, 0.7, 'location/town');
        continue;
      }
    }
    const w = t.info;
    const kinds = book.place(t.key);
    if (!kinds || kinds.includes('state') || w.medical || w.stop || w.given || t.month || t.key.length < 4)
      continue;
    if (w.english !== undefined && w.english <= 60) continue;
    push(t.start, t.end, 0.65, 'location/town');
  }

  // `in Thornwick`, `from Ashgrove`: a capitalised word nobody listed after a place preposition.
  if (ctx.casing === 'mixed') {
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      const p = tokens[i - 1]!;
      if (!t.cap || t.upper || t.key.length < 4 || !/^(?:in|from|near)$/.test(p.key)) continue;
      if (!/^[ \t]+$/.test(text.slice(p.end, t.start))) continue;
      const w = t.info;
      if (w.english !== undefined || w.medical || w.stop || w.clipped || w.misspelt || w.given || t.month)
        continue;
      push(t.start, t.end, book.place(t.key) ? 0.75 : 0.6, 'location/after-preposition');
    }
  }
}
