/**
 * `echolab import` on the quirks of real archives, spawned. A Twitter15
 * folder written here (both ways: parent -> child lines, and child ->
 * parent with --direction child-parent) holds every documented quirk once
 * and a tree whose ROOT line names another labelled tree's post (as 8 of
 * the 1,490 Twitter15 trees do). Worked out by hand:
 *   tree 500 (label false): L1 ROOT -> 1@0; L2 1 -> 2@1; L3 repeats L2
 *     (duplicate); L4 2 -> 2 (self-loop); L5 2 -> 1 (edge into the root);
 *     L6 1 -> 3@-2 (negative: raised to 0); L7 2 -> 3 (extra parent, dropped).
 *     Entries by time: 1@0, 3@0, 2@1: size 3, depth 1, breadth 2, ν = 4/3.
 *   tree 600 (label true): its ROOT line names post 500: 7@0 -> 8@2. It
 *     stays cascade 600 (it used to become a second "500"), root_post 500.
 * Counts: 9 lines, 1 duplicate, 1 self-loop, 1 edge into the root, 1 extra
 * parent, 1 negative delay; 1 tree whose ROOT line names another post.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/archive/pseudonymise.js';
import { sipHash24Hex } from '../../src/archive/siphash.js';
import { csvCells, removeDir, runCli, tempDir } from './cli-harness.js';

const dirs: string[] = [];
const work = (): string => {
  const d = tempDir('echolab-import-quirks-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

type Triple = readonly [string, string, string];
const T = (u: string, t: string, d: string): Triple => [u, t, d];
const ROOT = T('ROOT', 'ROOT', '0.0');
const TREES: Record<string, [Triple, Triple][]> = {
  '500': [
    [ROOT, T('1', '500', '0.0')],
    [T('1', '500', '0.0'), T('2', '500', '1.0')],
    [T('1', '500', '0.0'), T('2', '500', '1.0')],
    [T('2', '500', '1.0'), T('2', '500', '1.0')],
    [T('2', '500', '1.0'), T('1', '500', '0.0')],
    [T('1', '500', '0.0'), T('3', '500', '-2.0')],
    [T('2', '500', '1.0'), T('3', '500', '-2.0')],
  ],
  '600': [
    [ROOT, T('7', '500', '0.0')],
    [T('7', '500', '0.0'), T('8', '500', '2.0')],
  ],
};

const triple = (t: Triple): string => `['${t[0]}', '${t[1]}', '${t[2]}']`;

/** The folder with lines written `parent->child` or `child->parent`; `extra` lines appended to tree 500. */
function writeFolder(dir: string, direction: 'parent-child' | 'child-parent', extra: string[] = []): void {
  mkdirSync(path.join(dir, 'tree'), { recursive: true });
  writeFileSync(path.join(dir, 'label.txt'), 'false:500\ntrue:600\n');
  for (const [id, edges] of Object.entries(TREES)) {
    const lines = edges.map(([p, c]) => (direction === 'parent-child' ? `${triple(p)}->${triple(c)}` : `${triple(c)}->${triple(p)}`));
    writeFileSync(path.join(dir, 'tree', `${id}.txt`), `${[...lines, ...(id === '500' ? extra : [])].join('\n')}\n`);
  }
}

const read = (file: string): string => readFileSync(file, 'utf8');
const table = (file: string): string[][] => read(file).trimEnd().split('\n').map(csvCells);
const report = (dir: string): Record<string, unknown> => JSON.parse(read(path.join(dir, 'report.json'))) as Record<string, unknown>;
const pseudonym = (key: string, id: string): string => `p${sipHash24Hex(deriveKey(key), new TextEncoder().encode(id))}`;

const COUNTS = {
  lines: 9,
  malformedLines: 0,
  duplicateLines: 1,
  selfLoops: 1,
  edgesIntoRoot: 1,
  extraRootLines: 0,
  extraParentsDropped: 1,
  unreachableNodesDropped: 0,
  negativeDelaysFixed: 1,
  delaysRaisedToParent: 0,
};

describe('echolab import: Twitter15 quirks', () => {
  it('keys cascades by the label id, gives the ROOT line\'s post as root_post, and writes the trees; --strict does not stop on quirks', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 't15'), 'parent-child');
    const r = await runCli(['import', 't15', '--keep-ids', '--strict', '--out', 'o'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const rows = table(path.join(cwd, 'o', 'cascades.csv'));
    expect(rows[0]).toEqual(['source_id', 'label', 'size', 'depth', 'max_breadth', 'structural_virality', 'root_post']);
    expect(rows.slice(1).map((x) => [...x.slice(0, 5), x[6]])).toEqual([
      ['500', 'false', '3', '1', '2', '500'],
      ['600', 'true', '2', '1', '1', '500'],
    ]);
    expect(Number(rows[1][5])).toBeCloseTo(4 / 3, 12);
    expect(read(path.join(cwd, 'o', 'trees.csv'))).toBe('cascade,node,parent,delay,account\n500,0,-1,0,0\n500,1,0,0,1\n500,2,0,1,2\n600,0,-1,0,0\n600,1,0,2,1\n');
    const rep = report(path.join(cwd, 'o'));
    expect(rep).toMatchObject({ kind: 'echolab-import', format: 'twitter15', direction: 'parent-child', cascades: 2, entries: 5, rootPostDiffers: 1, counts: COUNTS });
    // The mismatch is explained by file and line (the tree file named by its label line only without --keep-ids).
    expect(rep.problems).toEqual([{ file: path.join('t15', 'tree', '600.txt'), line: 1, field: 'child.tweet_id', message: expect.stringMatching(/ROOT line names another post than the label file's id/) }]);
    expect(r.stderr).toMatch(/ROOT line names another post\s+1\n/);
    expect(r.stderr).toMatch(/negative delays fixed\s+1\n/);
  });

  it('with --key, root_post and the trees\' cascade column are the same keyed pseudonyms as source_id', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 't15'), 'parent-child');
    const r = await runCli(['import', 't15', '--key', 'k', '--out', 'o'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const rows = table(path.join(cwd, 'o', 'cascades.csv')).slice(1);
    expect(rows.map((x) => [x[0], x[6]])).toEqual([
      [pseudonym('k', '500'), pseudonym('k', '500')],
      [pseudonym('k', '600'), pseudonym('k', '500')],
    ]);
    expect(table(path.join(cwd, 'o', 'trees.csv')).slice(1).map((x) => x[0])).toEqual([...Array(3).fill(pseudonym('k', '500')), ...Array(2).fill(pseudonym('k', '600'))]);
    for (const f of ['cascades.csv', 'trees.csv', 'report.json']) expect(read(path.join(cwd, 'o', f))).not.toMatch(/\b[56]00\b/);
  });

  it('--strict still stops at a malformed line, naming the tree file by its label line', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 't15'), 'parent-child', ["['1', '500', '0.0']->['4', '500', 'soon']"]);
    const r = await runCli(['import', 't15', '--strict'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`echolab: ${path.join('t15', 'tree', '(source of label.txt:1).txt')}:8: malformed propagation-tree line: child.delay: not a finite decimal number\n`);
  });
});

