// Writes a synthetic CT corpus for the benchmark: `files` slices of 512x512 16-bit, in `patients`
// patients (one study, one series each), with identifying attributes filled in as a scanner would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';

const { dir, files, patients } = JSON.parse(process.argv[2]);
dcmjs.log.setLevel('silent');
const { DicomMetaDictionary, DicomDict } = dcmjs.data;

const rows = 512;
const cols = 512;
const pixels = new Uint16Array(rows * cols);
for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) % 4096; // deterministic noise

const perPatient = Math.ceil(files / patients);
for (let n = 0; n < files; n++) {
  const p = Math.floor(n / perPatient);
  const root = `1.2.826.0.1.3680043.10.999.${p + 1}`;
  const sop = `${root}.3.${n + 1}`;
  const dataset = {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: sop,
    StudyDate: '20240115',
    SeriesDate: '20240115',
    AcquisitionDate: '20240115',
    ContentDate: '20240115',
    StudyTime: '101500',
    ContentTime: '101530',
    AccessionNumber: `ACC${100000 + p}`,
    Modality: 'CT',
    Manufacturer: 'BenchScan',
    InstitutionName: 'Bench General Hospital',
    InstitutionAddress: '1 Bench Road, Springfield',
    ReferringPhysicianName: 'House^Gregory',
    StationName: 'CT01',
    StudyDescription: 'CT CHEST W CONTRAST',
    SeriesDescription: 'AXIAL 1.0',
    OperatorsName: 'Tech^Terry',
    PatientName: `Bench^Patient${p + 1}`,
    PatientID: `BENCH${p + 1}`,
    PatientBirthDate: '19600101',
    PatientSex: p % 2 ? 'F' : 'M',
    PatientAge: '064Y',
    SliceThickness: '1.0',
    KVP: '120',
    StudyInstanceUID: `${root}.1`,
    SeriesInstanceUID: `${root}.2`,
    StudyID: '1',
    SeriesNumber: '1',
    InstanceNumber: String(n + 1),
    ImagePositionPatient: ['0', '0', String(n)],
    ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    FrameOfReferenceUID: `${root}.4`,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: cols,
    PixelSpacing: ['0.7', '0.7'],
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    RescaleIntercept: '-1024',
    RescaleSlope: '1',
    PixelData: [pixels.buffer],
    _vrMap: { PixelData: 'OW' },
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: sop,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '1.2.826.0.1.3680043.10.999.0',
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  const folder = join(dir, `patient${p + 1}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `slice${String(n + 1).padStart(5, '0')}.dcm`), Buffer.from(dict.write()));
}
process.stdout.write(`${JSON.stringify({ files })}\n`);
