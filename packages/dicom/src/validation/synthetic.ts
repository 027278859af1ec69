/**
 * Synthetic DICOM cases: a small CT image (Explicit VR Little Endian, written with dcmjs) carrying
 * synthetic identifying values in the places de-identifiers are known to miss, and an answer key that
 * lists every injected value and every technical value that must survive. Every person, number and
 * institution is invented; nothing is read from anywhere.
 */
import { createHash } from 'node:crypto';
import { shiftDate } from '../dates.js';
import { silenceDcmjs, writePart10, type DcmjsDataset, type DcmjsElement } from '../dcmjs-io.js';
import {
  SYNTHETIC_PLACES,
  type InjectedIdentifier,
  type MustKeepAttribute,
  type SyntheticCase,
  type SyntheticCaseOptions,
  type SyntheticPlace,
} from './types.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
/** A UID root for examples (the dcmtk example root), followed by numbers unique per seed and role. */
const UID_ROOT = '1.2.826.0.1.3680043.8.498';

const FAMILY = ['ZAWADZKI', 'QUILLFEATHER', 'VANTONGEREN', 'OYELARAN', 'MACCORQUODALE', 'BRZEZINSKA'];
const GIVEN = ['PHILOMENA', 'EVANDER', 'CASSIOPEIA', 'THADDEUS', 'ROSAMUND', 'LEOPOLDINE'];
const MIDDLE = ['ANSELM', 'GWENLLIAN', 'OSWIN', 'PERPETUA', 'LAURENTIUS', 'HILDEGUND'];

/** The synthetic subject and the values derived from the seed. */
interface Subject {
  readonly family: string;
  readonly given: string;
  readonly middle: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly birthDate: string;
  readonly n: string;
  uid(role: number): string;
}

function subjectOf(seed: number): Subject {
  const n = String(4471 + seed * 7);
  return {
    family: FAMILY[seed % FAMILY.length]!,
    given: GIVEN[(seed * 5 + 1) % GIVEN.length]!,
    middle: MIDDLE[(seed * 7 + 2) % MIDDLE.length]!,
    patientId: `MRN-${n}-${2093 + seed}`,
    studyDate: shiftDate('20240315', seed * 3)!,
    birthDate: shiftDate('19671123', -seed * 41)!,
    n,
    // Six digits per role and seed: no UID of a case is a prefix of another.
    uid: (role: number) => `${UID_ROOT}.${100000 + seed * 100 + role}`,
  };
}

const str = (vr: string, ...values: Array<string | number>): DcmjsElement => ({ vr, Value: values });
const pn = (...names: string[]): DcmjsElement => ({ vr: 'PN', Value: names.map((n) => ({ Alphabetic: n })) });
const sq = (...items: DcmjsDataset[]): DcmjsElement => ({ vr: 'SQ', Value: items });
function bytes(vr: string, data: Uint8Array): DcmjsElement {
  return { vr, Value: [data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)] };
}
/** Latin-1 bytes padded to an even length (with a space: text values). */
function latin1(text: string): Uint8Array {
  const padded = text.length % 2 === 1 ? `${text} ` : text;
  return Uint8Array.from(padded, (c) => c.charCodeAt(0));
}

/** 4x4 16-bit pixels, values under 4096: no two consecutive bytes are printable text. */
function pixelBytes(seed: number): Uint8Array {
  const data = new Uint16Array(16);
  for (let i = 0; i < data.length; i++) data[i] = (i * 257 + seed * 31 + 11) & 0x0fff;
  return new Uint8Array(data.buffer);
}

