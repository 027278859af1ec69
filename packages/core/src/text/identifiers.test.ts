import { describe, expect, it } from '@jest/globals';
import { createTextPhiDetector, isIpv6, isValidSsn } from './index.js';

const detector = createTextPhiDetector();

/** The text and type of every span found in `text`. */
function found(text: string): Array<[string, string]> {
  return detector.detect(text).map((s) => [text.slice(s.start, s.end), s.type]);
}

describe('record numbers and identifiers', () => {
  it('finds MRNs after their labels, keeping the label', () => {
    expect(found('MRN: 12345678; MR# 1234567; Med Rec No 00-4471; Medical Record Number A7781234')).toEqual([
      ['12345678', 'mrn'],
      ['1234567', 'mrn'],
      ['00-4471', 'mrn'],
      ['A7781234', 'mrn'],
    ]);
  });

  it('finds accession numbers', () => {
    expect(found('Accession: A12345. Acc# 998877. Accession No. RAD-2024-0042')).toEqual([
      ['A12345', 'accession'],
      ['998877', 'accession'],
      ['RAD-2024-0042', 'accession'],
    ]);
  });

  it('finds valid SSNs and rejects 000, 666 and 9xx areas', () => {
    expect(found('SSN 123-45-6789')).toEqual([['123-45-6789', 'ssn']]);
    expect(found('Social Security Number: 123 45 6789')).toEqual([['123 45 6789', 'ssn']]);
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000']) {
      expect(found(`number ${bad} here`).filter(([, type]) => type === 'ssn')).toEqual([]);
    }
    expect(isValidSsn('123456789')).toBe(true);
    expect(isValidSsn('666456789')).toBe(false);
  });

  it('finds generic IDs with context and long bare numbers', () => {
    expect(found('Patient ID: AB12345. Study ID 77-1234. NHS number 943 476 5919.')).toEqual([
      ['AB12345', 'id'],
      ['77-1234', 'id'],
      ['943 476 5919', 'id'],
    ]);
    expect(found('ref 88812345671')).toEqual([['88812345671', 'id']]);
    expect(found('ID: none given')).toEqual([]);
  });

  it('finds DICOM UIDs as one span, without dates inside them', () => {
    const uid = '1.2.840.113619.2.55.3.604688119.969.20240315.320';
    expect(found(`SOP ${uid} stored`)).toEqual([[uid, 'uid']]);
  });
});

describe('contact details', () => {
  it('finds phone numbers in US and international formats', () => {
    expect(found('Call (555) 123-4567 or 555.987.6543 ext 12, or +44 20 7946 0958')).toEqual([
      ['(555) 123-4567', 'phone'],
      ['555.987.6543 ext 12', 'phone'],
      ['+44 20 7946 0958', 'phone'],
    ]);
    expect(found('Tel: 089 1234 5678')).toEqual([['089 1234 5678', 'phone']]);
  });

  it('types a number after a Fax label as fax', () => {
    expect(found('Phone: 555-123-4567, Fax: 555-987-6543')).toEqual([
      ['555-123-4567', 'phone'],
      ['555-987-6543', 'fax'],
    ]);
  });

  it('finds e-mail addresses, URLs and IP addresses', () => {
    expect(
      found('Mail john.doe+rad@example-hospital.org or see https://pacs.example.org/viewer?study=12.'),
    ).toEqual([
      ['john.doe+rad@example-hospital.org', 'email'],
      ['https://pacs.example.org/viewer?study=12', 'url'],
    ]);
    expect(found('Sent from 192.168.1.20 and 2001:db8::8a2e:370:7334 via www.example.com')).toEqual([
      ['192.168.1.20', 'ip'],
      ['2001:db8::8a2e:370:7334', 'ip'],
      ['www.example.com', 'url'],
    ]);
    expect(isIpv6('fe80::1')).toBe(true);
    expect(isIpv6('10:30:45')).toBe(false);
    expect(found('at 10:30:45, pH 7.35, 999.1.1.1')).toEqual([]);
  });
});

describe('addresses and ZIP codes', () => {
  it('finds street addresses, units and PO boxes', () => {
    expect(found('Lives at 123 Main Street, Apt 4B. Mail to 45 Elm St. or PO Box 1234.')).toEqual([
      ['123 Main Street', 'address'],
      ['Apt 4B', 'address'],
      ['45 Elm St.', 'address'],
      ['PO Box 1234', 'address'],
    ]);
    expect(found('1600 Pennsylvania Avenue NW; Hauptstraße 12; 12 rue de la Paix')).toEqual([
      ['1600 Pennsylvania Avenue NW', 'address'],
      ['Hauptstraße 12', 'address'],
      ['12 rue de la Paix', 'address'],
    ]);
  });

  it('finds ZIP codes after a state or a ZIP label only', () => {
    // The town before its state is a place too (smaller than a state: PHI under HIPAA); with the
    // ZIP code after it the line is a postal address, and the state goes with it.
    expect(found('Boston, MA 02115-1234')).toEqual([
      ['Boston, MA', 'location'],
      ['02115-1234', 'zip'],
    ]);
    expect(found('Dallas TX 75201')).toEqual([['75201', 'zip']]);
    expect(found('ZIP: 90210')).toEqual([['90210', 'zip']]);
    // Ambiguous state abbreviations (CT, ID, MD, PA...) need `City, ` before them.
    expect(found('CT 12345, MD 23456 and 5 of 12345')).toEqual([]);
    expect(found('Hartford, CT 06103')).toEqual([
      ['Hartford, CT', 'location'],
      ['06103', 'zip'],
    ]);
  });

  it('does not take multi-phase protocols for addresses', () => {
    expect(found('3 PHASE LIVER CT, 4 VIEW DR, 2 Lesions noted')).toEqual([]);
  });
});

describe('ages over 89', () => {
  it('finds ages over 89 in words and DICOM AS strings', () => {
    expect(found('A 92 years old woman; age 95; 93 y/o; 91-year-old; PatientAge 091Y')).toEqual([
      ['92 years old', 'age'],
      ['95', 'age'],
      ['93 y/o', 'age'],
      ['91-year-old', 'age'],
      ['091Y', 'age'],
    ]);
  });

  it('finds ages over 89 written in German, Spanish, French, Italian and Dutch', () => {
    expect(found('95 Jahre; de 101 años; 96 ans; 92 anni; 94 jaar; 45 Jahre; 30 años')).toEqual([
      ['95 Jahre', 'age'],
      ['101 años', 'age'],
      ['96 ans', 'age'],
      ['92 anni', 'age'],
      ['94 jaar', 'age'],
    ]);
  });

  it('keeps ages up to 89', () => {
    expect(found('A 45 year old man; age 89; 65 y/o; 089Y; 045Y; follow-up in 12 months')).toEqual([]);
  });
});
