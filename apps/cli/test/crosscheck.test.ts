import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/index.js';

// Cross-tool check: the cases are written by pydicom and our output is judged by pydicom, never by our
// own reader. Debian's python3-pydicom (installed by .ci/run) provides it.
const PYTHON = '/usr/bin/python3';
const TOOLS = new URL('../../../tools/crosscheck/', import.meta.url).pathname;

function python(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(PYTHON, [join(TOOLS, script), ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cross-tool check with pydicom', () => {
  it('has pydicom available (apt-get install python3-pydicom)', () => {
    const probe = spawnSync(PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' });
    expect({ status: probe.status, hint: 'install Debian python3-pydicom' }).toEqual({
      status: 0,
      hint: 'install Debian python3-pydicom',
    });
  });

  it.each(['basic', 'longitudinal', 'research'])(
    'leaves no PHI that pydicom can find, anywhere, and keeps technical values (%s profile)',
    async (profile) => {
      const dir = await mkdtemp(join(tmpdir(), 'mic-xc-'));
      const made = python('make_phi_case.py', [join(dir, 'in')]);
      expect(made.status).toBe(0);
      expect(existsSync(join(dir, 'answer-key.json'))).toBe(true);
      const keyFile = join(dir, 'k');
      await writeFile(keyFile, `${'0123456789abcdef'.repeat(4)}\n`, { mode: 0o600 });

      // The checker itself must see the PHI in the inputs (a checker that cannot fail proves nothing).
      const inputCheck = python('check_output.py', [join(dir, 'in'), join(dir, 'answer-key.json')]);
      expect(inputCheck.status).toBe(1);
      expect(JSON.parse(inputCheck.stdout).leaks.length).toBeGreaterThan(50);

      let out = '';
      const code = await main(
        [
          'deidentify',
          join(dir, 'in'),
          '-o',
          join(dir, 'out'),
          '--key-file',
          keyFile,
          '--profile',
          profile,
          '--no-progress',
          '--json',
        ],
        {
          stdout: { write: (s: string) => (out += s) },
          stderr: { write: () => true },
          env: { MEDIMAGECLEANER_PROFILES_DIR: join(dir, 'profiles') },
          cwd: dir,
        },
      );
      expect(code).toBe(0);
      expect(JSON.parse(out).counts.released).toBe(4);
      // Retain Device Identity keeps the device serial number, Retain Patient Characteristics the
      // occupation: by design.
      const allow = profile === 'research' ? ['--allow', 'serial', '--allow', 'occupation'] : [];
      const check = python('check_output.py', [join(dir, 'out'), join(dir, 'answer-key.json'), ...allow]);
      expect(JSON.parse(check.stdout)).toEqual({ files: 4, leaks: [], changed: [], inconsistent: [] });
      expect(check.status).toBe(0);
    },
  );
});
