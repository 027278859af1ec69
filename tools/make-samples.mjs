#!/usr/bin/env node
// Writes the synthetic DICOM sample study set under samples/dicom/ with its answer key.
//
// Usage: node tools/make-samples.mjs
//
// Everything is synthetic: fake people, fake institution, generated pixels. The output is
// deterministic (fixed UIDs derived from labels, fixed dates and pixel patterns), so re-running the
// script reproduces the committed files byte for byte. Identifying values are placed where real files
// carry them (and where de-identifiers have been seen to miss them): folder and file names, patient and
// study attributes, free text, nested sequences, private blocks, overlays, an element stored as UN.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dcmjs from 'dcmjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples', 'dicom');

dcmjs.log.setLevel('silent');
for (const logger of Object.values(dcmjs.log.getLoggers?.() ?? {})) logger.setLevel('silent');

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4';

/** A valid, fixed UID for a label: 2.25 + the first 120 bits of SHA-256. */
function uid(label) {
  const hex = createHash('sha256').update(`medimagecleaner-samples:${label}`).digest('hex').slice(0, 30);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

const str = (vr, ...values) => ({ vr, Value: values });
const pn = (...names) => ({ vr: 'PN', Value: names.map((n) => ({ Alphabetic: n })) });
const us = (...values) => ({ vr: 'US', Value: values });
const sq = (...items) => ({ vr: 'SQ', Value: items });
const bytes = (vr, u8) => ({ vr, Value: [u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength)] });
const latin1 = (text) => Uint8Array.from(text.length % 2 ? `${text} ` : text, (c) => c.charCodeAt(0));

/** 32x32 16-bit pixels: a deterministic pattern per series and slice. */
function pixels(rows, cols, seed, slice) {
  const data = new Uint16Array(rows * cols);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      const dx = x - cols / 2;
      const dy = y - rows / 2;
      const inside = dx * dx + dy * dy < (rows / 3 + slice) ** 2;
      data[y * cols + x] = ((inside ? 1000 : 0) + x * 7 + y * 3 + seed * 11 + slice * 5) & 0xfff;
    }
  }
  return new Uint8Array(data.buffer);
}

/** A 32x32 overlay bitmap (1 bit per pixel, 128 bytes): a box in one corner. */
function overlayBits(rows, cols) {
  const bits = new Uint8Array((rows * cols) / 8);
  for (let y = 2; y < 8; y++)
    for (let x = 2; x < 14; x++) {
      const i = y * cols + x;
      bits[i >> 3] |= 1 << (i & 7);
    }
  return bits;
}

const PATIENTS = [
  {
    name: 'DOE^JANE^Q',
    id: 'MRN0012345',
    issuer: 'SPRINGFIELD_GH',
    otherId: 'OTHERID-77123',
    birthDate: '19800102',
    sex: 'F',
    age: '044Y',
    size: '1.68',
    weight: '61.5',
    address: '12 Elm Street, Springfield',
    phone: '555-0142',
    motherBirthName: 'SMITH^MARGARET',
    otherName: 'DOE^JANIE',
    folder: 'DOE_JANE_MRN0012345',
  },
  {
    name: 'ROE^RICHARD^A',
    id: 'MRN0098765',
    issuer: 'SPRINGFIELD_GH',
    otherId: 'OTHERID-88456',
    birthDate: '19571120',
    sex: 'M',
    age: '066Y',
    size: '1.80',
    weight: '82',
    address: '7 Oak Avenue, Shelbyville',
    phone: '555-0199',
    birthName: 'ROE^RICHIE',
    folder: 'ROE_RICHARD_MRN0098765',
  },
];

const INSTITUTION = {
  name: 'Springfield General Hospital',
  address: '1 Hospital Way, Springfield',
  department: 'Radiology East',
};
const STAFF = {
  referring: 'HOUSE^GREGORY',
  performing: 'CUDDY^LISA',
  operator: 'WILSON^JAMES',
  reading: 'FOREMAN^ERIC',
};