describe('echolab import --direction', () => {
  it('a folder written child -> parent imports with --direction child-parent to the same files as the parent -> child one', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 'down'), 'parent-child');
    writeFolder(path.join(cwd, 'up'), 'child-parent');
    const [down, up, upDefault] = await Promise.all([
      runCli(['import', 'down', '--key', 'k', '--out', 'a'], cwd),
      runCli(['import', 'up', '--direction', 'child-parent', '--key', 'k', '--out', 'b'], cwd),
      runCli(['import', 'up', '--key', 'k', '--out', 'c'], cwd),
    ]);
    for (const r of [down, up]) expect(r.code, r.stderr).toBe(0);
    for (const f of ['cascades.csv', 'trees.csv']) expect(read(path.join(cwd, 'b', f)), f).toBe(read(path.join(cwd, 'a', f)));
    const [a, b] = [report(path.join(cwd, 'a')), report(path.join(cwd, 'b'))];
    expect(b.counts).toEqual(a.counts);
    expect(b.rootPostDiffers).toBe(1);
    expect(b.direction).toBe('child-parent');
    // Read the default way, every ROOT triple is a child: malformed, no tree has a ROOT line, nothing is written.
    expect(upDefault.code).toBe(2);
    expect(upDefault.stderr).toMatch(/2 tree files without a ROOT line.*; nothing was written\. Hint: .*need --direction child-parent\)\n$/);
  });

  it('names fields by role: the first triple of a child-parent line is the child', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 'up'), 'child-parent', ["['4', '500', 'soon']->['1', '500', '0.0']"]);
    const r = await runCli(['import', 'up', '--direction', 'child-parent', '--strict', '--keep-ids'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`echolab: ${path.join('up', 'tree', '500.txt')}:8: malformed propagation-tree line: child.delay: not a finite decimal number\n`);
  });

  it('rejects an unknown direction, and --direction for formats whose columns name the parent', async () => {
    const cwd = work();
    writeFolder(path.join(cwd, 't15'), 'parent-child');
    writeFileSync(path.join(cwd, 'posts.csv'), 'post_id,parent_id,user_id,timestamp\ns,,a,0\n');
    const bad = await runCli(['import', 't15', '--direction', 'up'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('echolab import: invalid `--direction` ("up"): expected parent-child or child-parent (which way each tree line runs)\n');
    const csv = await runCli(['import', 'posts.csv', '--direction', 'child-parent'], cwd);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^echolab import: --direction applies to --format twitter15 only/);
  });
});

describe('echolab import: CSV of posts', () => {
  it('a quoted line break (with a BOM and CRLF line ends) imports the right cascades with exit 0; a ROOT parent is a source; an unknown parent is explained', async () => {
    const cwd = work();
    const rows = [
      'post_id,parent_id,user_id,timestamp,text',
      's1,ROOT,a,0,"a text',
      'on two lines, with ""quotes"""',
      'r1,s1,b,1,"x"',
      'r2,r1,c,2,"and',
      'three',
      'lines"',
      'r3,gone,d,3,y',
    ];
    writeFileSync(path.join(cwd, 'posts.csv'), `\ufeff${rows.join('\r\n')}\r\n`);
    const r = await runCli(['import', 'posts.csv', '--keep-ids', '--out', 'o'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(table(path.join(cwd, 'o', 'cascades.csv')).slice(1).map((x) => x.slice(0, 5))).toEqual([['s1', '', '3', '2', '1']]);
    expect(read(path.join(cwd, 'o', 'trees.csv'))).toBe('cascade,node,parent,delay,account\ns1,0,-1,0,0\ns1,1,0,1,1\ns1,2,1,2,2\n');
    expect(report(path.join(cwd, 'o'))).toMatchObject({ format: 'posts-csv', unknownParents: 1, counts: { lines: 4, malformedLines: 0 } });
    expect(r.stderr).toMatch(/rows with an unknown parent\s+1\n/);
    expect(r.stderr).toContain('posts.csv:8: parent_id: names no post that has a row of its own');
    expect(r.stderr).not.toContain('gone');
  });
});
