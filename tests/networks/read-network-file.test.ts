import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, readNetworkFile } from '../../src/io/read-network-file.js';
import { fixture, fixturePath } from './fixtures.js';
import { inputError } from './network-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'echolab-networks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readNetworkFile', () => {
  it('picks the parser by extension', () => {
    expect(readNetworkFile(fixturePath('two-factions.gml')).format).toBe('gml');
    expect(readNetworkFile(fixturePath('two-factions.gexf')).format).toBe('gexf');
    expect(readNetworkFile(fixturePath('two-factions.graphml')).format).toBe('graphml');
    const csv = readNetworkFile(fixturePath('follows-with-header.csv'));
    expect(csv.format).toBe('edgelist');
    expect(csv.records).toBe(5);
    expect(csv.source).toBe(fixturePath('follows-with-header.csv'));
  });

  it('reads gzip files, by extension and by magic number', () => {
    const gz = path.join(dir, 'factions.gml.gz');
    writeFileSync(gz, gzipSync(fixture('two-factions.gml')));
    const net = readNetworkFile(gz);
    expect(net.format).toBe('gml');
    expect(net.records).toBe(11);
    const oddName = path.join(dir, 'edges.data');
    writeFileSync(oddName, gzipSync('a b\nb c\n'));
    expect(readNetworkFile(oddName).records).toBe(2);
  });

  it('sniffs the content when the extension says nothing', () => {
    expect(detectFormat('x.bin', fixture('two-factions.gexf'))).toBe('gexf');
    expect(detectFormat('x.bin', fixture('two-factions.graphml'))).toBe('graphml');
    expect(detectFormat('x.bin', fixture('two-factions.gml'))).toBe('gml');
    expect(detectFormat('x.bin', fixture('follows.txt'))).toBe('edgelist');
    expect(detectFormat('x.constructor', 'a b')).toBe('edgelist');
    expect(detectFormat('X.GML.GZ', '')).toBe('gml');
  });

  it('passes options through: format, directed, header, node table', () => {
    const asGml = path.join(dir, 'graph.txt');
    writeFileSync(asGml, fixture('two-factions.gml'));
    expect(readNetworkFile(asGml, { format: 'gml', directed: false }).directed).toBe(false);
    expect(readNetworkFile(fixturePath('follows.txt'), { header: true }).records).toBe(4);
    const withNodes = readNetworkFile(fixturePath('follows-with-header.csv'), { nodes: fixturePath('nodes.csv') });
    expect(withNodes.ids).toHaveLength(5);
    expect(withNodes.attributes.leaning).toEqual([0, 1, 0, 1, null]);
  });

  it('missing files, directories and corrupt gzip are InputErrors naming the file', () => {
    const missing = path.join(dir, 'nope.gml');
    const err = inputError(() => readNetworkFile(missing));
    expect(err.file).toBe(missing);
    expect(err.message).toContain('no such file');
    expect(inputError(() => readNetworkFile(dir)).message).toContain('directory');
    const corrupt = path.join(dir, 'bad.gml.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(inputError(() => readNetworkFile(corrupt)).message).toContain('gzip');
    expect(inputError(() => readNetworkFile(fixturePath('follows.txt'), { nodes: missing })).file).toBe(missing);
    expect(inputError(() => readNetworkFile(fixturePath('follows.txt'), { format: 'pajek' as 'gml' })).field).toBe('format');
  });
});
