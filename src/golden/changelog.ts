/**
 * CHANGELOG.md bookkeeping for the golden layer: accepting changed golden
 * results adds one dated line under the "## Unreleased — results changed"
 * heading, created above the first release heading when absent, so a
 * reader of the changelog learns why an upgrade gives other numbers.
 * Pure text in, text out (the script does the file I/O).
 */

export const UNRELEASED_HEADING = '## Unreleased — results changed';

export const CHANGELOG_HEADER = `# Changelog

All notable changes to echolab. Lines under "${UNRELEASED_HEADING.slice(3)}" are
added by \`npm run golden:update -- --reason "…"\` whenever the golden
results in tests/golden change: they say why the numbers an upgrade gives differ
from the previous version's (see CONTRIBUTING.md).

## 0.1.0

- Seeded simulation core: graph model (CSR), reproducible random streams,
  network generators and importers (edge lists, GML, GEXF, GraphML, cascade
  archives, Twitter API v2).
- Model zoo: Deffuant, Hegselmann–Krause, algorithmic bias, voter,
  coevolving voter, Sasahara et al., Baumann et al., independent cascade, SIR,
  hoax/fact-checking.
- Platform simulator with rankers, moderation, bots and timeline events;
  8 platform scenarios and 5 classic experiments under experiments/.
- Experiment runner and CLI (\`echolab list|run|report|merge|import|compare|calibrate\`),
  reports, cascade comparison with archives, ABC calibration, browser demo.
- Regression layer: golden results (exact) and stored distributions
  (two-sample tests) for every zoo model and bundled experiment.
`;

/** CHANGELOG.md with `line` appended under the Unreleased heading (created above the first release if absent). */
export function withChangelogLine(text: string | null, line: string): string {
  const base = text ?? CHANGELOG_HEADER;
  const lines = base.split('\n');
  let h = lines.findIndex((l) => l.trim() === UNRELEASED_HEADING);
  if (h < 0) {
    const firstRelease = lines.findIndex((l) => l.startsWith('## '));
    const at = firstRelease < 0 ? lines.length : firstRelease;
    lines.splice(at, 0, UNRELEASED_HEADING, '', '');
    h = at;
  }
  // The end of the section: the next heading, or the end; insert after its last non-blank line.
  let end = lines.findIndex((l, i) => i > h && l.startsWith('## '));
  if (end < 0) end = lines.length;
  let at = end;
  while (at > h + 1 && lines[at - 1].trim() === '') at--;
  if (at === h + 1) {
    lines.splice(h + 1, 0, '', line);
  } else lines.splice(at, 0, line);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
