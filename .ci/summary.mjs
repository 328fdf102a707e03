// Prints "N passed, N failed" from vitest's JSON report; a failed typecheck or lint (no report) counts as 1 failure.
import { existsSync, readFileSync } from 'node:fs';

const [path, status] = process.argv.slice(2);
if (!existsSync(path)) {
  console.log(`0 passed, ${status === '0' ? 0 : 1} failed`);
} else {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const failed = report.numFailedTests + (status !== '0' && report.numFailedTests === 0 ? 1 : 0);
  console.log(`${report.numPassedTests} passed, ${failed} failed`);
}
