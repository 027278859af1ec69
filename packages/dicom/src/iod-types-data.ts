/**
 * The Type (PS3.5 7.4) of the attributes that carry a combined action code in PS3.15 Table E.1-1
 * (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) in the modules of the IODs met most often, from PS3.3. Section numbers
 * are those of PS3.3 (2024 editions). Each module lists only those attributes; an attribute absent from
 * every module of an IOD is not part of that IOD.
 *
 * Cross-checked against dicom3tools' dciodvfy (the validator the tests run): it reports a missing Type
 * 1 or 2 attribute, an empty Type 1 attribute, and an attribute "not present in standard DICOM IOD".
 * Conditional types are written as the standard states them (1C, 2C); `iod-types.ts` resolves them.
 */

/** An attribute's Type in a module (or a sequence item): 1, 1C, 2, 2C or 3. */
export type IodType = '1' | '1C' | '2' | '2C' | '3';

/** A module of PS3.3: its section and the Type of each combined-code attribute it holds (`GGGGEEEE` keys). */
export interface ModuleTypes {
  readonly section: string;
  readonly types: Readonly<Record<string, IodType>>;
}

/** The modules, by name. Every entry cites module, attribute and Type. */
export const MODULES = {
  // ---- Common composite modules ----
  Patient: {
    section: 'C.7.1.1',
    types: {
      '00100020': '2', // Patient Module C.7.1.1: Patient ID Type 2
    },
  },
  PatientStudy: {
    section: 'C.7.2.2',
    types: {
      '00102203': '2C', // Patient Study Module C.7.2.2: Patient's Sex Neutered Type 2C (animal subjects)
    },
  },
  GeneralStudy: {
    section: 'C.7.2.1',
    types: {
      '00081110': '3', // General Study Module C.7.2.1: Referenced Study Sequence Type 3
    },
  },
  GeneralSeries: {
    section: 'C.7.3.1',
    types: {
      '00080021': '3', // General Series Module C.7.3.1: Series Date Type 3
      '00080031': '3', // General Series Module C.7.3.1: Series Time Type 3
      '00081070': '3', // General Series Module C.7.3.1: Operators' Name Type 3
      '00081072': '3', // General Series Module C.7.3.1: Operator Identification Sequence Type 3
      '00081111': '3', // General Series Module C.7.3.1: Referenced Performed Procedure Step Sequence Type 3
      '00181030': '3', // General Series Module C.7.3.1: Protocol Name Type 3
    },
  },
  GeneralEquipment: {
    section: 'C.7.5.1',
    types: {
      '00080080': '3', // General Equipment Module C.7.5.1: Institution Name Type 3
      '00081010': '3', // General Equipment Module C.7.5.1: Station Name Type 3
      '00181000': '3', // General Equipment Module C.7.5.1: Device Serial Number Type 3
    },
  },
  EnhancedGeneralEquipment: {
    section: 'C.7.5.2',
    types: {
      '00181000': '1', // Enhanced General Equipment Module C.7.5.2: Device Serial Number Type 1
    },
  },
  GeneralImage: {
    section: 'C.7.6.1',
    types: {
      '00080023': '2C', // General Image Module C.7.6.1: Content Date Type 2C (temporally related images)
      '00080033': '2C', // General Image Module C.7.6.1: Content Time Type 2C (temporally related images)
    },
  },
  GeneralAcquisition: {
    section: 'C.7.10.1',
    types: {
      '00080022': '3', // General Acquisition Module C.7.10.1: Acquisition Date Type 3
      '00080032': '3', // General Acquisition Module C.7.10.1: Acquisition Time Type 3
      '0008002A': '3', // General Acquisition Module C.7.10.1: Acquisition DateTime Type 3
    },
  },
  GeneralReference: {
    section: 'C.12.4',
    types: {
      '00081140': '3', // General Reference Module C.12.4: Referenced Image Sequence Type 3
      '00082112': '3', // General Reference Module C.12.4: Source Image Sequence Type 3
    },
  },
  ContrastBolus: {
    section: 'C.7.6.4',
    types: {
      '00180010': '2', // Contrast/Bolus Module C.7.6.4: Contrast/Bolus Agent Type 2
    },
  },
  AcquisitionContext: {
    section: 'C.7.6.14',
    types: {
      '00400555': '2', // Acquisition Context Module C.7.6.14: Acquisition Context Sequence Type 2
    },
  },
  MultiFrameFunctionalGroups: {
    section: 'C.7.6.16',
    types: {
      '00080023': '1', // Multi-frame Functional Groups Module C.7.6.16: Content Date Type 1
      '00080033': '1', // Multi-frame Functional Groups Module C.7.6.16: Content Time Type 1
    },
  },
  SOPCommon: {
    section: 'C.12.1',
    types: {
      '00080012': '3', // SOP Common Module C.12.1: Instance Creation Date Type 3
      '00080013': '3', // SOP Common Module C.12.1: Instance Creation Time Type 3
    },
  },

  // ---- Series modules of enhanced and multi-frame IODs (Referenced PPS Sequence 1C: required if a
  //      Modality Performed Procedure Step was used) ----
  CTSeries: {
    section: 'C.8.15.1',
    types: { '00081111': '1C' }, // CT Series Module C.8.15.1: Referenced Performed Procedure Step Sequence Type 1C
  },
  MRSeries: {
    section: 'C.8.13.6',
    types: { '00081111': '1C' }, // MR Series Module C.8.13.6: Referenced Performed Procedure Step Sequence Type 1C
  },
  DXSeries: {
    section: 'C.8.11.1',
    types: { '00081111': '1C' }, // DX Series Module C.8.11.1: Referenced Performed Procedure Step Sequence Type 1C
  },
  EnhancedMammographySeries: {
    section: 'Enhanced Mammography Series Module (Breast Tomosynthesis Image IOD)',
    types: { '00081111': '1C' }, // Enhanced Mammography Series Module: Referenced PPS Sequence Type 1C
  },
  EnhancedPETSeries: {
    section: 'C.8.22.1',
    types: { '00081111': '1C' }, // Enhanced PET Series Module C.8.22.1: Referenced PPS Sequence Type 1C
  },
  EnhancedUSSeries: {
    section: 'C.8.24.1',
    types: { '00081111': '1C' }, // Enhanced US Series Module C.8.24.1: Referenced PPS Sequence Type 1C
  },
  XAXRFSeries: {
    section: 'C.8.19.1',
    types: { '00081111': '1C' }, // XA/XRF Series Module C.8.19.1: Referenced PPS Sequence Type 1C
  },
  SegmentationSeries: {
    section: 'C.8.20.1',
    types: { '00081111': '1C' }, // Segmentation Series Module C.8.20.1: Referenced PPS Sequence Type 1C
  },
  ParametricMapSeries: {
    section: 'C.8.32.1',
    types: { '00081111': '1C' }, // Parametric Map Series Module C.8.32.1: Referenced PPS Sequence Type 1C
  },
  OphthalmicTomographySeries: {
    section: 'C.8.17.6',
    types: { '00081111': '1C' }, // Ophthalmic Tomography Series Module C.8.17.6: Referenced PPS Sequence Type 1C
  },

  // ---- Modality image modules ----
  CRImage: {
    section: 'C.8.1.2',
    types: {
      '00181400': '3', // CR Image Module C.8.1.2: Acquisition Device Processing Description Type 3
    },
  },
  DXImage: {
    section: 'C.8.11.3',
    types: {
      '00181400': '3', // DX Image Module C.8.11.3: Acquisition Device Processing Description Type 3
    },
  },
  DXDetector: {
    section: 'C.8.11.4',
    types: {
      '0018700A': '3', // DX Detector Module C.8.11.4: Detector ID Type 3
      '0018700C': '3', // DX Detector Module C.8.11.4: Date of Last Detector Calibration Type 3
      '0018700E': '3', // DX Detector Module C.8.11.4: Time of Last Detector Calibration Type 3
    },
  },
  EnhancedCTImage: {
    section: 'C.8.15.2',
    types: {
      '0008002A': '1C', // Enhanced CT Image Module C.8.15.2: Acquisition DateTime Type 1C (ORIGINAL or MIXED)
    },
  },
  EnhancedMRImage: {
    section: 'C.8.13.1',
    types: {
      '0008002A': '1C', // Enhanced MR Image Module C.8.13.1 (MR Image and Spectroscopy Instance Macro): Acquisition DateTime Type 1C
    },
  },
  MRSpectroscopy: {
    section: 'C.8.14.1',
    types: {
      '0008002A': '1C', // MR Spectroscopy Module C.8.14.1 (MR Image and Spectroscopy Instance Macro): Acquisition DateTime Type 1C
    },
  },
  USImage: {
    section: 'C.8.5.6',
    types: {
      '0008002A': '1C', // US Image Module C.8.5.6: Acquisition DateTime Type 1C (IVUS)
    },
  },
  EnhancedUSImage: {
    section: 'C.8.24.3',
    types: {
      '0008002A': '1', // Enhanced US Image Module C.8.24.3: Acquisition DateTime Type 1
      '00081140': '3', // Enhanced US Image Module C.8.24.3: Referenced Image Sequence Type 3
      '00082112': '1C', // Enhanced US Image Module C.8.24.3: Source Image Sequence Type 1C (derived images)
    },
  },
  PETSeries: {
    section: 'C.8.9.1',
    types: {
      '00080021': '1', // PET Series Module C.8.9.1: Series Date Type 1
      '00080031': '1', // PET Series Module C.8.9.1: Series Time Type 1
    },
  },
  PETImage: {
    section: 'C.8.9.4',
    types: {
      '00080022': '2', // PET Image Module C.8.9.4: Acquisition Date Type 2
      '00080032': '2', // PET Image Module C.8.9.4: Acquisition Time Type 2
    },
  },
  EnhancedPETImage: {
    section: 'C.8.22.3',
    types: {
      '0008002A': '1C', // Enhanced PET Image Module C.8.22.3: Acquisition DateTime Type 1C
    },
  },
  XRayImage: {
    section: 'C.8.7.1',
    types: {
      '00081140': '1C', // X-Ray Image Module C.8.7.1: Referenced Image Sequence Type 1C (other plane of a biplane pair)
      '00181400': '3', // X-Ray Image Module C.8.7.1: Acquisition Device Processing Description Type 3
    },
  },
  EnhancedXAXRFImage: {
    section: 'C.8.19.2',
    types: {
      '0008002A': '1', // Enhanced XA/XRF Image Module C.8.19.2: Acquisition DateTime Type 1
    },
  },
  VLImage: {
    section: 'C.8.12.1',
    types: {
      '00080033': '1C', // VL Image Module C.8.12.1: Content Time Type 1C
      '00081140': '1C', // VL Image Module C.8.12.1: Referenced Image Sequence Type 1C (stereo pairs)
    },
  },
  OphthalmicPhotographyImage: {
    section: 'C.8.17.2',
    types: {
      '00080023': '1', // Ophthalmic Photography Image Module C.8.17.2: Content Date Type 1
      '00080033': '1', // Ophthalmic Photography Image Module C.8.17.2: Content Time Type 1
      '0008002A': '1C', // Ophthalmic Photography Image Module C.8.17.2: Acquisition DateTime Type 1C
      '00082112': '2C', // Ophthalmic Photography Image Module C.8.17.2: Source Image Sequence Type 2C
    },
  },
  OphthalmicTomographyImage: {
    section: 'C.8.17.7',
    types: {
      '0008002A': '1', // Ophthalmic Tomography Image Module C.8.17.7: Acquisition DateTime Type 1
    },
  },
  SegmentationImage: {
    section: 'C.8.20.2',
    types: {
      '00700084': '3', // Segmentation Image Module C.8.20.2 (Content Identification Macro): Content Creator's Name Type 3
    },
  },

  // ---- Radiotherapy ----
  RTSeries: {
    section: 'C.8.8.1',
    types: {
      '00080021': '3', // RT Series Module C.8.8.1: Series Date Type 3
      '00080031': '3', // RT Series Module C.8.8.1: Series Time Type 3
      '00081070': '2', // RT Series Module C.8.8.1: Operators' Name Type 2
      '00081072': '3', // RT Series Module C.8.8.1: Operator Identification Sequence Type 3
      '00081111': '3', // RT Series Module C.8.8.1: Referenced Performed Procedure Step Sequence Type 3
    },
  },
  RTDose: {
    section: 'C.8.8.3',
    types: {
      '00080023': '3', // RT Dose Module C.8.8.3: Content Date Type 3
      '00080033': '3', // RT Dose Module C.8.8.3: Content Time Type 3
    },
  },
  RTGeneralPlan: {
    section: 'C.8.8.9',
    types: {
      '300A0006': '2', // RT General Plan Module C.8.8.9: RT Plan Date Type 2
      '300A0007': '2', // RT General Plan Module C.8.8.9: RT Plan Time Type 2
    },
  },
  RTGeneralTreatmentRecord: {
    section: 'C.8.8.17',
    types: {
      '30080250': '2', // RT General Treatment Record Module C.8.8.17: Treatment Date Type 2
      '30080251': '2', // RT General Treatment Record Module C.8.8.17: Treatment Time Type 2
    },
  },
  RTTreatmentSummaryRecord: {
    section: 'C.8.8.23',
    types: {
      '30080054': '2', // RT Treatment Summary Record Module C.8.8.23: First Treatment Date Type 2
      '30080056': '2', // RT Treatment Summary Record Module C.8.8.23: Most Recent Treatment Date Type 2
    },
  },
  Approval: {
    section: 'C.8.8.16',
    types: {
      '300E0008': '2C', // Approval Module C.8.8.16: Reviewer Name Type 2C (APPROVED or REJECTED)
    },
  },

  // ---- Structured reporting and key objects ----
  SRDocumentSeries: {
    section: 'C.17.1',
    types: {
      '00080021': '3', // SR Document Series Module C.17.1: Series Date Type 3
      '00080031': '3', // SR Document Series Module C.17.1: Series Time Type 3
      '00181030': '3', // SR Document Series Module C.17.1: Protocol Name Type 3
      '00081111': '2', // SR Document Series Module C.17.1: Referenced Performed Procedure Step Sequence Type 2
    },
  },
  SRDocumentGeneral: {
    section: 'C.17.2',
    types: {
      '00080023': '1', // SR Document General Module C.17.2: Content Date Type 1
      '00080033': '1', // SR Document General Module C.17.2: Content Time Type 1
    },
  },
  SRDocumentContent: {
    section: 'C.17.3',
    types: {
      '0040A032': '1C', // SR Document Content Module C.17.3 (Document Content Macro): Observation DateTime Type 1C
    },
  },
  KeyObjectDocumentSeries: {
    section: 'C.17.6.1',
    types: {
      '00080021': '3', // Key Object Document Series Module C.17.6.1: Series Date Type 3
      '00080031': '3', // Key Object Document Series Module C.17.6.1: Series Time Type 3
      '00181030': '3', // Key Object Document Series Module C.17.6.1: Protocol Name Type 3
      '00081111': '2', // Key Object Document Series Module C.17.6.1: Referenced PPS Sequence Type 2
    },
  },
  KeyObjectDocument: {
    section: 'C.17.6.2',
    types: {
      '00080023': '1', // Key Object Document Module C.17.6.2: Content Date Type 1
      '00080033': '1', // Key Object Document Module C.17.6.2: Content Time Type 1
    },
  },

  // ---- Presentation states, documents, waveforms, registrations ----
  PresentationStateIdentification: {
    section: 'C.11.10',
    types: {
      '00700084': '2', // Presentation State Identification Module C.11.10 (Content Identification Macro): Content Creator's Name Type 2
      '00700082': '1', // Presentation State Identification Module C.11.10: Presentation Creation Date Type 1 (Basic X: see REQUIRED_REMOVED_ROWS)
      '00700083': '1', // Presentation State Identification Module C.11.10: Presentation Creation Time Type 1 (Basic X: see REQUIRED_REMOVED_ROWS)
    },
  },
  EncapsulatedDocumentSeries: {
    section: 'C.24.1',
    types: {
      '00080021': '3', // Encapsulated Document Series Module C.24.1: Series Date Type 3
      '00080031': '3', // Encapsulated Document Series Module C.24.1: Series Time Type 3
      '00181030': '3', // Encapsulated Document Series Module C.24.1: Protocol Name Type 3
      '00081111': '3', // Encapsulated Document Series Module C.24.1: Referenced PPS Sequence Type 3
    },
  },
  EncapsulatedDocument: {
    section: 'C.24.2',
    types: {
      '00080023': '2', // Encapsulated Document Module C.24.2: Content Date Type 2
      '00080033': '2', // Encapsulated Document Module C.24.2: Content Time Type 2
      '0008002A': '2', // Encapsulated Document Module C.24.2: Acquisition DateTime Type 2
      '00081140': '3', // Encapsulated Document Module C.24.2: Referenced Image Sequence Type 3 (source images)
    },
  },
  WaveformIdentification: {
    section: 'C.10.8',
    types: {
      '00080023': '1', // Waveform Identification Module C.10.8: Content Date Type 1
      '00080033': '1', // Waveform Identification Module C.10.8: Content Time Type 1
      '0008002A': '1', // Waveform Identification Module C.10.8: Acquisition DateTime Type 1
    },
  },
  SpatialRegistration: {
    section: 'C.20.2',
    types: {
      '00080023': '1', // Spatial Registration Module C.20.2 (Content Identification/Date-Time): Content Date Type 1
      '00080033': '1', // Spatial Registration Module C.20.2: Content Time Type 1
      '00700084': '2', // Spatial Registration Module C.20.2 (Content Identification Macro): Content Creator's Name Type 2
    },
  },
  SpatialFiducials: {
    section: 'C.21.2',
    types: {
      '00080023': '1', // Spatial Fiducials Module C.21.2: Content Date Type 1
      '00080033': '1', // Spatial Fiducials Module C.21.2: Content Time Type 1
      '00700084': '2', // Spatial Fiducials Module C.21.2 (Content Identification Macro): Content Creator's Name Type 2
    },
  },
  RealWorldValueMapping: {
    section: 'C.25.2',
    types: {
      '00080023': '1', // Real World Value Mapping Module C.25.2: Content Date Type 1
      '00080033': '1', // Real World Value Mapping Module C.25.2: Content Time Type 1
      '00700084': '2', // Real World Value Mapping Module C.25.2 (Content Identification Macro): Content Creator's Name Type 2
    },
  },
  RawData: {
    section: 'C.19.1',
    types: {
      '00080023': '1', // Raw Data Module C.19.1: Content Date Type 1
      '00080033': '1', // Raw Data Module C.19.1: Content Time Type 1
      '0008002A': '3', // Raw Data Module C.19.1: Acquisition DateTime Type 3
    },
  },
  ParametricMapImage: {
    section: 'C.8.32.2',
    types: {
      '00700084': '3', // Parametric Map Image Module C.8.32.2 (Content Identification Macro): Content Creator's Name Type 3
    },
  },
} as const satisfies Record<string, ModuleTypes>;

