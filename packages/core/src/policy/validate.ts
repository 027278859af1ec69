import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ErrorCodes, PolicyError } from '../errors.js';
import type { FormatHandler } from '../types.js';
import { POLICY_DOCUMENT_SCHEMA } from './schema.js';
import type { PolicyDocument } from './types.js';

// JSON Schema 2020-12, the draft handler schemas declare. Compiled on first use, not on import: worker
// threads import this package but never validate a policy (compiling costs ~100 ms per thread).
let ajv: Ajv2020 | undefined;
let documentValidator: ValidateFunction | undefined;
function compiler(): Ajv2020 {
  return (ajv ??= new Ajv2020({ allErrors: true, strict: false }));
}
function validateDocument(doc: unknown): boolean {
  documentValidator ??= compiler().compile(POLICY_DOCUMENT_SCHEMA);
  return documentValidator(doc) as boolean;
}
const formatValidators = new WeakMap<FormatHandler, ValidateFunction>();

/** Handlers whose schemas check the format sections, by format name. */
export type FormatSchemas = ReadonlyArray<Pick<FormatHandler, 'format' | 'policySchema' | 'validatePolicy'>>;

/**
 * Checks a parsed document against the policy schema and, when handlers are given, each format
 * section against its handler's schema. Throws {@link PolicyError} listing every problem.
 */
export function validatePolicyDocument(
  doc: unknown,
  source: string,
  handlers?: FormatSchemas,
): PolicyDocument {
  if (!validateDocument(doc)) {
    throw invalid(source, describe(documentValidator?.errors));
  }
  const policy = doc as PolicyDocument;
  if (handlers && policy.formats) {
    for (const [format, section] of Object.entries(policy.formats)) {
      const handler = handlers.find((h) => h.format === format);
      if (!handler) {
        throw invalid(source, `formats.${format}: no handler for format '${format}' is registered`);
      }
      if (!handler.policySchema) {
        if (Object.keys(section).length > 0)
          throw invalid(source, `formats.${format}: this format takes no settings`);
        continue;
      }
      const validate = compiled(handler as FormatHandler);
      if (!validate(section)) throw invalid(source, describe(validate.errors, `/formats/${format}`));
    }
  }
  return policy;
}

function compiled(handler: FormatHandler): ValidateFunction {
  let validate = formatValidators.get(handler);
  if (!validate) {
    validate = compiler().compile(handler.policySchema as object);
    formatValidators.set(handler, validate);
  }
  return validate;
}

function invalid(source: string, reason: string): PolicyError {
  return new PolicyError(ErrorCodes.POLICY_INVALID, reason, { file: source });
}

function describe(errors: ErrorObject[] | null | undefined, prefix = ''): string {
  if (!errors?.length) return 'invalid policy';
  return errors
    .map((e) => {
      const where = `${prefix}${e.instancePath}` || '/';
      if (e.keyword === 'additionalProperties') {
        return `${where}: unknown key '${String(e.params['additionalProperty'])}'`;
      }
      if (e.keyword === 'enum') {
        return `${where}: must be one of ${(e.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
      }
      return `${where}: ${e.message ?? 'invalid'}`;
    })
    .filter((line, i, all) => all.indexOf(line) === i)
    .join('; ');
}
