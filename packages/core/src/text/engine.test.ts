/**
 * The free-text PHI engine on synthetic clinical text: every pattern family, every casing, the
 * medical vocabulary that must stay, and the policy's text settings. All text here is invented.
 */
import { describe, expect, it } from '@jest/globals';
import { createPseudonymizer } from '../pseudonym/pseudonymizer.js';
import { resolvePolicyDocument } from '../policy/resolve.js';
import { createTextEngine, createTextPhiDetector } from './index.js';
import type { TokenModel } from './model/index.js';

const detector = createTextPhiDetector();

/** The text of every span found in `text`, with its type. */
function found(text: string): Array<[string, string]> {
  return detector.detect(text).map((s) => [text.slice(s.start, s.end), s.type]);
}

/** True when some span covers the first occurrence of `needle`. */
function covered(text: string, needle: string, spans = detector.detect(text)): boolean {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test text lacks ${needle}`);
  return spans.some((s) => s.start <= at && s.end >= at + needle.length);
}

describe('dates in clinical notes', () => {
  it.each([
    ['WELL UNTIL 9/14 WHEN SHE CAME IN', '9/14'],
    ['s/p valve repair 3/9- neuro intact', '3/9'],
    ['admitted 6/11-6/15 for CHF', '6/15'],
    ['extubated on 5/27. EF 35%', '5/27'],
    ['s/p fall on 4/18/21. hip fx', '4/18/21'],
    ['s/p wrist fx3/94, ankle fx 6/94', '3/94'],
    ["breast CA'91, asthma", '91'],
    ["QUIT SMOKING 74'. ASTHMA", '74'],
    ['S/P CABG 1964, 1979', '1979'],
    ['knee replaced in jan. 2013. she had', '2013'],
    ['says that today is 14th Feb, 1977.', '14th'],
    ['oriented x2, thinks it is 1987.', '1987'],
    ['PMH: DM2, COPD, NSTEMI 14. CKD.', '14'],
    ['PMH: HTN. 07 CABG x2. 12 stent to RCA', '07'],
    ['SEPSIS WORKUP. BC FROM 4-7 GREW GNR', '4-7'],
    ['blood cultures from 3/5 negative to date', '3/5'],
    ['NPN 4/4 3P-11P\nPMH: DM2', '4/4'],
    ['DISCUSSED WITH HCP ON 5/5, FORM SIGNED.', '5/5'],
    ['Abx day 5 of 7 (11/11-11/13). VSS', '11/11'],
    ['F/U 5/10 with Dr Zorn in clinic', '5/10'],
    ['Compared with 1/2. No change.', '1/2'],
    ['in june of 2019 pt was', '2019'],
    ['f/u june 5 with cardiology', 'june 5'],
    ['unchanged since february 18th per family', 'february 18th'],
    ['admitted 6/8- 6/12 for sepsis', '6/12'],
    ['Untersuchung vom 3. März 2024', '3. März 2024'],
    ['el 15 de marzo de 2024', '15 de marzo de 2024'],
    ['esame del 3 marzo 2021, controllo', '3 marzo 2021'],
    ['consulta em 12 de março de 2019', '12 de março de 2019'],
    ['onderzoek op 7 mei 2022 verricht', '7 mei 2022'],
  ])('finds the date in %j', (text, date) => {
    expect(covered(text, date)).toBe(true);
  });

  it.each([
    'MAE, STRENGTH 5/5 BILAT',
    '2/6 SEM at the apex',
    'bolus of 1/2 NS given',
    'describes pain as 5/10 with movement',
    'PSV 10/5 with stable gases',
    'PLACED ON CPAP/PS 16/5/40% TOLERATING WELL',
    'PERRLA 3/3 brisk',
    'ABG 7.45/33/80 on 4L NC, BP 120/80, HR 88',
    'arrived to unit @ 1930, vanco given at 2000',
    'sheaths pulled @ present 1910. total intake 2015, uo 1960.',
    'CPAP trial on 6/6, tolerated, PS 12/5 overnight',
    's/p 2 stents, 12 PTCA attempts; EF 35. gave 3-5 liters of fluid',
    'put on 1st step mattress, 3rd degree burn, 5th ICS',
    'fluids 500-1000 cc over the day',
    'HR 100-120/70 overnight, may 2 units prbc if hct drops',
  ])('leaves the scores, settings and times in %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('phones, pagers and extensions', () => {
  it.each([
    ['Report approved by the fellow ext 4471; no bleed', '4471'],
    ['call son for updates: 617 204 5531 x12.', 'x12'],
    ['niece Odile- 305- 661- 2047.', '2047'],
    ['family can be reached at 718 5550147. pt', '5550147'],
    ['Pager #40712', '40712'],
    ['PG 38821', '38821'],
    ['reached at 375-3895 today', '375-3895'],
    ['husband (919/207/3361) agrees', '919/207/3361'],
    ['call DR. C. TYRGLANDSKI 925-3776 with wet read', '925-3776'],
    ['son Gwendal, joignable au 823-0887.', '823-0887'],
  ])('finds the number in %j', (text, number) => {
    expect(covered(text, number)).toBe(true);
  });
});

describe('names from context, in every casing', () => {
  const cases: Array<[string, string[]]> = [
    ['Dr. Veltrani and Oskarsen aware of low urine output.', ['Veltrani', 'Oskarsen']],
    ['Plan discussed with Drs Pellucci and Tamsker.', ['Pellucci', 'Tamsker']],
    ['stable overnight.\nlorna vesk rn\n', ['lorna vesk']],
    ['NO CHANGES MADE.\nGUNNAR T. HALVORSBRIK, RRT\n', ['GUNNAR T. HALVORSBRIK']],
    ['Social: Tobiah Wrenfield MD spoke with the family.', ['Tobiah Wrenfield']],
    ['LAB: K 5.9. K. DANBURY AWARE. KAYEXALATE GIVEN.', ['K. DANBURY']],
    ['SEEN AT 0900. G. HOLLISTER IN TO CHECK THE DRAIN.', ['G. HOLLISTER']],
    ['family speaks portuguese, 1 dtr mireille speaks some english.', ['mireille']],
    ['Social: wife, Odalys Brenneke, in to visit.', ['Odalys Brenneke']],
    ['the visiting nurse named Petra Lindqvist called.', ['Petra Lindqvist']],
    ['HO Castelvetro notified, no other interventions.', ['Castelvetro']],
    ['Report approved by Quillon Varnecke ext 4471.', ['Quillon Varnecke']],
    ['RESP CARE NOTE: MR VAN DER BERG IS A 50 YEAR OLD MAN.', ['VAN DER BERG']],
    ['per nadine okafor, wake and wean tonight.', ['nadine okafor']],
    ['PLAN FOR CT TAP. DANA KOWALCZYK (RESIDENT) TO FOLLOW UP.', ['DANA KOWALCZYK']],
    ['son ivo brandt (hcp) at bedside.', ['ivo brandt']],
    ['MR LOMAXEN HAD A GOOD DAY TODAY.', ['LOMAXEN']],
    ['UOP LOW WITH HIGH PAPS, J HALVERSON ORDERED DOPAMINE.', ['J HALVERSON']],
    ['pedal pulses by doppler. grace wendoza aware.', ['grace wendoza']],
    ['Discharge Date: 2 JUN 2005\nName: velkaro  unit no. 003568', ['velkaro']],
    ['Patient Name: BRANDT^IVO^K  Protocol Name: CT HEAD', ['BRANDT^IVO^K']],
    ['restless overnight.\nKoxbruthen, R.N.\n', ['Koxbruthen']],
    ['Discussed with vurnaleva RRT; will follow up.', ['vurnaleva']],
    ['covering resident dr b. park, pager 37803', ['b. park']],
    ['Sonographer ROSENTHAL. Report sent to the ward.', ['ROSENTHAL']],
    ['Paciente Kexo Blackwood, de 81 años, ingresó ayer.', ['Kexo Blackwood']],
    ['Pt asking for Annegret, dtr aware.', ['Annegret']],
    ['pt requests chaplain; tendai querkell from pastoral care called', ['tendai querkell']],
    ['Requested by Z Dolthastova PA-C, St. Adalbert Hospital', ['Z Dolthastova']],
    ['CT HEAD W/O / Operator: isla', ['isla']],
    ['DATE: 1998-09-02\nPATIENT: maricel  MRN 147431', ['maricel']],
    ['Patiente vue par le Dr park au centre.', ['park']],
    ['Patient zeke fitzgerald, 103 Jahre, wohnhaft in Ulm.', ['zeke fitzgerald']],
    ['Discussed with s asante PA-C; will follow up.', ['s asante']],
    ['Study comments: VSS, BP 120/80; tech VAN DER BERG', ['VAN DER BERG']],
    ['Study comments: body coil; tech Verna', ['Verna']],
    ['CT HEAD / Pt de Vries - repeat imaging requested', ['de Vries']],
    ['Requested by adaeze mutasa, RN, University Hospital', ['adaeze mutasa']],
    ['Valorado por el Dr. Merriweather el 21 de marzo.', ['Merriweather']],
    ['Seen by Dr de Vries and Dr. de la Cruz today.', ['de Vries', 'de la Cruz']],
    ['Mammography CAD report. Patient n. saldaña, MRN 82808222.', ['n. saldaña']],
    ['discussed with f park, md; will f/u on ct results.', ['f park']],
    ['REPORT GIVEN TO VAN DER BERG. GCS 14.', ['VAN DER BERG']],
    ['S: "Marguerite, where is my bag?" O: afebrile', ['Marguerite']],
    ['titrate drip per k voss. lines secured', ['k voss']],
    ['wife here since noon, thanked pt, Howard. son driving in', ['Howard']],
  ];
  it.each(cases)('finds the names in %j', (text, names) => {
    for (const name of names) expect([name, covered(text, name)]).toEqual([name, true]);
  });

  it('finds the same names whether the note is mixed case, ALL CAPS or all lower case', () => {
    const note =
      'Pt seen by Dr. Zabrowski this am. Daughter Ingrid Castellanos called and was updated. ' +
      'Plan reviewed with Dr. Mbeki; Tomasz remains on levophed.';
    for (const text of [note, note.toUpperCase(), note.toLowerCase()]) {
      for (const name of ['zabrowski', 'ingrid castellanos', 'mbeki']) {
        const at = text.toLowerCase().indexOf(name);
        const spans = detector.detect(text);
        expect([
          text.slice(0, 12),
          name,
          spans.some((s) => s.start <= at && s.end >= at + name.length),
        ]).toEqual([text.slice(0, 12), name, true]);
      }
    }
  });

  it('finds a name wherever it recurs once context has shown it is one', () => {
    const text =
      'Spoke with Dr. Ostrava about the plan. Later Ostrava ordered a CXR; ostrava aware of results.';
    const spans = detector.detect(text);
    let count = 0;
    for (
      let at = text.toLowerCase().indexOf('ostrava');
      at >= 0;
      at = text.toLowerCase().indexOf('ostrava', at + 1)
    ) {
      expect(spans.some((s) => s.start <= at && s.end >= at + 7)).toBe(true);
      count++;
    }
    expect(count).toBe(3);
  });
});

describe('words learned from the other texts of a record', () => {
  const record = [
    'Findings discussed with Dr. Ostravik by phone.',
    'Patient transferred to Brightwater 3 overnight.',
    'CT head without contrast. Stable.',
  ];

  it('finds a bare name or place that context showed to be PHI in another text', () => {
    const learned = detector.learn(record);
    expect(learned).toEqual([
      { word: 'brightwater', type: 'location' },
      { word: 'ostravik', type: 'name' },
    ]);
    const text = 'Ostravik agrees; plan to return to Brightwater when stable.';
    expect(found(text)).toEqual([]);
    expect(detector.detect(text, { learned }).map((s) => [text.slice(s.start, s.end), s.type])).toEqual([
      ['Ostravik', 'name'],
      ['Brightwater', 'location'],
    ]);
  });

  it('learns the same words whatever the order of the texts, and nothing from clinical text', () => {
    expect(detector.learn([...record].reverse())).toEqual(detector.learn(record));
    expect(detector.learn(['CT head without contrast. Foley in place.', ''])).toEqual([]);
  });

  it('keeps a site allow list over learned words', () => {
    const engine = createTextPhiDetector({ allow: ['Ostravik'] });
    const text = 'Ostravik agrees.';
    expect(engine.detect(text, { learned: detector.learn(record) })).toEqual([]);
  });
});

describe("other people's names from the same record", () => {
  it('finds them in any case and order as names; ordinary words among them are not searched alone', () => {
    const text = 'Wrenfield reviewed; TOBIAH agrees. The CT tech left. Head CT stable.';
    const spans = detector.detect(text, {
      knownNames: ['WRENFIELD^TOBIAH', 'Tobiah Wrenfield', 'TECH', 'HEAD'],
    });
    expect(spans.map((s) => [text.slice(s.start, s.end), s.type])).toEqual([
      ['Wrenfield', 'name'],
      ['TOBIAH', 'name'],
    ]);
  });
});

describe('places and institutions', () => {
  it.each([
    ['PT WAS ADMITTED TO HOLLOWAY MEMORIAL FOR A SYNCOPAL EPISODE', 'HOLLOWAY'],
    ['81y/o male transferred from good samaritan hosp this morning', 'good samaritan'],
    ['Pt seen at University of Vermont ER with chest pain', 'Vermont'],
    ['transfer to Brightwater 4 when a bed is available', 'Brightwater'],
    ['She was flown to CMH and went to the cath lab.', 'CMH'],
    ['last spring pt was in St Brigid hospital with sepsis', 'St Brigid'],
    ['Owns a garage in Thornwick. Greek speaking.', 'Thornwick'],
    ['son is driving up tomorrow from Lisbon.', 'Lisbon'],
    ['oriented, knows he is in BWH and what year it is', 'BWH'],
    ['PLAN: DISCUSS CONSULT FROM THE KSMC TEAM', 'KSMC'],
    ['to kh cath lab this am, back at 1400', 'kh'],
    ['pt transferred to 412 ashcombe tonight.', 'ashcombe'],
    ['Pt oriented: knows she is in the hospital ("Quenby Building").', 'Quenby'],
    ['cont lopressor, then ashcombe 2 when stable', 'ashcombe'],
    ['daughter visited today from Fort Mill, SC', 'Fort Mill'],
    ['social: lives at 2904 bellweather place, glenhollow, tx 76472, with dtr.', '2904 bellweather place'],
    ['social: lives at 2904 bellweather place, glenhollow, tx 76472, with dtr.', '76472'],
    ['SOCIAL: LIVES AT 3836 BREXIK DR., THOSHUSTDALE, CT 67323, WITH WIFE', '3836 BREXIK DR.'],
    ['88 YO WOMAN TRANSFERRED FROM CEDAR BLUFF CLINIC FOR CATH', 'CEDAR BLUFF'],
    ['admitted from Kestrel Point Clinic with urosepsis', 'Kestrel Point'],
    ['Comparison: outside MRI (Lakeshore Regional).', 'Lakeshore'],
    ['PLAN: D/C TO SILVER LAKE REHAB WHEN BED AVAILABLE', 'SILVER LAKE'],
    ['ESRD on HD (MWF at Fox Hollow dialysis)', 'Fox Hollow'],
    ['Institution: Mercy Brookhaven, 5889 Cobble Hill Ave, Vairkdale, FL 87696', 'Mercy Brookhaven'],
    ['Institution: Mercy Brookhaven, 5889 Cobble Hill Ave, Vairkdale, FL 87696', '5889 Cobble Hill Ave'],
    ['Institution: Mercy Brookhaven, 5889 Cobble Hill Ave, Vairkdale, FL 87696', 'FL'],
    ['Institution: Mercy Brookhaven, 5889 Cobble Hill Ave, Vairkdale, FL 87696', '87696'],
    ['Outside study from Mercy Brookhaven dated 13 Feb 2019', 'Mercy Brookhaven'],
    ['admitted overnight, transferred from er barth campus. 58 yo m', 'barth'],
    ['worried about his business Lumatrex while here', 'Lumatrex'],
    ['Patient Lakshmi Ferrante, 95 Jahre, wohnhaft in Yarrow.', 'Yarrow'],
    ['Pt states she was born in New York and moved to Reenport in 1996.', 'Reenport'],
    ['Née le 06/10/1942 à Kourkrosford. Mari présent.', 'Kourkrosford'],
    ['OUTSIDE RECORDS FAXED FROM MERCY NORTHFOLD (FAX ATTACHED)', 'MERCY NORTHFOLD'],
    ['transferred to sterling 2 in stable condition', 'sterling'],
    ['SOCIAL: LIVES WITH WIFE IN MAPLE RIDGE. CV: STABLE', 'MAPLE RIDGE'],
    ['pt states she was born in kansas and moved to ashmere in 1994.', 'ashmere'],
    ['age 95, lives alone in kestrel point, was independent', 'kestrel point'],
    ['esrd on hd (mwf at kestrel point dialysis). resp: clear', 'kestrel point'],
    [
      'retired machinist from kestrel point fire department, lives with wife',
      'kestrel point fire department',
    ],
    ['Née le 16 juin 1978 à Coldharbor. Antécédents', 'Coldharbor'],
  ])('finds the place in %j', (text, place) => {
    expect(covered(text, place)).toBe(true);
  });

  it.each([
    'Pt is in SR without ectopy.',
    'transferred to the ICU from the OR',
    'begin cardiac rehab next week',
    'Protocol Name: CT HEAD WO. Station Name: CT01. Name: unknown',
    'OOB TO CH WITH PT. IN USOH UNTIL TODAY.',
    'increase in LVH on echo; no change in SAH; pH 7.31',
    'extubated 2 days ago, to step-down unit',
    'f/u in Heart Failure Clinic and the Wound Care Center; D/C TO CARDIAC REHAB',
    'transferred to bed 2, then to floor 4; moved to Chair for 2 hours',
    'lives at home with wife. lives alone in apt. lives with wife in house. sbp 80 at one time during dialysis',
    'Site: left forearm. Location: RLL. Comparison: prior CT of the chest',
  ])('keeps unit names and clinical words in %j', (text) => {
    expect(found(text).filter(([, type]) => type === 'location')).toEqual([]);
  });
});

describe('medical words that are not people', () => {
  it.each([
    'Foley catheter draining clear yellow urine.',
    "History of Parkinson's disease and Bell's palsy.",
    'Mobitz II block noted on telemetry; Wenckebach earlier.',
    'Swan-Ganz in place, PAD 18, wedge 14.',
    'Glasgow coma scale 14, Babinski negative.',
    'Levophed weaned, Lasix 40 mg IV, Coumadin held, Heparin gtt at 900 units.',
    'PICC placed in the right basilic vein.',
    'Whipple procedure in the past, Nissen fundoplication as well.',
    'HR 88 SR NO VEA. CONT LEVO. PERRLA. MAE. BS CLEAR. UOP ADEQUATE.',
    'cont to monitor. levo off. bair hugger on. riss per protocol.',
    '3 drains in place, 2 units in way, lives at home with wife',
    'dr will see pt in am. dr may call back. Patient tolerated well, no distress.',
    'RESP- PT INTUBATED/SEDATED. NOT CLEAR WHETHER PT DESATS; tech aware; pt ambulating - stable',
    'K+ repleted at 1pm. Last dialysis yesterday. PT STATES HE IS TIRED. PT ASKING FOR WATER, DTR AWARE.',
    'FAMILY AGREED TO KEEP PATIENT A COMFORT FOCUS.',
    'Ingresó el martes; valorado por el equipo. Patiente vue le matin, au calme. Aufnahme über die Notaufnahme.',
  ])('finds no PHI in %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('text without a digit', () => {
  it('still finds e-mail, web and IPv6 addresses, digit-free streets and age words', () => {
    const text =
      'Write to vera.okafor@example.org or see www.example.org; host fe80::abcd. Vive en Calle Mayor. A nonagenarian.';
    for (const needle of [
      'vera.okafor@example.org',
      'www.example.org',
      'fe80::abcd',
      'Calle Mayor',
      'nonagenarian',
    ])
      expect([needle, covered(text, needle)]).toEqual([needle, true]);
  });
});

describe('bad input', () => {
  it.each([
    ['a 20,000-letter word', 'a'.repeat(20_000)],
    ['20,000 titles', 'Dr. Smith and '.repeat(20_000)],
    ['a line of sign-offs', 'lorna vesk rn\n'.repeat(5_000)],
    ['initials without line breaks', 'Z. MILLER aware. '.repeat(10_000)],
    ['20,000 name labels', 'Name: '.repeat(20_000)],
    ['10,000 dotted credentials', 'Okonkwo, R.N. '.repeat(10_000)],
    ['particle runs', 'Dr van der de la '.repeat(10_000)],
  ])('returns spans without crashing on %s', (_label, text) => {
    expect(Array.isArray(detector.detect(text))).toBe(true);
  });
});

describe('the policy text section', () => {
  const policy = (text: Record<string, unknown>) => resolvePolicyDocument({ name: 't', text });
  const note = 'Seen by Dr. Zabrowski on 7/22 at Brightwater 3; call 410-555-0198. Scanner SIEMENS Skyra.';

  it('defaults: placeholders, confidence floor 0.5, every type', () => {
    const engine = createTextEngine(policy({}));
    expect(engine.redact(note).text).toBe(
      'Seen by Dr. [NAME] on [DATE] at [LOCATION] 3; call [PHONE]. Scanner SIEMENS Skyra.',
    );
  });

  it('disables types and honours allow and deny lists', () => {
    const engine = createTextEngine(
      policy({ disabledTypes: ['date'], allow: ['Brightwater'], deny: ['skyra'] }),
    );
    const out = engine.redact(note).text;
    expect(out).toContain('on 7/22');
    expect(out).toContain('at Brightwater 3');
    expect(out).toContain('SIEMENS [OTHER]');
    expect(out).not.toContain('Zabrowski');
  });

  it('surrogates: the same keyed fake name everywhere, digits replaced in place, dates moved by the offset', () => {
    const pseudonyms = createPseudonymizer(new Uint8Array(32).fill(7));
    const engine = createTextEngine(policy({ replacement: 'surrogate' }), { pseudonyms });
    const text = 'Dr. Zabrowski called. Zabrowski will return on 7/22; pager 40712.';
    const out = engine.redact(text, { dateOffsetDays: 3 }).text;
    expect(out).not.toMatch(/Zabrowski|40712|7\/22/);
    expect(out).toContain('7/25');
    const fake = /Dr\. (\S+) called\. (\S+) will/.exec(out);
    expect(fake?.[1]).toBe(fake?.[2]);
    expect(out).toMatch(/pager \d{5}\./);
    expect(engine.redact(text, { dateOffsetDays: 3 }).text).toBe(out);
  });

  it('rejects unknown keys and bad values at load', () => {
    expect(() => policy({ replacment: 'surrogate' })).toThrow();
    expect(() => policy({ minConfidence: 2 })).toThrow();
    expect(() => policy({ disabledTypes: ['names'] })).toThrow();
    expect(() => policy({ model: 'yes' })).toThrow();
  });

  it('model: off by default; on, the shipped token model runs beside the rules and the rules still find everything', () => {
    expect(policy({}).text.model).toBe(false);
    const withModel = createTextEngine(policy({ model: true }));
    const out = withModel.redact(note).text;
    expect(out).not.toMatch(/Zabrowski|7\/22|Brightwater|410-555-0198/);
    expect(out).toContain('Scanner SIEMENS Skyra.');
  });

  it("combines a model with the rules: a span only the model finds is reported, the rules' spans stay", () => {
    const text = 'Seen by Dr. Zabrowski. Vexmoor agreed.';
    const at = text.indexOf('Vexmoor');
    const model: TokenModel = {
      threshold: 0.99,
      sha256: 'test',
      predict: () => [{ start: at, end: at + 7, type: 'name', confidence: 0.995, rule: 'model/token' }],
      probabilities: () => new Float32Array(0),
    };
    const spans = createTextPhiDetector({ model }).detect(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Zabrowski', 'Vexmoor']);
  });
});