/**
 * Rows whose Basic action is X although the attribute is Type 1 in some IOD of {@link MODULES}: removing
 * them would break that IOD, so in those IODs they get a dummy (D) instead, which carries nothing
 * (a date `19000101`, a time `000000`). Elsewhere they are removed as the table says.
 */
export const REQUIRED_REMOVED_ROWS: ReadonlySet<string> = new Set([
  '00700082', // Presentation Creation Date: Type 1 in Presentation State Identification C.11.10
  '00700083', // Presentation Creation Time: Type 1 in Presentation State Identification C.11.10
]);

/**
 * Attributes whose presence depends on another one (Type 1C "required if X is present", with no "may
 * be present otherwise"): when the attribute they depend on is not in the output, they are removed too.
 */
export const DEPENDENT_ATTRIBUTES: ReadonlyArray<{ readonly tag: string; readonly requires: string }> = [
  // Clinical Trial Subject Module C.7.1.3: Clinical Trial Protocol Ethics Committee Name Type 1C, required
  // if Clinical Trial Protocol Ethics Committee Approval Number (0012,0082) is present (always X).
  { tag: '00120081', requires: '00120082' },
];

/** A module name. */
export type ModuleName = keyof typeof MODULES;

const COMMON: readonly ModuleName[] = [
  'Patient',
  'PatientStudy',
  'GeneralStudy',
  'GeneralEquipment',
  'SOPCommon',
];
/** The General modules every image IOD has (Patient, Study, Series, Equipment, Image, Acquisition, Reference, SOP Common). */
const IMAGE: readonly ModuleName[] = [
  ...COMMON,
  'GeneralSeries',
  'GeneralImage',
  'GeneralAcquisition',
  'GeneralReference',
];
/** Enhanced multi-frame image IODs: functional groups and enhanced equipment (Content Date/Time and Device Serial Number Type 1). */
const ENHANCED: readonly ModuleName[] = [
  ...COMMON,
  'GeneralSeries',
  'EnhancedGeneralEquipment',
  'MultiFrameFunctionalGroups',
  'AcquisitionContext',
];
const SR: readonly ModuleName[] = [...COMMON, 'SRDocumentSeries', 'SRDocumentGeneral', 'SRDocumentContent'];
const RT: readonly ModuleName[] = [...COMMON, 'RTSeries', 'GeneralReference'];
const WAVEFORM: readonly ModuleName[] = [
  ...COMMON,
  'GeneralSeries',
  'WaveformIdentification',
  'AcquisitionContext',
];
const DOCUMENT: readonly ModuleName[] = [...COMMON, 'EncapsulatedDocumentSeries', 'EncapsulatedDocument'];
const PRESENTATION: readonly ModuleName[] = [...COMMON, 'GeneralSeries', 'PresentationStateIdentification'];

