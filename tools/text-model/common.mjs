// Shared helpers of the text-model tools: the built core (packages/core/dist), the corpora, labels and
// folds. Reads the PhysioNet dev half only from ../shared; nothing from it is written into the repo.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateNotes } from '../text-synth/generate.mjs';
import { readPhysioNet } from '../text-synth/score.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_PHYSIONET = `${root}../shared/corpus/text/physionet-deid-dev`;
// TEXT_MODEL_CORE: a copy of packages/core (its dist/ and data/) to pin the rules while training.
const dist = `${process.env.TEXT_MODEL_CORE ?? `${root}packages/core`}/dist/`;
if (!existsSync(`${dist}text/model/index.js`)) {
  process.stderr.write(
    'packages/core/dist is missing or old: run `NX_DAEMON=false npx nx run core:build` first\n',
  );
  process.exit(2);
}
export const core = await import(`${dist}index.js`);
export const model = await import(`${dist}text/model/index.js`);
export const { tokenContext } = await import(`${dist}text/tokens.js`);
export const { createWordBook } = await import(`${dist}text/word-info.js`);

/** Model classes (index = label) and the PhysioNet / synthetic gold category of each. */
export const CLASSES = ['O', 'NAME', 'LOCATION', 'DATE', 'PHONE', 'OTHER'];
const CLASS_OF_CATEGORY = {
  PTName: 1,
  HCPName: 1,
  RelativeProxyName: 1,
  'PTName Initial': 1,
  'HCPName Initial': 1,
  Location: 2,
  Date: 3,
  DateYear: 3,
  Phone: 4,
  Age: 5,
  Other: 5,
};

/** Gold class of each model token: the class of the first gold span it overlaps, else O. */
export function labelTokens(tokens, spans) {
  const labels = new Uint8Array(tokens.length);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  tokens.forEach((t, i) => {
    for (const g of sorted) {
      if (g.start >= t.end) break;
      if (g.end > t.start) {
        labels[i] = CLASS_OF_CATEGORY[g.category] ?? 5;
        break;
      }
    }
  });
  return labels;
}

/** Patient number of a PhysioNet note id 'P-N'. */
export const patientOf = (id) => Number(id.split('-')[0]);
/** Cross-validation fold (0 or 1) of a dev-half patient (all even-numbered). */
export const foldOf = (id) => (patientOf(id) / 2) % 2;

export function physionetNotes(dir = DEFAULT_PHYSIONET) {
  return readPhysioNet(dir);
}

/** The synthetic training notes (a fixed seed, so the export is reproducible). */
export function syntheticNotes({ seed = 2026, count = 3000 } = {}) {
  return generateNotes({ seed, count });
}