function patientModule(p) {
  return {
    '00100010': pn(p.name),
    '00100020': str('LO', p.id),
    '00100021': str('LO', p.issuer),
    '00100030': str('DA', p.birthDate),
    '00100040': str('CS', p.sex),
    '00101010': str('AS', p.age),
    '00101020': str('DS', p.size),
    '00101030': str('DS', p.weight),
    '00101040': str('LO', p.address),
    '00102154': str('SH', p.phone),
    '00101002': sq({ '00100020': str('LO', p.otherId), '00100022': str('CS', 'TEXT') }),
    '00104000': str(
      'LT',
      `Patient ${p.name.split('^')[1]} ${p.name.split('^')[0]} prefers morning appointments`,
    ),
    ...(p.motherBirthName ? { '00101060': pn(p.motherBirthName) } : {}),
  };
}

function studyModule(p, study) {
  const [family, given] = p.name.split('^');
  return {
    '00080020': str('DA', study.date),
    '00080030': str('TM', study.time),
    '00080050': str('SH', study.accession),
    '00080080': str('LO', INSTITUTION.name),
    '00080081': str('ST', INSTITUTION.address),
    '00081040': str('LO', INSTITUTION.department),
    '00080090': pn(STAFF.referring),
    '00081060': pn(STAFF.reading),
    '00081030': str(
      'LO',
      `${study.description} f/u for ${given[0]}${given.slice(1).toLowerCase()} ${family[0]}${family.slice(1).toLowerCase()}`,
    ),
    '0020000D': str('UI', study.uid),
    '00200010': str('SH', study.id),
    '00081110': sq({ '00081150': str('UI', '1.2.840.10008.3.1.2.3.1'), '00081155': str('UI', study.uid) }),
    '00400275': sq({
      '00080050': str('SH', study.accession),
      '00401001': str('SH', study.requestedProcedureId),
      '00321060': str('LO', `${study.description} requested for ${p.name}`),
      '00400009': str('SH', `SPS-${p.id}`),
      '00400007': str('LO', `Scheduled for ${given} ${family}`),
      '00081110': sq({ '00081150': str('UI', '1.2.840.10008.3.1.2.3.1'), '00081155': str('UI', study.uid) }),
    }),
  };
}

function seriesModule(p, series) {
  const [family, given] = p.name.split('^');
  return {
    '00080021': str('DA', series.date),
    '00080031': str('TM', series.time),
    '00080060': str('CS', series.modality),
    '00080070': str('LO', 'ACME Imaging'),
    '00081010': str('SH', series.station),
    '00081090': str('LO', series.model),
    '00181000': str('LO', series.serial),
    '00081050': pn(STAFF.performing),
    '00081070': pn(STAFF.operator),
    '0008103E': str(
      'LO',
      `${series.description} - ${given[0]}${given.slice(1).toLowerCase()} ${family[0]}${family.slice(1).toLowerCase()}`,
    ),
    '00180015': str('CS', series.bodyPart),
    '0020000E': str('UI', series.uid),
    '00200011': str('IS', String(series.number)),
    '00200052': str('UI', series.frameOfReference),
  };
}

function imageModule(p, series, slice, extra) {
  const rows = 32;
  const cols = 32;
  const [family, given] = p.name.split('^');
  return {
    '00080005': str('CS', 'ISO_IR 100'),
    '00080008': str('CS', ...series.imageType),
    '00080012': str('DA', series.date),
    '00080013': str('TM', '101500'),
    '00080016': str('UI', series.sopClass),
    '00080018': str('UI', series.instanceUid(slice)),
    '00080022': str('DA', series.date),
    '00080023': str('DA', series.date),
    '0008002A': str('DT', `${series.date}101500.000000`),
    '00080032': str('TM', '101500'),
    '00080033': str('TM', '101501'),
    '00200013': str('IS', String(slice + 1)),
    '00200032': str('DS', '0', '0', String(slice * 5)),
    '00200037': str('DS', '1', '0', '0', '0', '1', '0'),
    '00204000': str('LT', `${given} ${family} (${p.id}) tolerated the exam well`),
    '00280002': us(1),
    '00280004': str('CS', 'MONOCHROME2'),
    '00280010': us(rows),
    '00280011': us(cols),
    '00280030': str('DS', '1', '1'),
    '00280100': us(16),
    '00280101': us(12),
    '00280102': us(11),
    '00280103': us(0),
    '00281050': str('DS', '500'),
    '00281051': str('DS', '1000'),
    // A private block whose creator string and values hold identifiers.
    '00090010': str('LO', 'ACME 1.0'),
    '00091001': str('LO', `${given} ${family} ${p.id}`),
    '00091002': sq({ '00100010': pn(p.name), '00100020': str('LO', p.id) }),
    '00110010': str('LO', `SITE ${family}`),
    '00111001': str('SH', p.phone),
    '7FE00010': bytes('OW', pixels(rows, cols, series.number, slice)),
    ...extra,
  };
}

