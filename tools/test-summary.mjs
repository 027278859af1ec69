#!/usr/bin/env node
// Sums the jest JSON results of every project (written to .test-results/ by each project's test
// target) and prints one closing line, `N passed, N failed`, that CI systems read.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../.test-results/', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let files = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const result = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  files++;
}
if (files === 0) {
  console.error('no test results found in .test-results/');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
