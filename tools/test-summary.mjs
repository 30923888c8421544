// Prints one plain closing line over the jest JSON reports of the unit and integration tiers and of
// their re-run with the clock moved 1,000 days ahead (`npm run test:future`).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ['tmp/jest-unit.json', 'tmp/jest-int.json', 'tmp/jest-future-unit.json', 'tmp/jest-future-int.json']) {
  if (!existsSync(file)) {
    console.error(`test summary: ${file} is missing`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
