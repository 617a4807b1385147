/**
 * Reading a network file from disk (Node only: fs and zlib): picks the
 * parser by extension (`.gml`, `.gexf`, `.graphml`, `.txt`/`.csv`/`.tsv`/
 * `.edges`/`.edgelist`/..., each optionally `.gz`), falls back to sniffing the
 * content, gunzips gzip data, and hands the text to the pure parsers in
 * src/model/import. This is the only module of the network importers that
 * touches the file system.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../model/errors.js';
import type { Delimiter } from '../model/import/delimited-fields.js';
import type { ImportedNetwork } from '../model/import/imported-network.js';
import { parseEdgeList } from '../model/import/parse-edge-list.js';
import { parseGexf } from '../model/import/parse-gexf.js';
import { parseGml } from '../model/import/parse-gml.js';
import { parseGraphml } from '../model/import/parse-graphml.js';

export type NetworkFileFormat = 'edgelist' | 'gml' | 'gexf' | 'graphml';

export interface ReadNetworkFileOptions {
  /** Parser to use (default 'auto': by extension, else by content). */
  readonly format?: 'auto' | NetworkFileFormat;
  /** Read as directed or undirected (default: as the file declares; edge lists: directed). */
  readonly directed?: boolean;
  /** Edge lists: the first line is a header (default 'auto': detected). */
  readonly header?: boolean | 'auto';
  /** Edge lists: field separator (default 'auto'). */
  readonly delimiter?: Delimiter | 'auto';
  /** Edge lists: path of a node table (id column plus attributes) fixing the nodes. */
  readonly nodes?: string;
  /** Name of the node table in messages (default: its path). */
  readonly nodesName?: string;
  /** Edge lists: id column of the node table. */
  readonly idColumn?: string;
}

const EXTENSIONS: Record<string, NetworkFileFormat> = {
  gml: 'gml',
  gexf: 'gexf',
  graphml: 'graphml',
  txt: 'edgelist',
  csv: 'edgelist',
  tsv: 'edgelist',
  edges: 'edgelist',
  edgelist: 'edgelist',
  el: 'edgelist',
  dat: 'edgelist',
};

export function readNetworkFile(path: string, options: ReadNetworkFileOptions = {}): ImportedNetwork {
  return parseNetworkText(path, readText(path), options);
}

/** As readNetworkFile, on the text of the file at `path` already read (`path` picks the parser and names the file). */
export function parseNetworkText(path: string, text: string, options: ReadNetworkFileOptions = {}): ImportedNetwork {
  const format = options.format === undefined || options.format === 'auto' ? detectFormat(path, text) : options.format;
  switch (format) {
    case 'gml':
      return parseGml(text, { file: path, directed: options.directed });
    case 'gexf':
      return parseGexf(text, { file: path, directed: options.directed });
    case 'graphml':
      return parseGraphml(text, { file: path, directed: options.directed });
    case 'edgelist':
      return parseEdgeList(text, {
        file: path,
        directed: options.directed,
        header: options.header,
        delimiter: options.delimiter,
        nodes: options.nodes !== undefined ? readText(options.nodes) : undefined,
        nodesFile: options.nodesName ?? options.nodes,
        idColumn: options.idColumn,
      });
    default:
      throw new InputError(`invalid \`format\` (${JSON.stringify(format)}): expected "auto", "edgelist", "gml", "gexf" or "graphml"`, { file: path, field: 'format' });
  }
}

/** The file's text, gunzipped when it is gzip data (by magic number, whatever the name). */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError('cannot read network file: it is a directory', { file: path });
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read network file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file: path });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new InputError(`cannot read network file: corrupt gzip data (${(err as Error).message})`, { file: path });
    }
  }
  return bytes.toString('utf8');
}

/** By extension (ignoring a trailing .gz), else by the first characters of the content. */
export function detectFormat(path: string, text: string): NetworkFileFormat {
  const parts = basename(path).toLowerCase().split('.');
  if (parts[parts.length - 1] === 'gz') parts.pop();
  const ext = parts.length > 1 ? parts[parts.length - 1] : '';
  if (Object.prototype.hasOwnProperty.call(EXTENSIONS, ext)) return EXTENSIONS[ext];
  const head = text.slice(0, 4096);
  if (/<gexf[\s>]/.test(head)) return 'gexf';
  if (/<graphml[\s>]/.test(head)) return 'graphml';
  if (/(?:^|\s)graph\s*\[/.test(head)) return 'gml';
  return 'edgelist';
}
