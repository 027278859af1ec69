/**
 * The learned PHI token classifier of the text engine: feature extraction and a synchronous
 * TypeScript forward pass over the weights shipped in `models/text-phi-token/`.
 */
export { extractFeatures, FEATURE_COUNT, FEATURE_VERSION, RULE_FAMILIES, WORD_BUCKETS } from './features.js';
export type { ModelToken, TokenFeatures } from './features.js';
export { createTokenModel, DEFAULT_MODEL_DIR, MODEL_RULE, TOKEN_CLASSES } from './token-model.js';
export type { TokenClass, TokenModel, TokenModelOptions } from './token-model.js';
