import { describe, expect, it } from '@jest/globals';
import { ErrorCodes, PolicyError, resolvePolicyDocument } from '../src/index.js';

function rejected(doc: unknown): PolicyError {
  try {
    resolvePolicyDocument(doc);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy subject section', () => {
  it('defaults the subject key to PatientID alone', () => {
    expect(resolvePolicyDocument({ name: 'p', extends: 'basic' }).subject).toEqual({ key: ['PatientID'] });
  });

  it('takes the issuer-scoped key, and a later layer overrides an earlier one', () => {
    const scoped = resolvePolicyDocument({
      name: 'p',
      extends: 'basic',
      subject: { key: ['PatientID', 'IssuerOfPatientID'] },
    });
    expect(scoped.subject.key).toEqual(['PatientID', 'IssuerOfPatientID']);
    const plain = resolvePolicyDocument({ name: 'p', extends: 'basic' });
    expect(scoped.hash).not.toBe(plain.hash);
  });

  it('rejects unknown members, unknown keys, an empty key, duplicates and a key not led by PatientID', () => {
    for (const subject of [
      { key: ['PatientName'] },
      { key: [] },
      { key: ['PatientID', 'PatientID'] },
      { key: ['IssuerOfPatientID'] },
      { key: ['IssuerOfPatientID', 'PatientID'] },
      { key: 'PatientID' },
      { keys: ['PatientID'] },
    ]) {
      expect(rejected({ name: 'p', subject }).code).toBe(ErrorCodes.POLICY_INVALID);
    }
  });
});
