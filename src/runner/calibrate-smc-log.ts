/**
 * smc-generations.jsonl: the completed generations of an ABC-SMC
 * calibration (`echolab calibrate --method smc`), one per line in
 * generation order, so an interrupted calibration resumes at the next
 * generation (calibrate/abc-smc.ts `resume`). A generation's proposals
 * depend only on the calibration key, the generation index and the previous
 * population, so the population is all a line has to hold; no random state
 * is saved. Each line is appended with a single write and fsync'd (as
 * runs-log.ts does for runs.jsonl): a crash leaves at most an unterminated
 * last line, which reading drops so that generation is redone; any other
 * invalid line is refused with file:line, never guessed at. Numbers JSON
 * cannot hold (a NaN tolerance) are tagged strings, as in runs.jsonl.
 */
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import type { AbcParticle, SmcGenerationRecord } from '../calibrate/abc-smc.js';
import type { UniformPrior } from '../calibrate/abc.js';
import { InputError } from '../model/errors.js';
import { LineAppender } from './line-appender.js';

export const SMC_GENERATIONS_FILE = 'smc-generations.jsonl';

export interface SmcGenerationsLog {
  /** Generations 0…k−1. */
  readonly generations: SmcGenerationRecord[];
  /** The unterminated last line that was dropped (a write cut short), if any. */
  readonly dropped: { readonly line: number; readonly text: string } | null;
}

/** What the lines must match: the calibration's prior, population size and number of generations. */
export interface SmcLogShape {
  readonly prior: UniformPrior;
  readonly particles: number;
  readonly generations: number;
}

export function encodeGeneration(g: SmcGenerationRecord): string {
  const plain = { generation: g.generation, tolerance: g.tolerance, attempts: g.attempts, ess: g.ess, particles: g.particles };
  return JSON.stringify(plain, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `__num:${String(v)}` : v));
}

function decode(line: string): unknown {
  return JSON.parse(line, (_k, v: unknown) => (typeof v === 'string' && v.startsWith('__num:') ? Number(v.slice(6)) : v));
}

/** Why `x` is not generation `index` of this calibration, or null if it is. */
function problem(x: unknown, index: number, shape: SmcLogShape): string | null {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return 'not a generation record';
  const g = x as Record<string, unknown>;
  if (g.generation !== index) return `expected generation ${index}, found ${JSON.stringify(g.generation)}`;
  for (const k of ['tolerance', 'attempts', 'ess']) if (typeof g[k] !== 'number') return `\`${k}\` is not a number`;
  const ps = g.particles;
  const short = index === 0;
  if (!Array.isArray(ps) || ps.length > shape.particles || (!short && ps.length !== shape.particles)) {
    return `expected ${shape.particles} particles (--particles), found ${Array.isArray(ps) ? ps.length : 'none'}`;
  }
  const names = Object.keys(shape.prior);
  for (const p of ps as unknown[]) {
    const q = p as Partial<Record<keyof AbcParticle, unknown>> | null;
    if (q === null || typeof q !== 'object' || typeof q.distance !== 'number' || typeof q.weight !== 'number' || q.params === null || typeof q.params !== 'object') {
      return 'a particle is not {params, distance, weight}';
    }
    const params = q.params as Record<string, unknown>;
    if (Object.keys(params).length !== names.length) return `a particle's parameters are not exactly ${names.join(', ')}`;
    for (const name of names) {
      const v = params[name];
      const [lo, hi] = shape.prior[name];
      if (typeof v !== 'number' || !(v >= lo && v <= hi)) return `particle parameter \`${name}\` = ${JSON.stringify(v)} is outside the prior [${lo}, ${hi}]`;
    }
  }
  return null;
}

/**
 * Read the completed generations. With `repair`, a dropped last line is cut
 * off the file so appends continue on a clean line boundary.
 */
export function readSmcGenerations(file: string, shape: SmcLogShape, options: { repair?: boolean } = {}): SmcGenerationsLog {
  const generations: SmcGenerationRecord[] = [];
  if (!existsSync(file)) return { generations, dropped: null };
  const lines = readFileSync(file, 'utf8').split('\n');
  let dropped: SmcGenerationsLog['dropped'] = null;
  let validBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === lines.length - 1) {
      // A file ending in '\n' splits into a last empty piece; anything else is a write cut short.
      if (line !== '') dropped = { line: i + 1, text: line.length > 80 ? `${line.slice(0, 77)}...` : line };
      break;
    }
    let parsed: unknown;
    try {
      parsed = decode(line);
    } catch {
      throw new InputError('line is not valid JSON (the file was edited or corrupted; delete it and the lines after it to redo those generations)', { file, line: i + 1 });
    }
    const why = problem(parsed, generations.length, shape);
    if (why !== null) {
      throw new InputError(`line is not a generation of this calibration: ${why} (delete it and the lines after it to redo those generations)`, { file, line: i + 1 });
    }
    const prev = generations[generations.length - 1];
    if (generations.length === shape.generations || (prev !== undefined && prev.particles.length < shape.particles)) {
      throw new InputError(`line is a generation after the last one (--generations ${shape.generations}, or generation 0 stopped the run short of particles)`, { file, line: i + 1 });
    }
    generations.push(parsed as SmcGenerationRecord);
    validBytes += Buffer.byteLength(line, 'utf8') + 1;
  }
  if (dropped && options.repair) truncateSync(file, validBytes);
  return { generations, dropped };
}

/** Appends completed generations: one write of one complete line each, then fsync. */
export class SmcGenerationsAppender {
  private readonly lines: LineAppender;

  constructor(file: string) {
    this.lines = new LineAppender(file, 'runner/calibrate-smc-log');
  }

  append(g: SmcGenerationRecord): void {
    this.lines.appendLine(encodeGeneration(g));
  }

  close(): void {
    this.lines.close();
  }
}
