/**
 * Prints one plain closing line after jest's own summary ("Totals: N passed, N failed, N skipped"),
 * a form any CI log reader understands.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(
      `\nTotals: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