function write(relativePath, dict, transferSyntax) {
  const meta = {
    '00020001': bytes('OB', new Uint8Array([0, 1])),
    '00020002': str('UI', dict['00080016'].Value[0]),
    '00020003': str('UI', dict['00080018'].Value[0]),
    '00020010': str('UI', transferSyntax),
    '00020012': str('UI', uid('implementation')),
    '00020013': str('SH', 'MIC_SAMPLES_1'),
    '00020016': str('AE', 'SPRINGFIELD_CT'),
  };
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = dict;
  const data = new Uint8Array(file.write());
  const target = join(OUT, relativePath);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, data);
  return { relativePath, size: data.length };
}

/** JSON.stringify with 2 spaces, short arrays of strings on one line (as prettier writes them). */
function prettyJson(value) {
  return JSON.stringify(value, null, 2).replace(
    /^( *)("[^"]*": )?\[\n((?: *"[^"\n]*",?\n)+) *\]/gm,
    (all, indent, key = '', body) => {
      const items = body
        .split('\n')
        .map((l) => l.trim().replace(/,$/, ''))
        .filter(Boolean);
      const line = `${indent}${key}[${items.join(', ')}]`;
      return line.length <= 110 ? line : all;
    },
  );
}

rmSync(OUT, { recursive: true, force: true });
const written = [];
const files = {};

// Patient 1: CT chest study, one localizer and an axial series of 4 slices that references it.
{
  const p = PATIENTS[0];
  const study = {
    uid: uid('study-1'),
    date: '20240315',
    time: '101000',
    accession: 'ACC20240315001',
    id: 'ST-0001',
    requestedProcedureId: 'RP-7001',
    description: 'CT CHEST',
  };
  const localizer = {
    uid: uid('series-1-localizer'),
    number: 1,
    date: '20240315',
    time: '101200',
    modality: 'CT',
    station: 'CT-SPRINGFIELD-01',
    model: 'ACME CT 64',
    serial: 'SN-4711',
    description: 'LOCALIZER',
    bodyPart: 'CHEST',
    frameOfReference: uid('for-1'),
    sopClass: CT_IMAGE,
    imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
    instanceUid: (i) => uid(`instance-1-localizer-${i}`),
  };
  const axial = {
    ...localizer,
    uid: uid('series-1-axial'),
    number: 2,
    time: '101400',
    description: 'AXIAL 5MM',
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    instanceUid: (i) => uid(`instance-1-axial-${i}`),
  };
  const base = { ...patientModule(p), ...studyModule(p, study) };
  const locPath = `${p.folder}/CT_CHEST_20240315/LOCALIZER/${p.name.replace(/\^/g, '_')}_localizer.dcm`;
  written.push(
    write(
      locPath,
      { ...base, ...seriesModule(p, localizer), ...imageModule(p, localizer, 0, {}) },
      EXPLICIT_LE,
    ),
  );
  files[locPath] = { Modality: 'CT', Rows: 32, Columns: 32, SeriesNumber: 1, patient: 0 };
  for (let i = 0; i < 4; i++) {
    const path = `${p.folder}/CT_CHEST_20240315/AXIAL/${p.id}_slice_${String(i + 1).padStart(3, '0')}.dcm`;
    const extra = {
      // Other Patient Names stored with VR UN, as software that did not know the tag writes it.
      '00101001': bytes('UN', latin1(p.otherName)),
      '00081140': sq({ '00081150': str('UI', CT_IMAGE), '00081155': str('UI', localizer.instanceUid(0)) }),
      '00082112': sq({ '00081150': str('UI', CT_IMAGE), '00081155': str('UI', localizer.instanceUid(0)) }),
    };
    written.push(
      write(path, { ...base, ...seriesModule(p, axial), ...imageModule(p, axial, i, extra) }, EXPLICIT_LE),
    );
    files[path] = {
      Modality: 'CT',
      Rows: 32,
      Columns: 32,
      SeriesNumber: 2,
      patient: 0,
      referencesLocalizer: locPath,
    };
  }
}

