import { DISABLEABLE_PHI_TYPES } from '../text/phi-types.js';
import { PROFILE_OPTIONS, SUBJECT_KEY_MEMBERS } from './types.js';

/**
 * JSON Schema of a policy document's core part. Every object is closed (`additionalProperties: false`)
 * so a typo is an error at load, never a silently ignored rule. Format sections are checked by each
 * format handler's own schema.
 */
export const POLICY_DOCUMENT_SCHEMA = {
  $id: 'https://medimagecleaner.dev/schema/policy.json',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string' },
    extends: {
      oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
      ],
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(PROFILE_OPTIONS.map((option) => [option, { type: 'boolean' }])),
    },
    pseudonyms: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dateShiftDays: {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max'],
          properties: {
            min: { type: 'integer', minimum: -36500, maximum: 36500 },
            max: { type: 'integer', minimum: -36500, maximum: 36500 },
          },
        },
      },
    },
    text: {
      type: 'object',
      additionalProperties: false,
      properties: {
        replacement: { enum: ['placeholder', 'surrogate'] },
        minConfidence: { type: 'number', minimum: 0, maximum: 1 },
        disabledTypes: { type: 'array', items: { enum: [...DISABLEABLE_PHI_TYPES] }, uniqueItems: true },
        allow: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 } },
        deny: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 } },
        residualConfidence: { type: 'number', minimum: 0, maximum: 1 },
        model: { type: 'boolean' },
      },
    },
    subject: {
      type: 'object',
      additionalProperties: false,
      properties: {
        key: {
          type: 'array',
          items: { enum: [...SUBJECT_KEY_MEMBERS] },
          minItems: 1,
          uniqueItems: true,
          // The patient ID leads: an issuer alone names no one.
          prefixItems: [{ const: 'PatientID' }],
        },
      },
    },
    pipeline: {
      type: 'object',
      additionalProperties: false,
      properties: {
        unrecognized: { enum: ['skip', 'quarantine'] },
      },
    },
    formats: { type: 'object', additionalProperties: { type: 'object' } },
  },
} as const;
