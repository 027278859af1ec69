import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, ErrorCodes } from '../errors.js';
import { canonicalHash } from '../policy/canonical-json.js';
import type { ResolvedPolicy } from '../policy/types.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Name of the file, inside a run's state folder, that records the resolved policy the run applied
 * (never the key). `verify` reads it so that it checks the output against the rules it was made with.
 */
export const RUN_POLICY_FILE = 'policy.json';

/** Records `policy` in the run's state folder `stateDir` (created if needed), atomically. */
export async function writeRunPolicy(stateDir: string, policy: ResolvedPolicy): Promise<void> {
  await writeFileAtomic(join(stateDir, RUN_POLICY_FILE), Buffer.from(`${JSON.stringify(policy, null, 2)}\n`));
}

/**
 * Reads the policy a run recorded in `stateDir`, or `undefined` when it recorded none. A record whose
 * content no longer matches its hash (edited by hand, damaged) is refused with a typed error rather
 * than trusted.
 */
export async function readRunPolicy(stateDir: string): Promise<ResolvedPolicy | undefined> {
  const path = join(stateDir, RUN_POLICY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError(ErrorCodes.JOURNAL_INVALID, 'cannot read the recorded policy', {
      file: path,
      cause: error,
    });
  }
  let policy: ResolvedPolicy;
  try {
    policy = JSON.parse(text) as ResolvedPolicy;
  } catch (error) {
    throw new ConfigurationError(ErrorCodes.JOURNAL_INVALID, 'the recorded policy is not valid JSON', {
      file: path,
      cause: error,
    });
  }
  const { hash, ...body } = policy ?? ({} as ResolvedPolicy);
  if (typeof hash !== 'string' || canonicalHash(body) !== hash) {
    throw new ConfigurationError(
      ErrorCodes.JOURNAL_INVALID,
      'the recorded policy does not match its hash (edited or damaged); pass --profile, --config or --recipe',
      { file: path },
    );
  }
  return policy;
}
