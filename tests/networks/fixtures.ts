/** Paths of the hand-written network fixtures and of the optional real data sets. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function fixturePath(name: string): string {
  return path.resolve(here, '../fixtures/networks', name);
}

export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A file of the shared data directory beside the repository (may be absent). */
export function sharedData(...parts: string[]): string {
  return path.resolve(here, '../../../shared/data', ...parts);
}
