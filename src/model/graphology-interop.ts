/**
 * graphology's Graph class and graphology-communities-louvain's function,
 * typed for every module resolution. Their typings declare a CommonJS-style
 * default export, which TypeScript under Node's own resolution (NodeNext,
 * what a published package's users often have) reads as the module object,
 * not the class or the function: `new Graph()` and `louvain.detailed` then
 * fail to type-check there, though both work at run time. Taking the values
 * from the module object here, once, keeps every other file free of the
 * quirk and the same under Node, bundlers and the browser.
 */
import * as graphology from 'graphology';
import * as louvainModule from 'graphology-communities-louvain';
import type { DetailedLouvainOutput, LouvainOptions } from 'graphology-communities-louvain';
import type { AbstractGraph, Attributes, GraphConstructor } from 'graphology-types';

/** A graphology graph (any type). */
export type Graph<N extends Attributes = Attributes, E extends Attributes = Attributes> = AbstractGraph<N, E>;

type ModuleObject = { readonly default?: unknown; readonly Graph?: unknown };

/** The module's value: its named export when there is one, else its default (the ES-module or the CommonJS form). */
function pick<T>(mod: ModuleObject, named: keyof ModuleObject): T {
  const v = mod[named] ?? mod.default;
  // A CommonJS module imported by a bundler may arrive wrapped once more.
  const inner = v !== null && typeof v === 'object' && 'default' in v ? (v as { default: unknown }).default : v;
  return inner as T;
}

/** graphology's Graph constructor (mixed, simple or multi, per its options). */
export const Graph: GraphConstructor = pick<GraphConstructor>(graphology as unknown as ModuleObject, 'Graph');

/** graphology-communities-louvain, the part echolab uses. */
export interface Louvain {
  detailed(graph: AbstractGraph, options?: Partial<LouvainOptions>): DetailedLouvainOutput;
}

export const louvain: Louvain = pick<Louvain>(louvainModule as unknown as ModuleObject, 'default');
