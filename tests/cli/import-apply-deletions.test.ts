/**
 * `echolab import --apply-deletions`: deletions reaching an import already
 * made. The oracle is the importer itself: importing with deletions D1 and
 * then applying D2 must give the folder an import with D1 ∪ D2 gives
 * (cascades.csv and trees.csv byte for byte, the same counts), on
 * generated exports, with and without the follower rule. (Accounts are
 * kept whether protected or not here: a post dropped as protected at
 * import and listed later is not in the import to remove, so it stays
 * counted as protected, where a fresh import would count it as deleted.)
 * Then: applying again changes nothing (idempotence, every byte); a kill
 * after staging or between the two renames leaves the old folder or the
 * new one, never a mix, and the next command repairs it; and the
 * refusals: no key, a wrong key, a fresh random key, a different follower
 * graph, an import without posts.parquet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDeletions } from '../../src/cli/apply-deletions.js';
import { importArchive } from '../../src/cli/import-command.js';
import { IDS, USERS, line } from '../io/v2-export-arbitrary.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'echolab-apply-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CLI = path.resolve('bin/echolab.mjs');

/** Every file of a folder, by name, as text (Parquet as base64). */
function folder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) out[n] = readFileSync(path.join(dir, n)).toString(n.endsWith('.parquet') ? 'base64' : 'utf8');
  return out;
}

function report(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
}

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