/** An IOD of PS3.3 Annex A: its name and the modules (of {@link MODULES}) that hold combined-code attributes. */
export interface IodDefinition {
  readonly name: string;
  readonly modules: readonly ModuleName[];
}

/** IODs, by SOP Class UID (PS3.4 Annex B / PS3.6 Annex A). */
export const IOD_OF_SOP_CLASS: Readonly<Record<string, IodDefinition>> = {
  '1.2.840.10008.5.1.4.1.1.2': { name: 'CT Image', modules: [...IMAGE, 'ContrastBolus'] },
  '1.2.840.10008.5.1.4.1.1.2.1': {
    name: 'Enhanced CT Image',
    modules: [...ENHANCED, 'CTSeries', 'EnhancedCTImage'],
  },
  '1.2.840.10008.5.1.4.1.1.2.2': {
    name: 'Legacy Converted Enhanced CT Image',
    modules: [
      ...COMMON,
      'GeneralSeries',
      'CTSeries',
      'MultiFrameFunctionalGroups',
      'AcquisitionContext',
      'ContrastBolus',
      'EnhancedCTImage',
    ],
  },
  '1.2.840.10008.5.1.4.1.1.4': { name: 'MR Image', modules: [...IMAGE, 'ContrastBolus'] },
  '1.2.840.10008.5.1.4.1.1.4.1': {
    name: 'Enhanced MR Image',
    modules: [...ENHANCED, 'MRSeries', 'EnhancedMRImage'],
  },
  '1.2.840.10008.5.1.4.1.1.4.2': {
    name: 'MR Spectroscopy',
    modules: [...ENHANCED, 'MRSeries', 'MRSpectroscopy'],
  },
  '1.2.840.10008.5.1.4.1.1.4.3': {
    name: 'Enhanced MR Color Image',
    modules: [...ENHANCED, 'MRSeries', 'EnhancedMRImage'],
  },
  '1.2.840.10008.5.1.4.1.1.4.4': {
    name: 'Legacy Converted Enhanced MR Image',
    modules: [
      ...COMMON,
      'GeneralSeries',
      'MRSeries',
      'MultiFrameFunctionalGroups',
      'AcquisitionContext',
      'ContrastBolus',
      'EnhancedMRImage',
    ],
  },
  '1.2.840.10008.5.1.4.1.1.1': { name: 'CR Image', modules: [...IMAGE, 'ContrastBolus', 'CRImage'] },
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.1.1', 'Digital X-Ray Image For Presentation'],
      ['1.2.840.10008.5.1.4.1.1.1.1.1', 'Digital X-Ray Image For Processing'],
      ['1.2.840.10008.5.1.4.1.1.1.2', 'Digital Mammography X-Ray Image For Presentation'],
      ['1.2.840.10008.5.1.4.1.1.1.2.1', 'Digital Mammography X-Ray Image For Processing'],
      ['1.2.840.10008.5.1.4.1.1.1.3', 'Digital Intra-Oral X-Ray Image For Presentation'],
      ['1.2.840.10008.5.1.4.1.1.1.3.1', 'Digital Intra-Oral X-Ray Image For Processing'],
    ].map(([uid, name]): [string, IodDefinition] => [
      uid!,
      {
        name: name!,
        modules: [...IMAGE, 'ContrastBolus', 'AcquisitionContext', 'DXSeries', 'DXImage', 'DXDetector'],
      },
    ]),
  ),
  '1.2.840.10008.5.1.4.1.1.13.1.3': {
    name: 'Breast Tomosynthesis Image',
    modules: [...ENHANCED, 'EnhancedMammographySeries'],
  },
  '1.2.840.10008.5.1.4.1.1.6.1': { name: 'US Image', modules: [...IMAGE, 'ContrastBolus', 'USImage'] },
  '1.2.840.10008.5.1.4.1.1.3.1': {
    name: 'US Multi-frame Image',
    modules: [...IMAGE, 'ContrastBolus', 'USImage'],
  },
  '1.2.840.10008.5.1.4.1.1.6': {
    name: 'US Image (retired)',
    modules: [...IMAGE, 'ContrastBolus', 'USImage'],
  },
  '1.2.840.10008.5.1.4.1.1.3': {
    name: 'US Multi-frame Image (retired)',
    modules: [...IMAGE, 'ContrastBolus', 'USImage'],
  },
  '1.2.840.10008.5.1.4.1.1.6.2': {
    name: 'Enhanced US Volume',
    modules: [
      ...ENHANCED,
      'GeneralImage',
      'GeneralAcquisition',
      'GeneralReference',
      'EnhancedUSSeries',
      'EnhancedUSImage',
    ],
  },
  '1.2.840.10008.5.1.4.1.1.20': { name: 'NM Image', modules: [...IMAGE, 'AcquisitionContext'] },
  '1.2.840.10008.5.1.4.1.1.128': {
    name: 'PET Image',
    modules: [...IMAGE, 'AcquisitionContext', 'PETSeries', 'PETImage'],
  },
  '1.2.840.10008.5.1.4.1.1.130': {
    name: 'Enhanced PET Image',
    modules: [...ENHANCED, 'EnhancedPETSeries', 'EnhancedPETImage'],
  },
  '1.2.840.10008.5.1.4.1.1.128.1': {
    name: 'Legacy Converted Enhanced PET Image',
    modules: [
      ...COMMON,
      'GeneralSeries',
      'EnhancedPETSeries',
      'MultiFrameFunctionalGroups',
      'AcquisitionContext',
      'EnhancedPETImage',
    ],
  },
  '1.2.840.10008.5.1.4.1.1.12.1': {
    name: 'X-Ray Angiographic Image',
    modules: [...IMAGE, 'ContrastBolus', 'XRayImage'],
  },
  '1.2.840.10008.5.1.4.1.1.12.1.1': {
    name: 'Enhanced XA Image',
    modules: [...ENHANCED, 'XAXRFSeries', 'EnhancedXAXRFImage'],
  },
  '1.2.840.10008.5.1.4.1.1.12.2': {
    name: 'X-Ray Radiofluoroscopic Image',
    modules: [...IMAGE, 'ContrastBolus', 'XRayImage'],
  },
  '1.2.840.10008.5.1.4.1.1.12.2.1': {
    name: 'Enhanced XRF Image',
    modules: [...ENHANCED, 'XAXRFSeries', 'EnhancedXAXRFImage'],
  },
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.7', 'Secondary Capture Image'],
      ['1.2.840.10008.5.1.4.1.1.7.1', 'Multi-frame Single Bit Secondary Capture Image'],
      ['1.2.840.10008.5.1.4.1.1.7.2', 'Multi-frame Grayscale Byte Secondary Capture Image'],
      ['1.2.840.10008.5.1.4.1.1.7.3', 'Multi-frame Grayscale Word Secondary Capture Image'],
      ['1.2.840.10008.5.1.4.1.1.7.4', 'Multi-frame True Color Secondary Capture Image'],
    ].map(([uid, name]): [string, IodDefinition] => [uid!, { name: name!, modules: IMAGE }]),
  ),
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.77.1.1', 'VL Endoscopic Image'],
      ['1.2.840.10008.5.1.4.1.1.77.1.2', 'VL Microscopic Image'],
      ['1.2.840.10008.5.1.4.1.1.77.1.3', 'VL Slide-Coordinates Microscopic Image'],
      ['1.2.840.10008.5.1.4.1.1.77.1.4', 'VL Photographic Image'],
    ].map(([uid, name]): [string, IodDefinition] => [
      uid!,
      { name: name!, modules: [...IMAGE, 'AcquisitionContext', 'VLImage'] },
    ]),
  ),
  '1.2.840.10008.5.1.4.1.1.77.1.5.1': {
    name: 'Ophthalmic Photography 8 Bit Image',
    modules: [...IMAGE, 'OphthalmicPhotographyImage'],
  },
  '1.2.840.10008.5.1.4.1.1.77.1.5.2': {
    name: 'Ophthalmic Photography 16 Bit Image',
    modules: [...IMAGE, 'OphthalmicPhotographyImage'],
  },
  '1.2.840.10008.5.1.4.1.1.77.1.5.4': {
    name: 'Ophthalmic Tomography Image',
    modules: [...ENHANCED, 'OphthalmicTomographySeries', 'OphthalmicTomographyImage'],
  },

  // Radiotherapy
  '1.2.840.10008.5.1.4.1.1.481.1': {
    name: 'RT Image',
    modules: [...RT, 'GeneralImage', 'GeneralAcquisition', 'ContrastBolus', 'Approval'],
  },
  '1.2.840.10008.5.1.4.1.1.481.2': {
    name: 'RT Dose',
    modules: [...RT, 'GeneralImage', 'RTDose'],
  },
  '1.2.840.10008.5.1.4.1.1.481.3': {
    name: 'RT Structure Set',
    modules: [...RT, 'Approval'],
  },
  '1.2.840.10008.5.1.4.1.1.481.4': {
    name: 'RT Beams Treatment Record',
    modules: [...RT, 'RTGeneralTreatmentRecord'],
  },
  '1.2.840.10008.5.1.4.1.1.481.5': {
    name: 'RT Plan',
    modules: [...RT, 'RTGeneralPlan', 'Approval'],
  },
  '1.2.840.10008.5.1.4.1.1.481.6': {
    name: 'RT Brachy Treatment Record',
    modules: [...RT, 'RTGeneralTreatmentRecord'],
  },
  '1.2.840.10008.5.1.4.1.1.481.7': {
    name: 'RT Treatment Summary Record',
    modules: [...RT, 'RTGeneralTreatmentRecord', 'RTTreatmentSummaryRecord'],
  },
  '1.2.840.10008.5.1.4.1.1.481.8': {
    name: 'RT Ion Plan',
    modules: [...RT, 'RTGeneralPlan', 'Approval'],
  },
  '1.2.840.10008.5.1.4.1.1.481.9': {
    name: 'RT Ion Beams Treatment Record',
    modules: [...RT, 'RTGeneralTreatmentRecord'],
  },

  // Structured reports and key objects
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.88.11', 'Basic Text SR'],
      ['1.2.840.10008.5.1.4.1.1.88.22', 'Enhanced SR'],
      ['1.2.840.10008.5.1.4.1.1.88.33', 'Comprehensive SR'],
      ['1.2.840.10008.5.1.4.1.1.88.34', 'Comprehensive 3D SR'],
      ['1.2.840.10008.5.1.4.1.1.88.35', 'Extensible SR'],
      ['1.2.840.10008.5.1.4.1.1.88.40', 'Procedure Log'],
      ['1.2.840.10008.5.1.4.1.1.88.50', 'Mammography CAD SR'],
      ['1.2.840.10008.5.1.4.1.1.88.65', 'Chest CAD SR'],
      ['1.2.840.10008.5.1.4.1.1.88.69', 'Colon CAD SR'],
      ['1.2.840.10008.5.1.4.1.1.88.70', 'Implantation Plan SR'],
      ['1.2.840.10008.5.1.4.1.1.88.71', 'Acquisition Context SR'],
      ['1.2.840.10008.5.1.4.1.1.88.72', 'Simplified Adult Echo SR'],
      ['1.2.840.10008.5.1.4.1.1.88.74', 'Planned Imaging Agent Administration SR'],
      ['1.2.840.10008.5.1.4.1.1.88.75', 'Performed Imaging Agent Administration SR'],
      ['1.2.840.10008.5.1.4.1.1.88.68', 'Radiopharmaceutical Radiation Dose SR'],
    ].map(([uid, name]): [string, IodDefinition] => [uid!, { name: name!, modules: SR }]),
  ),
  // The dose SR IODs list Enhanced General Equipment (Device Serial Number Type 1) in recent editions;
  // dciodvfy 2022 lists General Equipment only. D keeps the object valid either way.
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.88.67', 'X-Ray Radiation Dose SR'],
      ['1.2.840.10008.5.1.4.1.1.88.73', 'Patient Radiation Dose SR'],
      ['1.2.840.10008.5.1.4.1.1.88.76', 'Enhanced X-Ray Radiation Dose SR'],
    ].map(([uid, name]): [string, IodDefinition] => [
      uid!,
      { name: name!, modules: [...SR, 'EnhancedGeneralEquipment'] },
    ]),
  ),
  '1.2.840.10008.5.1.4.1.1.88.59': {
    name: 'Key Object Selection Document',
    modules: [...COMMON, 'KeyObjectDocumentSeries', 'KeyObjectDocument', 'SRDocumentContent'],
  },

  // Segmentation, registration, parametric maps, raw data
  '1.2.840.10008.5.1.4.1.1.66.4': {
    name: 'Segmentation',
    modules: [
      ...ENHANCED,
      'GeneralImage',
      'GeneralAcquisition',
      'GeneralReference',
      'SegmentationSeries',
      'SegmentationImage',
    ],
  },
  '1.2.840.10008.5.1.4.1.1.66.1': {
    name: 'Spatial Registration',
    modules: [...COMMON, 'GeneralSeries', 'GeneralReference', 'SpatialRegistration'],
  },
  '1.2.840.10008.5.1.4.1.1.66.2': {
    name: 'Spatial Fiducials',
    modules: [...COMMON, 'GeneralSeries', 'GeneralReference', 'SpatialFiducials'],
  },
  '1.2.840.10008.5.1.4.1.1.66': {
    name: 'Raw Data',
    modules: [...COMMON, 'GeneralSeries', 'AcquisitionContext', 'RawData'],
  },
  '1.2.840.10008.5.1.4.1.1.67': {
    name: 'Real World Value Mapping',
    modules: [...COMMON, 'GeneralSeries', 'RealWorldValueMapping'],
  },
  '1.2.840.10008.5.1.4.1.1.30': {
    name: 'Parametric Map',
    modules: [
      ...ENHANCED,
      'GeneralImage',
      'GeneralAcquisition',
      'GeneralReference',
      'ParametricMapSeries',
      'ParametricMapImage',
    ],
  },

  // Encapsulated documents
  '1.2.840.10008.5.1.4.1.1.104.1': { name: 'Encapsulated PDF', modules: DOCUMENT },
  '1.2.840.10008.5.1.4.1.1.104.2': { name: 'Encapsulated CDA', modules: DOCUMENT },
  '1.2.840.10008.5.1.4.1.1.104.3': {
    name: 'Encapsulated STL',
    modules: [...DOCUMENT, 'EnhancedGeneralEquipment'],
  },
  '1.2.840.10008.5.1.4.1.1.104.4': {
    name: 'Encapsulated OBJ',
    modules: [...DOCUMENT, 'EnhancedGeneralEquipment'],
  },
  '1.2.840.10008.5.1.4.1.1.104.5': {
    name: 'Encapsulated MTL',
    modules: [...DOCUMENT, 'EnhancedGeneralEquipment'],
  },

  // Waveforms
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.9.1.1', '12-lead ECG'],
      ['1.2.840.10008.5.1.4.1.1.9.1.2', 'General ECG'],
      ['1.2.840.10008.5.1.4.1.1.9.1.3', 'Ambulatory ECG'],
      ['1.2.840.10008.5.1.4.1.1.9.2.1', 'Hemodynamic Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.3.1', 'Basic Cardiac Electrophysiology Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.4.1', 'Basic Voice Audio Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.4.2', 'General Audio Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.5.1', 'Arterial Pulse Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.6.1', 'Respiratory Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.6.2', 'Multi-channel Respiratory Waveform'],
      ['1.2.840.10008.5.1.4.1.1.9.7.1', 'Routine Scalp Electroencephalogram'],
      ['1.2.840.10008.5.1.4.1.1.9.7.2', 'Electromyogram'],
      ['1.2.840.10008.5.1.4.1.1.9.7.3', 'Electrooculogram'],
      ['1.2.840.10008.5.1.4.1.1.9.7.4', 'Sleep Electroencephalogram'],
      ['1.2.840.10008.5.1.4.1.1.9.8.1', 'Body Position Waveform'],
    ].map(([uid, name]): [string, IodDefinition] => [uid!, { name: name!, modules: WAVEFORM }]),
  ),

  // Presentation states
  ...Object.fromEntries(
    [
      ['1.2.840.10008.5.1.4.1.1.11.1', 'Grayscale Softcopy Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.2', 'Color Softcopy Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.3', 'Pseudo-Color Softcopy Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.4', 'Blending Softcopy Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.5', 'XA/XRF Grayscale Softcopy Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.6', 'Grayscale Planar MPR Volumetric Presentation State'],
      ['1.2.840.10008.5.1.4.1.1.11.8', 'Advanced Blending Presentation State'],
    ].map(([uid, name]): [string, IodDefinition] => [uid!, { name: name!, modules: PRESENTATION }]),
  ),
};

