/**
 * The README examples of every package are tests: `tools/check-readme-examples.mjs` typechecks each
 * ```ts block against the built packages and runs it. This project's test target runs after every
 * package it re-exports is built, so the check sees what a user who installed them would.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOL = new URL('../../../tools/check-readme-examples.mjs', import.meta.url).pathname;

describe('README examples', () => {
  it('typecheck against the built packages and run without error', () => {
    const run = spawnSync(process.execPath, [TOOL], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/README examples: [1-9]\d* typechecked and run, 0 failed/);
  });

  it('fail on an example that does not typecheck, naming the README line, and leave out marked ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mic-readme-test-'));
    const readme = join(dir, 'README.md');
    writeFileSync(
      readme,
      [
        '# demo',
        '',
        '<!-- example: not runnable -->',
        '```ts',
        "const skipped: number = 'never compiled';",
        '```',
        '',
        '```ts',
        'const ok = 1;',
        "const broken: number = 'text';",
        '```',
        '',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [TOOL, readme], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/README\.md:10:\d+: error TS2322/);
    expect(run.stderr).not.toContain(':5:');
  });
});