/** A fixed export: 40 sources, each with a retweet chain and replies, so deletions have dependents. */
function fixedExport(file: string): void {
  const lines: string[] = [];
  const at = (m: number): string => new Date(Date.UTC(2022, 0, 1) + m * 60_000).toISOString();
  for (let s = 0; s < 40; s++) {
    const src = String(100 + s);
    lines.push(JSON.stringify({ id: src, author_id: USERS[s % 6], created_at: at(s * 10) }));
    for (let k = 1; k <= 4; k++) {
      const type = k % 2 === 0 ? 'replied_to' : 'retweeted';
      const ref = k === 4 ? `${src}-2` : src;
      lines.push(JSON.stringify({ id: `${src}-${k}`, author_id: USERS[(s + k) % 6], created_at: at(s * 10 + k), referenced_tweets: [{ type, id: ref }] }));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('--apply-deletions', () => {
  it('import(D1) then apply(D2) is import(D1 ∪ D2), on generated exports, with and without the follower rule', async () => {
    let run = 0;
    const follows = path.join(root, 'follows.txt');
    writeFileSync(follows, 'a b\nb c\nc a\nd b\nd c\ne a\nf e\nf d\n');
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.subarray(IDS, { maxLength: 2 }),
        fc.subarray(IDS, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (lines, d1, d2, rule) => {
          const k = run++;
          const file = path.join(root, `g${k}.jsonl`);
          writeFileSync(file, `${lines.join('\n')}\n`);
          const f1 = path.join(root, `d1-${k}.txt`);
          const f2 = path.join(root, `d2-${k}.txt`);
          const both = path.join(root, `d12-${k}.txt`);
          writeFileSync(f1, d1.join('\n'));
          writeFileSync(f2, d2.join('\n'));
          writeFileSync(both, [...new Set([...d1, ...d2])].join('\n'));
          const common = { input: file, key: 'K', keepProtected: true, cwd: root, ...(rule ? { followers: follows } : {}) };
          const stepwise = path.join(root, `a${k}`);
          const direct = path.join(root, `b${k}`);
          const first = await importArchive({ ...common, out: stepwise, deletions: f1 }).catch(() => null);
          const once = await importArchive({ ...common, out: direct, deletions: both }).catch(() => null);
          if (first === null) return; // nothing usable to begin with
          await applyDeletions({ dir: stepwise, deletions: f2, key: 'K', ...(rule ? { followers: follows } : {}) });
          if (once === null) {
            // Everything left was deleted: the stepwise folder holds no cascade.
            expect(report(stepwise).cascades).toBe(0);
            return;
          }
          for (const name of ['cascades.csv', 'trees.csv']) expect(readFileSync(path.join(stepwise, name), 'utf8')).toBe(readFileSync(path.join(direct, name), 'utf8'));
          const a = report(stepwise);
          const b = report(direct);
          expect(a.counts).toEqual(b.counts);
          expect(a.twitter).toEqual(b.twitter);
          expect(a.cascades).toBe(b.cascades);
          expect(a.entries).toBe(b.entries);
        },
      ),
      { seed: 21, numRuns: 25 },
    );
  }, 180_000);

  it('removes the listed posts and what hung under them, records it, and a second application changes nothing', () => {
    const file = path.join(root, 'fixed.jsonl');
    fixedExport(file);
    const dir = path.join(root, 'fixed');
    expect(cli(['import', file, '--key', 'K', '--out', dir]).status).toBe(0);
    expect(report(dir).entries).toBe(200);
    const del = path.join(root, 'del.txt');
    // Source 100 (its cascade of 5 goes), reply 101-2 (takes its retweet 101-4), and an id the import never had.
    writeFileSync(del, '100\n101-2\n999\n');
    const r = cli(['import', '--apply-deletions', del, dir, '--key', 'K']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('removed 2 of 3 listed posts');
    const rep = report(dir);
    expect(rep.entries).toBe(200 - 5 - 2);
    expect(rep.cascades).toBe(39);
    expect(rep.deletionsApplied).toEqual([{ file: 'del.txt', listed: 3, removed: 2, dependentsRemoved: 5, entriesBefore: 200, entriesAfter: 193, cascadesBefore: 40, cascadesAfter: 39 }]);
    expect((rep.privacy as { deletedDropped: number }).deletedDropped).toBe(2);
    const after = folder(dir);
    const again = cli(['import', '--apply-deletions', del, dir, '--key', 'K']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('nothing changed');
    expect(folder(dir)).toEqual(after);
    expect(readdirSync(root).filter((n) => /^fixed\.(partial|replaced)-/.test(n))).toEqual([]);
  });

  it('a kill after staging leaves the old folder; a kill between the renames is repaired to the new one', () => {
    const file = path.join(root, 'fixed.jsonl');
    fixedExport(file);
    const del = path.join(root, 'del2.txt');
    writeFileSync(del, '105\n');
    // The folder an uninterrupted run gives.
    const clean = path.join(root, 'clean');
    expect(cli(['import', file, '--key', 'K', '--out', clean]).status).toBe(0);
    expect(cli(['import', '--apply-deletions', del, clean, '--key', 'K']).status).toBe(0);
    const expected = folder(clean);

    const dir = path.join(root, 'crash');
    expect(cli(['import', file, '--key', 'K', '--out', dir]).status).toBe(0);
    const old = folder(dir);
    const staged = cli(['import', '--apply-deletions', del, dir, '--key', 'K'], { ECHOLAB_CRASH_AT: 'staged' });
    expect(staged.signal).toBe('SIGKILL');
    expect(folder(dir)).toEqual(old);
    expect(readdirSync(root).some((n) => n.startsWith('crash.partial-'))).toBe(true);

    const swapping = cli(['import', '--apply-deletions', del, dir, '--key', 'K'], { ECHOLAB_CRASH_AT: 'swapping' });
    expect(swapping.signal).toBe('SIGKILL');
    // Mid-swap the folder is absent: old and new sit beside it, whole.
    expect(existsSync(dir)).toBe(false);
    // The next command repairs it first: the new version is put in place and the stale ones go.
    const next = cli(['import', '--apply-deletions', del, dir, '--key', 'K']);
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('nothing changed');
    const got = folder(dir);
    const { ['report.json']: gotReport, ...gotData } = got;
    const { ['report.json']: wantReport, ...wantData } = expected;
    expect(gotData).toEqual(wantData);
    expect(JSON.parse(gotReport).deletionsApplied).toEqual(JSON.parse(wantReport).deletionsApplied);
    expect(readdirSync(root).filter((n) => n.startsWith('crash.'))).toEqual([]);
  });

  it('an import killed before its swap leaves the previous folder whole, and the next import clears what it left', () => {
    const file = path.join(root, 'fixed.jsonl');
    fixedExport(file);
    const dir = path.join(root, 'reimport');
    expect(cli(['import', file, '--key', 'K', '--out', dir]).status).toBe(0);
    const old = folder(dir);
    // Another export into the same folder, killed once everything is staged: the old import stays.
    const other = path.join(root, 'other.jsonl');
    writeFileSync(other, readFileSync(file, 'utf8').split('\n').slice(0, 50).join('\n'));
    const killed = cli(['import', other, '--key', 'K', '--out', dir], { ECHOLAB_CRASH_AT: 'staged' });
    expect(killed.signal).toBe('SIGKILL');
    expect(folder(dir)).toEqual(old);
    expect(readdirSync(root).some((n) => n.startsWith('reimport.partial-'))).toBe(true);
    // compare reads the old import, and a new import replaces it, leaving nothing beside it.
    expect(report(dir).entries).toBe(200);
    expect(cli(['import', other, '--key', 'K', '--out', dir]).status).toBe(0);
    expect(report(dir).entries).toBe(50);
    expect(readdirSync(root).filter((n) => n.startsWith('reimport.'))).toEqual([]);
  });

  it('refuses without the key, with a wrong key, with a fresh random key, with another follower graph, and without posts.parquet', async () => {
    const file = path.join(root, 'fixed.jsonl');
    fixedExport(file);
    const del = path.join(root, 'del3.txt');
    writeFileSync(del, '100\n');
    const keyed = path.join(root, 'keyed');
    expect(cli(['import', file, '--key', 'K', '--out', keyed]).status).toBe(0);
    const before = folder(keyed);
    expect(cli(['import', '--apply-deletions', del, keyed]).stderr).toMatch(/needs the --key this import was made with/);
    expect(cli(['import', '--apply-deletions', del, keyed, '--key', 'other']).stderr).toMatch(/--key does not match/);
    expect(cli(['import', '--apply-deletions', del, keyed, '--key', 'K', '--out', 'x']).stderr).toMatch(/give no --out/);
    expect(folder(keyed)).toEqual(before);

    const random = path.join(root, 'random');
    expect(cli(['import', file, '--out', random]).status).toBe(0);
    const r = cli(['import', '--apply-deletions', del, random, '--key', 'K']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fresh random key, which was not kept/);

    const f1 = path.join(root, 'f1.txt');
    const f2 = path.join(root, 'f2.txt');
    writeFileSync(f1, 'a b\n');
    writeFileSync(f2, 'a c\n');
    const ruled = path.join(root, 'ruled');
    expect(cli(['import', file, '--key', 'K', '--followers', f1, '--out', ruled]).status).toBe(0);
    expect(cli(['import', '--apply-deletions', del, ruled, '--key', 'K']).stderr).toMatch(/give the same --followers file again/);
    expect(cli(['import', '--apply-deletions', del, ruled, '--key', 'K', '--followers', f2]).stderr).toMatch(/is not the follower graph this import used/);
    expect(cli(['import', '--apply-deletions', del, ruled, '--key', 'K', '--followers', f1]).status).toBe(0);

    const memory = path.join(root, 'memory');
    expect(cli(['import', file, '--key', 'K', '--engine', 'memory', '--out', memory]).status).toBe(0);
    expect(cli(['import', '--apply-deletions', del, memory, '--key', 'K']).stderr).toMatch(/has no posts.parquet/);
  });
});
