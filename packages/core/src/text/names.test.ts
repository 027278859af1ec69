import { describe, expect, it } from '@jest/globals';
import { createTextPhiDetector } from './index.js';

const detector = createTextPhiDetector();

/** The text of every `name` span found in `text`. */
function names(text: string): string[] {
  return detector
    .detect(text)
    .filter((s) => s.type === 'name')
    .map((s) => text.slice(s.start, s.end));
}

describe('name rules', () => {
  it('finds names after titles, keeping the title', () => {
    expect(names('Dr. Maria Garcia-Lopez reviewed on 03/15/2024')).toEqual(['Maria Garcia-Lopez']);
    expect(names("Mrs. O'Brien arrived; Mr Xavier Quartermaine left; DR. JOHN SMITH signed")).toEqual([
      "O'Brien",
      'Xavier Quartermaine',
      'JOHN SMITH',
    ]);
    expect(names('Results discussed with Dr. Smith by telephone.')).toEqual(['Smith']);
  });

  it('finds names after labels and "signed by" phrases', () => {
    expect(names('Patient Name: Oluwaseun Adeyemi')).toEqual(['Oluwaseun Adeyemi']);
    expect(names('Referring Physician: Dr. A. Patel')).toEqual(['A. Patel']);
    expect(names('Electronically signed by: JANE DOE, MD 03/16/2024')).toEqual(['JANE DOE']);
    expect(names('Seen by Priya Raghunathan in clinic')).toEqual(['Priya Raghunathan']);
    expect(names('Radiologist: Susan Miller MD')).toEqual(['Susan Miller']);
  });

  it('finds DICOM PN values and "Last, First" names', () => {
    expect(names('Name: DOE^JOHN^A')).toEqual(['DOE^JOHN^A']);
    expect(names('prior from GARCIA-LOPEZ^MARIA^^^ on file')).toEqual(['GARCIA-LOPEZ^MARIA']);
    expect(names('Smith, John was seen today')).toEqual(['Smith, John']);
    expect(names('WONG, KEVIN')).toEqual(['WONG, KEVIN']);
  });

  it('finds capitalised sequences with a dictionary name, in any script case', () => {
    expect(names('f/u for John Smith')).toEqual(['John Smith']);
    expect(names('JOHN SMITH CT HEAD')).toEqual(['JOHN SMITH']);
    expect(names('Compared with the study of José Hernández and Li Wei.')).toEqual([
      'José Hernández',
      'Li Wei',
    ]);
    expect(names('Will Smith and Grace Kelly attended.')).toEqual(['Will Smith', 'Grace Kelly']);
    // Two ambiguous words (`Will`, `Turner`) are only reported below the default threshold.
    expect(names('Will Turner attended.')).toEqual([]);
  });

  it.each([
    'CT CHEST W CONTRAST',
    'Brain MRI',
    'Axial T2 FLAIR',
    'Liver',
    'Head',
    'Chest',
    'Contrast',
    'Left',
    'Right',
    'Normal',
    'Series',
    'SAG T1 MPRAGE',
    'AX DWI B1000',
    'CT ABD PEL W CON',
    'PET/CT WHOLE BODY',
    'XR CHEST PA LAT',
    'MR BRAIN WO',
    'T2 TSE DIXON',
    'DR CHEST',
    'MRA HEAD COW',
    'SOMATOM Definition AS+',
    'Discovery MR750',
    'Left Lower Lobe',
    'Right Upper Quadrant',
    'Pulmonary Embolism Protocol',
    'Head CT without contrast',
    'Chest X-Ray PA and Lateral',
  ])('flags nothing in the medical phrase %j', (text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('keeps everyday words that are also names, and medical eponyms', () => {
    const text =
      'Will recommend follow-up. Grant the request. Mark the site. White matter and gray matter. ' +
      'Circle of Willis patent. Pouch of Douglas with fluid. Jones fracture. Salter-Harris II fracture. ' +
      "Baker's cyst. Foley catheter. Murphy sign negative. Wilson disease. Fisher grade 3. Wells score 4. " +
      'Bell palsy. Hill-Sachs lesion. Hodgkin lymphoma. Turner syndrome. Brown-Sequard syndrome.';
    expect(detector.detect(text)).toEqual([]);
  });

  it('leaves a full radiology report without names untouched', () => {
    const report = [
      'EXAMINATION: CT CHEST ABDOMEN PELVIS WITH IV CONTRAST',
      'CLINICAL HISTORY: Staging of colon cancer.',
      'TECHNIQUE: Axial images following 100 mL Omnipaque 350. Coronal and sagittal reformats.',
      'FINDINGS: Lungs: 5 mm nodule in the right upper lobe (series 3, image 45). Heart: Normal in size.',
      'Liver: Two hypodense lesions in segment 7, likely cysts. Kidneys: Bilateral simple cysts. Bosniak I.',
      'IMPRESSION: Right upper lobe nodule. Recommend follow-up CT per Fleischner Society guidelines.',
      'May consider PET/CT. Dictated by: Radiology Resident.',
    ].join('\n');
    expect(detector.detect(report)).toEqual([]);
  });

  it('accepts extra names and stop words from the options', () => {
    // A family name no list has (a site's own list adds it), and a given name the site uses as a word.
    const custom = createTextPhiDetector({ familyNames: ['Vaskarro'], stopWords: ['Kevin'] });
    const text = 'Compared with Vaskarro. Kevin protocol.';
    expect(custom.detect(text).map((s) => text.slice(s.start, s.end))).toEqual(['Vaskarro']);
    expect(names('Compared with Vaskarro. Kevin protocol.')).toEqual(['Kevin']);
  });
});