/** The must-keep technical attributes every case carries. */
const MUST_KEEP: ReadonlyArray<MustKeepAttribute> = [
  { keyword: 'ImageType', tag: '00080008', vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
  { keyword: 'SOPClassUID', tag: '00080016', vr: 'UI', value: [CT_IMAGE_STORAGE] },
  { keyword: 'Modality', tag: '00080060', vr: 'CS', value: ['CT'] },
  { keyword: 'SliceThickness', tag: '00180050', vr: 'DS', value: [1.25] },
  { keyword: 'KVP', tag: '00180060', vr: 'DS', value: [120] },
  { keyword: 'SamplesPerPixel', tag: '00280002', vr: 'US', value: [1] },
  { keyword: 'PhotometricInterpretation', tag: '00280004', vr: 'CS', value: ['MONOCHROME2'] },
  { keyword: 'Rows', tag: '00280010', vr: 'US', value: [4] },
  { keyword: 'Columns', tag: '00280011', vr: 'US', value: [4] },
  { keyword: 'PixelSpacing', tag: '00280030', vr: 'DS', value: [0.5, 0.5] },
  { keyword: 'BitsAllocated', tag: '00280100', vr: 'US', value: [16] },
  { keyword: 'BitsStored', tag: '00280101', vr: 'US', value: [12] },
  { keyword: 'HighBit', tag: '00280102', vr: 'US', value: [11] },
  { keyword: 'PixelRepresentation', tag: '00280103', vr: 'US', value: [0] },
  { keyword: 'WindowCenter', tag: '00281050', vr: 'DS', value: [40] },
  { keyword: 'WindowWidth', tag: '00281051', vr: 'DS', value: [400] },
  { keyword: 'RescaleIntercept', tag: '00281052', vr: 'DS', value: [-1024] },
  { keyword: 'RescaleSlope', tag: '00281053', vr: 'DS', value: [1] },
];

/**
 * Builds a synthetic CT image with identifying values in `options.places` (default: all) and its
 * answer key. Deterministic: the same options give the same bytes.
 */
export function makeSyntheticCase(options: SyntheticCaseOptions = {}): SyntheticCase {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 899)
    throw new RangeError('seed must be an integer in 0..899');
  const wanted = new Set(options.places ?? SYNTHETIC_PLACES);
  for (const place of wanted) {
    if (!SYNTHETIC_PLACES.includes(place)) throw new TypeError(`unknown synthetic place '${String(place)}'`);
  }
  const places = SYNTHETIC_PLACES.filter((p) => wanted.has(p));
  const s = subjectOf(seed);
  const identifiers: InjectedIdentifier[] = [];
  const inject = (place: SyntheticPlace | 'base', where: string, ...values: string[]): void => {
    for (const value of values) {
      if (!identifiers.some((i) => i.value === value && i.place === place))
        identifiers.push({ value, place, where });
    }
  };
  const patientName = `${s.family}^${s.given}^${s.middle}`;
  const uids = {
    study: s.uid(1),
    series: s.uid(2),
    instance: s.uid(3),
    frame: s.uid(4),
  };
  const pixels = pixelBytes(seed);

  // Base: a valid CT image; the patient's name and ID and the instance UIDs are always there.
  const dict: DcmjsDataset = {
    '00080016': str('UI', CT_IMAGE_STORAGE),
    '00080018': str('UI', uids.instance),
    '0020000D': str('UI', uids.study),
    '0020000E': str('UI', uids.series),
    '00200052': str('UI', uids.frame),
    '00100010': pn(patientName),
    '00100020': str('LO', s.patientId),
    '00080030': str('TM', '101530'),
    '00200011': str('IS', '3'),
    '00200013': str('IS', '17'),
    '00280301': str('CS', 'NO'),
    '7FE00010': bytes('OW', pixels),
  };
  for (const m of MUST_KEEP) {
    dict[m.tag] = { vr: m.vr, Value: m.vr === 'DS' ? m.value.map(String) : [...m.value] };
  }
  inject('base', '(0010,0010) PatientName', patientName, s.family, s.given, s.middle);
  inject('base', '(0010,0020) PatientID', s.patientId);
  inject('base', '(0020,000D) StudyInstanceUID', uids.study);
  inject('base', '(0020,000E) SeriesInstanceUID', uids.series);
  inject('base', '(0008,0018) SOPInstanceUID', uids.instance);
  inject('base', '(0020,0052) FrameOfReferenceUID', uids.frame);

  const meta: DcmjsDataset = {
    '00020001': bytes('OB', new Uint8Array([0, 1])),
    '00020002': str('UI', CT_IMAGE_STORAGE),
    '00020003': str('UI', uids.instance),
    '00020010': str('UI', EXPLICIT_LE),
    '00020012': str('UI', `${UID_ROOT}.1`),
  };

  for (const place of places) {
    switch (place) {
      case 'names': {
        const staff = {
          referring: 'KOWALCZYK^BARNABY',
          performing: 'IVANOVA^ROSALIND',
          operator: 'DELACROIX^THIERRY',
          reading: 'NAKAGAWA^SUMIRE',
        };
        // A name outside ASCII, in UTF-8 (ISO_IR 192).
        dict['00080005'] = str('CS', 'ISO_IR 192');
        dict['00101001'] = pn(`${s.family}^${s.given}`, `${s.family}-WREN^${s.given}`, 'ŻUŁAWSKA^HELENA');
        dict['00101005'] = pn(`HOLLOWAY^${s.given}`);
        dict['00101060'] = pn('HOLLOWAY^BEATRIX');
        dict['00080090'] = pn(staff.referring);
        dict['00081050'] = pn(staff.performing);
        dict['00081070'] = pn(staff.operator);
        dict['00081060'] = pn(staff.reading);
        dict['00080080'] = str('LO', 'ST HILDEGARD CLINIC');
        dict['00081040'] = str('LO', 'RADIOLOGY HILDEGARD WEST');
        inject('names', '(0010,1001) OtherPatientNames', `${s.family}-WREN`, 'ŻUŁAWSKA', 'HELENA');
        inject('names', '(0010,1005) PatientBirthName', 'HOLLOWAY');
        inject('names', '(0010,1060) PatientMotherBirthName', 'BEATRIX');
        inject('names', '(0008,0090) ReferringPhysicianName', staff.referring, 'KOWALCZYK', 'BARNABY');
        inject('names', '(0008,1050) PerformingPhysicianName', staff.performing, 'IVANOVA', 'ROSALIND');
        inject('names', '(0008,1070) OperatorsName', staff.operator, 'DELACROIX', 'THIERRY');
        inject('names', '(0008,1060) NameOfPhysiciansReadingStudy', staff.reading, 'NAKAGAWA', 'SUMIRE');
        inject('names', '(0008,0080) InstitutionName', 'HILDEGARD');
        break;
      }
      case 'dates': {
        const d = s.studyDate;
        dict['00080020'] = str('DA', d);
        dict['00080021'] = str('DA', d);
        dict['00080022'] = str('DA', d);
        dict['00080023'] = str('DA', d);
        dict['00080012'] = str('DA', d);
        dict['0008002A'] = str('DT', `${d}101530.250000`);
        dict['0008041F'] = str('DT', `${d}143000`); // not in Table E.1-1: every date is a date
        dict['00100030'] = str('DA', s.birthDate);
        dict['00180015'] = str('CS', 'CHEST');
        inject('dates', '(0008,0020) StudyDate and the other study dates', d);
        inject('dates', '(0010,0030) PatientBirthDate', s.birthDate);
        break;
      }
      case 'ids': {
        const ids = {
          issuer: `HILDEGARD-MPI-${s.n}`,
          other: `ALT-${s.n}-Q`,
          accession: `A7Q-${s.n}-99120`,
          studyId: `STU-${s.n}`,
          locator: `BOX-${s.n}-SHELF9`,
          address: `17 QUARRY LANE ${s.n} MOSSBANK`,
          phone: `555-0147-${s.n}`,
          institutionAddress: '9 ABBEY ROAD NORTHWOLD',
        };
        dict['00100021'] = str('LO', ids.issuer);
        dict['00101000'] = str('LO', ids.other);
        dict['00080050'] = str('SH', ids.accession);
        dict['00200010'] = str('SH', ids.studyId);
        dict['00101090'] = str('LO', ids.locator);
        dict['00101040'] = str('LO', ids.address);
        dict['00102154'] = str('SH', ids.phone);
        dict['00080081'] = str('ST', ids.institutionAddress);
        inject('ids', '(0010,0021) IssuerOfPatientID', ids.issuer);
        inject('ids', '(0010,1000) OtherPatientIDs', ids.other);
        inject('ids', '(0008,0050) AccessionNumber', ids.accession);
        inject('ids', '(0020,0010) StudyID', ids.studyId);
        inject('ids', '(0010,1090) MedicalRecordLocator', ids.locator);
        inject('ids', '(0010,1040) PatientAddress', 'QUARRY LANE', 'MOSSBANK');
        inject('ids', '(0010,2154) PatientTelephoneNumbers', ids.phone);
        inject('ids', '(0008,0081) InstitutionAddress', 'ABBEY ROAD', 'NORTHWOLD');
        break;
      }
      case 'free-text': {
        const name = `${titleCase(s.given)} ${titleCase(s.family)}`;
        dict['00081030'] = str('LO', `CT CHEST FOR ${s.given} ${s.family} ${s.patientId}`);
        dict['0008103E'] = str('LO', `AXIAL 5MM ${s.family}`);
        dict['00204000'] = str('LT', `Patient ${name} (ID ${s.patientId}) tolerated contrast well.`);
        dict['001021B0'] = str('LT', `History per ${name}: no prior scans.`);
        dict['00324000'] = str('LT', `Study for ${s.family}, urgent.`);
        inject(
          'free-text',
          '(0008,1030) StudyDescription and other descriptions',
          s.family,
          s.given,
          s.patientId,
        );
        break;
      }
      case 'nested-sequences': {
        dict['00101002'] = sq({
          '00100020': str('LO', `ALT-SEQ-${s.n}`),
          '00100021': str('LO', `OTHER-HOSP-${s.n}`),
          '00100022': str('CS', 'TEXT'),
        });
        dict['00400275'] = sq({
          '00080050': str('SH', `RQ-${s.n}-501`),
          '00401001': str('SH', `RP-${s.n}-88`),
          '00400009': str('SH', `SPS-${s.n}-88`),
          '00321060': str('LO', `CT CHEST ${s.family}`),
          '00081110': sq({
            '00081150': str('UI', '1.2.840.10008.3.1.2.3.1'),
            '00081155': str('UI', s.uid(11)),
          }),
        });
        dict['00081140'] = sq({ '00081150': str('UI', CT_IMAGE_STORAGE), '00081155': str('UI', s.uid(12)) });
        dict['00082112'] = sq({ '00081150': str('UI', CT_IMAGE_STORAGE), '00081155': str('UI', s.uid(13)) });
        dict['00081115'] = sq({
          '0020000E': str('UI', s.uid(14)),
          '0008114A': sq({ '00081150': str('UI', CT_IMAGE_STORAGE), '00081155': str('UI', s.uid(15)) }),
        });
        dict['00081072'] = sq({
          '00401101': sq({
            '00080100': str('SH', `STAFF-${s.n}`),
            '00080102': str('SH', 'L'),
            '00080104': str('LO', 'THIERRY DELACROIX'),
          }),
          '00080080': str('LO', 'ST HILDEGARD CLINIC'),
        });
        inject(
          'nested-sequences',
          '(0010,1002)[0](0010,0020) OtherPatientIDsSequence',
          `ALT-SEQ-${s.n}`,
          `OTHER-HOSP-${s.n}`,
        );
        inject(
          'nested-sequences',
          '(0040,0275)[0] RequestAttributesSequence',
          `RQ-${s.n}-501`,
          `RP-${s.n}-88`,
          `SPS-${s.n}-88`,
        );
        inject('nested-sequences', '(0040,0275)[0](0032,1060) RequestedProcedureDescription', s.family);
        inject('nested-sequences', '(0040,0275)[0](0008,1110)[0](0008,1155)', s.uid(11));
        inject('nested-sequences', '(0008,1140)[0](0008,1155) ReferencedImageSequence', s.uid(12));
        inject('nested-sequences', '(0008,2112)[0](0008,1155) SourceImageSequence', s.uid(13));
        inject('nested-sequences', '(0008,1115)[0](0020,000E) ReferencedSeriesSequence', s.uid(14));
        inject('nested-sequences', '(0008,1115)[0](0008,114A)[0](0008,1155)', s.uid(15));
        inject(
          'nested-sequences',
          '(0008,1072)[0](0040,1101)[0] PersonIdentificationCodeSequence',
          `STAFF-${s.n}`,
          'DELACROIX',
          'HILDEGARD',
        );
        break;
      }
      case 'private-tags': {
        dict['00090010'] = str('LO', 'ACME IMAGING 1.0');
        dict['00091001'] = str('LO', `${s.family} ${s.given}`);
        dict['00091002'] = str('SH', `PRV-${s.n}-17`);
        dict['00091003'] = sq({
          '00090010': str('LO', 'ACME IMAGING 1.0'),
          '00091001': str('LO', `PRV-NESTED-${s.n}`),
        });
        dict['00190010'] = str('LO', 'GEMS_ACQU_01');
        dict['0019100A'] = str('LO', `ACME-PRIVATE-${s.n}`);
        // A private block inside a public sequence.
        dict['00082218'] = sq({
          '00080100': str('SH', 'T-D3000'),
          '00080102': str('SH', 'SRT'),
          '00080104': str('LO', 'Chest'),
          '00110010': str('LO', 'ACME NESTED'),
          '00111001': str('LO', `PRV-IN-PUBLIC-${s.n}`),
        });
        inject('private-tags', '(0009,1001) private', s.family);
        inject('private-tags', '(0009,1002) private', `PRV-${s.n}-17`);
        inject('private-tags', '(0009,1003)[0](0009,1001) private sequence', `PRV-NESTED-${s.n}`);
        inject('private-tags', '(0019,100A) private', `ACME-PRIVATE-${s.n}`);
        inject(
          'private-tags',
          '(0008,2218)[0](0011,1001) private in a public sequence',
          `PRV-IN-PUBLIC-${s.n}`,
        );
        break;
      }
      case 'sr': {
        const code = (value: string, meaning: string): DcmjsElement =>
          sq({ '00080100': str('SH', value), '00080102': str('SH', 'DCM'), '00080104': str('LO', meaning) });
        dict['0040A730'] = sq(
          {
            '0040A010': str('CS', 'CONTAINS'),
            '0040A040': str('CS', 'TEXT'),
            '0040A043': code('121071', 'Finding'),
            '0040A160': str(
              'UT',
              `Findings discussed with ${titleCase(s.given)} ${titleCase(s.family)} (${s.patientId}).`,
            ),
          },
          {
            '0040A010': str('CS', 'HAS OBS CONTEXT'),
            '0040A040': str('CS', 'PNAME'),
            '0040A043': code('121008', 'Person Observer Name'),
            '0040A123': pn('LINDGREN^ASTRID'),
          },
          {
            '0040A010': str('CS', 'HAS OBS CONTEXT'),
            '0040A040': str('CS', 'DATETIME'),
            '0040A043': code('111526', 'DateTime Started'),
            '0040A120': str('DT', `${s.studyDate}101500`),
          },
          {
            '0040A010': str('CS', 'HAS OBS CONTEXT'),
            '0040A040': str('CS', 'UIDREF'),
            '0040A043': code('121018', 'Procedure Study Instance UID'),
            '0040A124': str('UI', s.uid(21)),
          },
        );
        dict['0040A073'] = sq({
          '0040A075': pn('ABERNATHY^CORDELIA'),
          '0040A027': str('LO', 'ST HILDEGARD CLINIC'),
          '0040A030': str('DT', `${s.studyDate}120000`),
        });
        inject('sr', '(0040,A730)[0](0040,A160) TextValue', s.family, s.given, s.patientId);
        inject('sr', '(0040,A730)[1](0040,A123) PersonName', 'LINDGREN', 'ASTRID');
        inject('sr', '(0040,A730)[2](0040,A120) DateTime', `${s.studyDate}101500`);
        inject('sr', '(0040,A730)[3](0040,A124) UID', s.uid(21));
        inject(
          'sr',
          '(0040,A073)[0] VerifyingObserverSequence',
          'ABERNATHY',
          'CORDELIA',
          'HILDEGARD',
          `${s.studyDate}120000`,
        );
        break;
      }
      case 'overlays': {
        dict['60000010'] = str('US', 4);
        dict['60000011'] = str('US', 4);
        dict['60000040'] = str('CS', 'G');
        dict['60000050'] = str('SS', 1, 1);
        dict['60000100'] = str('US', 1);
        dict['60000102'] = str('US', 0);
        dict['60003000'] = bytes('OW', new Uint8Array([0x0f, 0xf0]));
        dict['60000022'] = str('LO', `OVERLAY NOTE ${s.family}`);
        dict['60001500'] = str('LO', `OVL-LABEL-${s.n}`);
        dict['60004000'] = str('LT', `OVERLAY COMMENT ${s.patientId}`);
        dict['50002500'] = str('LO', `CURVE-NOTE-${s.n}`);
        inject('overlays', '(6000,0022) OverlayDescription', s.family);
        inject('overlays', '(6000,1500) OverlayLabel', `OVL-LABEL-${s.n}`);
        inject('overlays', '(6000,4000) OverlayComments', s.patientId);
        inject('overlays', '(5000,2500) CurveLabel', `CURVE-NOTE-${s.n}`);
        break;
      }
      case 'un-vr': {
        dict['00321032'] = bytes('UN', latin1('LINDQVIST^ESKIL'));
        dict['00081048'] = bytes('UN', latin1('MBEKI^ODALYS'));
        dict['00102297'] = bytes('UN', latin1(`${s.family}^TOMASZ`));
        dict['00089999'] = bytes('UN', latin1(`UNKNOWN-TAG-${s.n}`));
        dict['00130010'] = str('LO', 'CTP');
        dict['00131010'] = bytes('UN', latin1(`PRIVATE-UN-${s.n}`));
        inject('un-vr', '(0032,1032) RequestingPhysician as UN', 'LINDQVIST', 'ESKIL');
        inject('un-vr', '(0008,1048) PhysiciansOfRecord as UN', 'MBEKI', 'ODALYS');
        inject('un-vr', '(0010,2297) ResponsiblePerson as UN', 'TOMASZ');
        inject('un-vr', '(0008,9999) unknown public tag as UN', `UNKNOWN-TAG-${s.n}`);
        inject('un-vr', '(0013,1010) private as UN', `PRIVATE-UN-${s.n}`);
        break;
      }
      case 'file-meta': {
        meta['00020013'] = str('SH', `ZWDZ_${s.n}_V1`);
        meta['00020016'] = str('AE', `${s.family.slice(0, 8)}_WS`);
        meta['00020017'] = str('AE', `SEND-${s.n}-AE`);
        meta['00020018'] = str('AE', 'RECV-HILDEGARD');
        meta['00020100'] = str('UI', s.uid(31));
        meta['00020102'] = bytes('OB', latin1(`META-PRIVATE-${s.n}`));
        inject('file-meta', 'meta (0002,0013) ImplementationVersionName', `ZWDZ_${s.n}_V1`);
        inject('file-meta', 'meta (0002,0016) SourceApplicationEntityTitle', `${s.family.slice(0, 8)}_WS`);
        inject('file-meta', 'meta (0002,0017) SendingApplicationEntityTitle', `SEND-${s.n}-AE`);
        inject('file-meta', 'meta (0002,0018) ReceivingApplicationEntityTitle', 'RECV-HILDEGARD');
        inject('file-meta', 'meta (0002,0100) PrivateInformationCreatorUID', s.uid(31));
        inject('file-meta', 'meta (0002,0102) PrivateInformation', `META-PRIVATE-${s.n}`);
        break;
      }
    }
  }

  silenceDcmjs();
  const sorted: DcmjsDataset = {};
  for (const key of Object.keys(dict).sort()) sorted[key] = dict[key]!;
  const out = writePart10(meta, sorted);
  return {
    bytes: out,
    answerKey: {
      version: 1,
      places,
      seed,
      identifiers,
      mustKeep: MUST_KEEP.map((m) => ({ ...m, value: [...m.value] })),
      pixelDataSha256: createHash('sha256').update(pixels).digest('hex'),
    },
  };
}

function titleCase(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}
