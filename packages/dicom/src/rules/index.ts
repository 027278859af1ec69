/**
 * User rules on top of the profiles: JSON/YAML (`formats.dicom.rules`) or the text recipe, compiled to
 * one validated form the engine consults before the profile.
 */
export {
  DICOM_RULE_ACTIONS,
  RULE_RANKS,
  type DicomRule,
  type DicomRuleAction,
  type CompiledDicomRule,
  type CompiledSelector,
  type RuleRank,
} from './types.js';
export {
  checkDicomRules,
  compileDicomRules,
  describeRule,
  DICOM_VRS,
  type DicomRuleProblem,
} from './compile.js';
export { CompiledDicomRules } from './match.js';
export { RULE_FINDINGS, jitterDays } from './apply.js';
export type { RuleSite } from '../engine-env.js';
export { DICOM_RULE_SCHEMA } from './schema.js';
export {
  parseDicomRecipe,
  readDicomRecipe,
  formatDicomRecipe,
  type RecipeProblem,
  type RecipeRule,
} from './recipe.js';
export { parseTagText, protectedReason, type TagPattern } from './tag-pattern.js';