/**
 * Types inside the items of a sequence, by the sequence's tag: the macros that hold combined-code
 * attributes below the top level. Nested attributes not listed here keep the object valid whatever
 * their Type (see `iod-types.ts`).
 */
export const ITEM_TYPES: Readonly<Record<string, ModuleTypes>> = {
  // Patient Module C.7.1.1, Other Patient IDs Sequence: > Patient ID Type 1
  '00101002': { section: 'C.7.1.1', types: { '00100020': '1' } },
  // SR Document General Module C.17.2 / Key Object Document Module C.17.6.2, Referenced Request Sequence:
  '0040A370': {
    section: 'C.17.2',
    types: {
      '00081110': '2', // > Referenced Study Sequence Type 2
      '00321060': '2', // > Requested Procedure Description Type 2
    },
  },
  // Request Attributes Macro (PS3.3 Table 10-9), Request Attributes Sequence of the General Series Module:
  '00400275': {
    section: 'Table 10-9',
    types: {
      '00081110': '3', // > Referenced Study Sequence Type 3
      '00321060': '3', // > Requested Procedure Description Type 3
    },
  },
  // SOP Common Module C.12.1, Contributing Equipment Sequence:
  '0018A001': {
    section: 'C.12.1',
    types: {
      '00080080': '3', // > Institution Name Type 3
      '00081010': '3', // > Station Name Type 3
      '00181000': '3', // > Device Serial Number Type 3
      '00081070': '3', // > Operators' Name Type 3
      '00081072': '3', // > Operator Identification Sequence Type 3
    },
  },
  // Presentation State Relationship Module C.11.11, Referenced Series Sequence: > Referenced Image Sequence Type 1
  '00081115': { section: 'C.11.11', types: { '00081140': '1' } },
  // Graphic Annotation Module C.10.5, Graphic Annotation Sequence: > Referenced Image Sequence Type 1C
  '00700001': { section: 'C.10.5', types: { '00081140': '1C' } },
  // Displayed Area Module C.10.4, Displayed Area Selection Sequence: > Referenced Image Sequence Type 1C
  '0070005A': { section: 'C.10.4', types: { '00081140': '1C' } },
  // Softcopy VOI LUT Module C.11.8, Softcopy VOI LUT Sequence: > Referenced Image Sequence Type 1C
  '00283110': { section: 'C.11.8', types: { '00081140': '1C' } },
  // SR Document Content Module C.17.3 (Document Content Macro), Content Sequence: > Observation DateTime Type 1C
  '0040A730': { section: 'C.17.3', types: { '0040A032': '1C' } },
  // RT Beams Module C.8.8.14, Beam Sequence: > Treatment Machine Name Type 2
  '300A00B0': { section: 'C.8.8.14', types: { '300A00B2': '2' } },
  // RT Ion Beams Module C.8.8.25, Ion Beam Sequence: > Treatment Machine Name Type 2
  '300A03A2': { section: 'C.8.8.25', types: { '300A00B2': '2' } },
  // RT Treatment Machine Record Module C.8.8.18, Treatment Machine Sequence: > Treatment Machine Name Type 2
  '300A0206': { section: 'C.8.8.18', types: { '300A00B2': '2' } },
};

