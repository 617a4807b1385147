// Prints vitest's JSON report as the closing line "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.log('no test report was written (type-checking or start-up failed)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const failedFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0);
for (const f of failedFiles) console.log(`suite failed to load: ${f.name}: ${(f.message ?? '').split('\n')[0]}`);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// Say why tests were skipped: the reason is in the title of their describe block or of the test.
const reasons = new Map();
for (const f of report.testResults ?? []) {
  for (const a of f.assertionResults ?? []) {
    if (a.status !== 'pending' && a.status !== 'skipped' && a.status !== 'todo') continue;
    // A skipped describe carries the reason in its own title; a single skipped test (it.skipIf) in the test's title.
    const ancestors = (a.ancestorTitles ?? []).join(' > ');
    const title = ancestors && /skipped/i.test(ancestors) ? ancestors : [ancestors, a.title].filter(Boolean).join(' > ');
    reasons.set(title, (reasons.get(title) ?? 0) + 1);
  }
}
for (const [title, count] of reasons) console.log(`skipped ${count}: ${title}`);
const failed = (report.numFailedTests ?? 0) + failedFiles.length;
console.log(`${report.numPassedTests ?? 0} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.success === false ? 1 : 0);