// Patient 2: MR brain study, 3 slices, implicit VR little endian, with an overlay carrying text.
{
  const p = PATIENTS[1];
  const study = {
    uid: uid('study-2'),
    date: '20240402',
    time: '083000',
    accession: 'ACC20240402017',
    id: 'ST-0002',
    requestedProcedureId: 'RP-7044',
    description: 'MR BRAIN',
  };
  const series = {
    uid: uid('series-2-t1'),
    number: 1,
    date: '20240402',
    time: '083500',
    modality: 'MR',
    station: 'MR-SHELBYVILLE-02',
    model: 'ACME MR 3T',
    serial: 'SN-9902',
    description: 'T1 AXIAL',
    bodyPart: 'HEAD',
    frameOfReference: uid('for-2'),
    sopClass: MR_IMAGE,
    imageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'],
    instanceUid: (i) => uid(`instance-2-t1-${i}`),
  };
  const [family, given] = p.name.split('^');
  const base = { ...patientModule(p), ...studyModule(p, study) };
  for (let i = 0; i < 3; i++) {
    const path = `${p.folder}/MR_BRAIN_20240402/${family}_${given}_${p.id}_${i + 1}.dcm`;
    const extra = {
      '00180087': str('DS', '3'),
      '00181030': str('LO', `T1 ${family} protocol`),
      '00101005': pn(p.birthName),
      60000010: us(32),
      60000011: us(32),
      60000022: str('LO', `${given} ${family} marker`),
      60000040: str('CS', 'G'),
      60000050: { vr: 'SS', Value: [1, 1] },
      60000100: us(1),
      60000102: us(0),
      60001500: str('LO', family),
      60003000: bytes('OW', overlayBits(32, 32)),
      60004000: str('LT', `for Dr. House re: ${given} ${family}`),
    };
    written.push(
      write(path, { ...base, ...seriesModule(p, series), ...imageModule(p, series, i, extra) }, IMPLICIT_LE),
    );
    files[path] = { Modality: 'MR', Rows: 32, Columns: 32, SeriesNumber: 1, patient: 1 };
  }
}

// Every identifying string injected above (what must not survive the Basic Profile).
const phi = new Set();
for (const p of PATIENTS) {
  const [family, given, middle] = p.name.split('^');
  for (const v of [
    p.name,
    family,
    given,
    `${given} ${family}`,
    p.id,
    p.otherId,
    p.birthDate,
    p.address,
    p.phone,
    p.folder,
  ])
    phi.add(v);
  if (middle) phi.add(`${given} ${middle} ${family}`);
  if (p.motherBirthName) phi.add(p.motherBirthName);
  if (p.birthName) phi.add(p.birthName);
  if (p.otherName) phi.add(p.otherName);
}
for (const v of [
  'ACC20240315001',
  'ACC20240402017',
  'RP-7001',
  'RP-7044',
  INSTITUTION.name,
  INSTITUTION.address,
  INSTITUTION.department,
  ...Object.values(STAFF),
  'CT-SPRINGFIELD-01',
  'MR-SHELBYVILLE-02',
  'SN-4711',
  'SN-9902',
  'SPRINGFIELD_CT',
  '20240315',
  '20240402',
]) {
  phi.add(v);
}

const answerKey = {
  description:
    'Answer key of the synthetic sample set (tools/make-samples.mjs). phi: every identifying string injected (none may survive the Basic Profile; dates are removed under it). keep: values that must stay unchanged. files: per-file expectations by relative path.',
  phi: [...phi],
  keep: { Modality: ['CT', 'MR'], Rows: 32, Columns: 32 },
  files,
};
writeFileSync(join(OUT, '..', 'dicom-answer-key.json'), `${prettyJson(answerKey)}\n`);
const total = written.reduce((n, f) => n + f.size, 0);
process.stdout.write(
  `wrote ${written.length} DICOM files (${total} bytes) under samples/dicom/ and samples/dicom-answer-key.json\n`,
);
