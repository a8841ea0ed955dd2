#!/usr/bin/env node
/**
 * Adds up jest --json result files and extra check results into the one line CI reads:
 * "N passed, N failed, N skipped". Usage: summarize-jest.js RESULTS_DIR
 * Extra checks (typecheck, lint, ...) are files RESULTS_DIR/check-NAME.status holding "passed" or "failed".
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

for (const file of fs.readdirSync(dir).sort()) {
  const full = path.join(dir, file);
  if (file.endsWith('.json')) {
    const result = JSON.parse(fs.readFileSync(full, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += result.numPendingTests + result.numTodoTests;
    // A suite that failed to run (syntax error, failed setup) has no failed test: count it as one.
    const broken = result.testResults.filter(
      (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
    );
    failed += broken.length;
    for (const suite of broken)
      problems.push(`suite did not run: ${path.relative(process.cwd(), suite.name)}`);
    if (
      !result.success &&
      result.numFailedTests === 0 &&
      broken.length === 0 &&
      result.numTotalTests > 0
    ) {
      failed += 1;
      problems.push(`${file}: jest reported failure`);
    }
  } else if (file.startsWith('check-') && file.endsWith('.status')) {
    const status = fs.readFileSync(full, 'utf8').trim();
    if (status === 'passed') passed += 1;
    else {
      failed += 1;
      problems.push(`check failed: ${file.slice(6, -7)}`);
    }
  }
}

for (const problem of problems) console.log(problem);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