/**
 * For SOP classes not listed above: the Type the attribute has in the General modules every image IOD
 * has (Patient, Patient Study, General Study, General Series, General Equipment, General Image, General
 * Acquisition, General Reference, SOP Common), made conservative: a non-sequence attribute of those
 * modules counts as Type 2 (kept empty rather than removed); a sequence that some IOD requires counts
 * as 1C (kept, its UIDs remapped); other sequences as Type 3. Attributes of no General module are Type 3.
 */
export const UNKNOWN_SOP_CLASS_TYPES: Readonly<Record<string, IodType>> = {
  '00080012': '2', // SOP Common C.12.1: Instance Creation Date (3, counted as 2)
  '00080013': '2', // SOP Common C.12.1: Instance Creation Time (3, counted as 2)
  '00080021': '2', // General Series C.7.3.1: Series Date (3; Type 1 in PET Series)
  '00080031': '2', // General Series C.7.3.1: Series Time (3; Type 1 in PET Series)
  '00080022': '2', // General Acquisition C.7.10.1: Acquisition Date (3; Type 2 in PET Image)
  '00080032': '2', // General Acquisition C.7.10.1: Acquisition Time (3; Type 2 in PET Image)
  '0008002A': '2', // General Acquisition C.7.10.1: Acquisition DateTime (3; 1 or 2 in several IODs)
  '00080023': '2', // General Image C.7.6.1: Content Date 2C
  '00080033': '2', // General Image C.7.6.1: Content Time 2C
  '00080080': '2', // General Equipment C.7.5.1: Institution Name (3, counted as 2)
  '00081010': '2', // General Equipment C.7.5.1: Station Name (3, counted as 2)
  '00181000': '2', // General Equipment C.7.5.1: Device Serial Number (3; Type 1 in Enhanced General Equipment)
  '00081070': '2', // General Series C.7.3.1: Operators' Name (3; Type 2 in RT Series)
  '00181030': '2', // General Series C.7.3.1: Protocol Name (3, counted as 2)
  '00100020': '2', // Patient C.7.1.1: Patient ID 2
  '00102203': '2', // Patient Study C.7.2.2: Patient's Sex Neutered 2C
  '00081072': '3', // General Series C.7.3.1: Operator Identification Sequence 3 (an empty sequence would be invalid)
  '00081110': '3', // General Study C.7.2.1: Referenced Study Sequence 3 (an empty sequence would be invalid)
  '00081111': '1C', // General Series C.7.3.1: Referenced PPS Sequence (3; 2 in SR series, 1C in enhanced series)
  '00081140': '1C', // General Reference C.12.4: Referenced Image Sequence (3; 1C in X-Ray and VL images)
  '00082112': '1C', // General Reference C.12.4: Source Image Sequence (3; 1C/2C in some IODs)
};

/**
 * For unknown SOP classes whose dataset has functional groups (Shared Functional Groups Sequence): the
 * Types of the Multi-frame Functional Groups (C.7.6.16) and Enhanced General Equipment (C.7.5.2) modules.
 */
export const UNKNOWN_ENHANCED_TYPES: Readonly<Record<string, IodType>> = {
  '00080023': '1', // Multi-frame Functional Groups C.7.6.16: Content Date Type 1
  '00080033': '1', // Multi-frame Functional Groups C.7.6.16: Content Time Type 1
  '00181000': '1', // Enhanced General Equipment C.7.5.2: Device Serial Number Type 1
};
