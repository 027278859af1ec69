/**
 * The validation toolkit against the handler: for every place, under the Basic Profile and a
 * research-like policy, 100 % of the injected identifiers are gone and 100 % of the must-keep values
 * unchanged.
 */
import { describe, expect, it } from '@jest/globals';
import { resolvePolicyDocument, type ResolvedPolicy } from '@medimagecleaner/core';
import { SYNTHETIC_PLACES, makeSyntheticCase, verifyCase, type SyntheticPlace } from '../src/index.js';
import { context, deid, handler, inspectContext } from './helpers.js';

const POLICIES: Array<[string, ResolvedPolicy]> = [
  ['basic', resolvePolicyDocument({ name: 'basic-test', extends: 'basic' })],
  [
    'research-like',
    resolvePolicyDocument({
      name: 'research-like',
      extends: 'basic',
      options: {
        retainLongitudinalModifiedDates: true,
        retainPatientCharacteristics: true,
        retainDeviceIdentity: true,
        cleanDescriptors: true,
        cleanStructuredContent: true,
      },
    }),
  ],
];

const CASES: Array<[string, readonly SyntheticPlace[]]> = [
  ...SYNTHETIC_PLACES.map((p): [string, readonly SyntheticPlace[]] => [p, [p]]),
  ['every place', SYNTHETIC_PLACES],
];

describe.each(POLICIES)('under %s', (_name, policy) => {
  it.each(CASES)('%s: every identifier gone, every must-keep value unchanged', async (_label, places) => {
    const { bytes, answerKey } = makeSyntheticCase({ places, seed: 1 });
    // The case is what it claims: everything injected is in the input, nothing changed yet.
    expect(verifyCase(bytes, answerKey)).toEqual({
      leaked: [...new Set(answerKey.identifiers.map((i) => i.value))],
      changed: [],
    });
    const ctx = context(policy);
    const outcome = await deid(bytes, ctx);
    const result = verifyCase(outcome.output.data, answerKey);
    expect(result).toEqual({ leaked: [], changed: [] });
    const findings = await handler.inspect(
      outcome.output.data,
      inspectContext(ctx, outcome.knownIdentifiers),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
