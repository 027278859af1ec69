/**
 * JSON Schema of one user rule (an item of `formats.dicom.rules`). It checks the structure at policy
 * load (closed object, one selector kind, known action, the parameters each action needs, tag and
 * element syntax); what needs the dictionary or a regular expression engine (unknown keyword, invalid
 * pattern, a value not valid for the attribute's VR, a protected attribute) is checked by
 * `compileDicomRules` (see `validateDicomPolicy`).
 */
import { DICOM_VRS } from './compile.js';
import { DICOM_RULE_ACTIONS } from './types.js';

/** Syntax of a tag or tag pattern text. */
const TAG_SYNTAX = '^(?:\\([0-9A-Fa-fxX]{4},[0-9A-Fa-fxX]{4}\\)|[0-9A-Fa-fxX]{8})$';

/** Keys every selector kind may be combined with. */
const COMMON_KEYS = ['inSequence', 'action', 'value', 'days', 'pattern', 'flags', 'replacement'];

/** JSON Schema (2020-12) of one rule. */
export const DICOM_RULE_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    keyword: {
      description: 'A DICOM keyword of the dcmjs dictionary, e.g. StudyDescription.',
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9_]*$',
    },
    tag: {
      description: 'A tag, (0010,0010) or 00100010; x stands for any hex digit: (0009,xx10), (50xx,xxxx).',
      type: 'string',
      pattern: TAG_SYNTAX,
    },
    privateCreator: {
      description: 'A private creator string: selects (gggg,xxEE) in the block it reserved.',
      type: 'string',
      minLength: 1,
      maxLength: 64,
    },
    element: {
      description: 'With privateCreator: the element offset in the block, hex 00-FF ("0x10" or "10").',
      type: 'string',
      pattern: '^(?:0[xX])?[0-9A-Fa-f]{1,2}$',
    },
    group: {
      description: 'With privateCreator: only in this odd group (hex, e.g. "0029").',
      type: 'string',
      pattern: '^(?:0[xX])?[0-9A-Fa-f]{4}$',
    },
    vr: { description: 'Every public attribute of this VR.', enum: DICOM_VRS },
    inSequence: {
      description: 'Only inside this sequence (keyword or tag), at any depth below it.',
      type: 'string',
      minLength: 1,
    },
    action: { description: 'What to do with the selected attributes.', enum: DICOM_RULE_ACTIONS },
    value: { description: 'replace: the new value (\\ separates values).', type: ['string', 'number'] },
    days: { description: 'jitter: the largest shift in days.', type: 'integer', minimum: 1, maximum: 36500 },
    pattern: { description: 'regex-replace: a JavaScript regular expression.', type: 'string', minLength: 1 },
    flags: {
      description: 'regex-replace: flags among i, m, s, u (g is implied).',
      type: 'string',
      pattern: '^[imsu]*$',
    },
    replacement: { description: 'regex-replace: the replacement ($1 refers to a group).', type: 'string' },
  },
  // At least one selector kind ...
  anyOf: [
    { required: ['keyword'] },
    { required: ['tag'] },
    { required: ['privateCreator'] },
    { required: ['vr'] },
  ],
  dependentRequired: {
    privateCreator: ['element'],
    element: ['privateCreator'],
    group: ['privateCreator'],
  },
  dependentSchemas: {
    // ... and only one: each selector key allows the keys of its own kind only ...
    keyword: { propertyNames: { enum: ['keyword', ...COMMON_KEYS] } },
    tag: { propertyNames: { enum: ['tag', ...COMMON_KEYS] } },
    privateCreator: { propertyNames: { enum: ['privateCreator', 'element', 'group', ...COMMON_KEYS] } },
    vr: { propertyNames: { enum: ['vr', ...COMMON_KEYS] } },
    // ... each parameter belongs to one action ...
    value: { properties: { action: { enum: ['replace'] } } },
    days: { properties: { action: { enum: ['jitter'] } } },
    pattern: { properties: { action: { enum: ['regex-replace'] } } },
    flags: { properties: { action: { enum: ['regex-replace'] } } },
    replacement: { properties: { action: { enum: ['regex-replace'] } } },
  },
  // ... and the actions that take parameters need them.
  allOf: [
    {
      if: { required: ['action'], properties: { action: { const: 'replace' } } },
      then: { required: ['value'] },
    },
    {
      if: { required: ['action'], properties: { action: { const: 'jitter' } } },
      then: { required: ['days'] },
    },
    {
      if: { required: ['action'], properties: { action: { const: 'regex-replace' } } },
      then: { required: ['pattern', 'replacement'] },
    },
  ],
});
