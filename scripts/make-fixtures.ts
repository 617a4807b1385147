/**
 * Regenerates the synthetic two-camp blog network fixture
 * (tests/fixtures/networks/blogs-two-camps.gml.gz): the same format and
 * quirks as the political-blogs file (directed GML, `value` 0/1, repeated
 * edge records, a self-loop, isolated blogs), but generated here, so tests
 * cover the real-data code path without the real data.
 * Run: npx tsx scripts/make-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { stochasticBlockModel } from '../src/model/generators/stochastic-block-model.js';
import { writeGml } from '../src/model/import/write-gml.js';
import { Rng } from '../src/model/rng.js';

const rng = new Rng('fixtures/blogs-two-camps');
const linked = 160;
const isolated = 20;
const n = linked + isolated;
const sbm = stochasticBlockModel({ n: linked, groups: [84, 76], meanOutDegree: 6, homophily: 0.9, directed: true }, rng.fork('sbm'));
const src = Array.from(sbm.edges.src.subarray(0, sbm.edges.m));
const dst = Array.from(sbm.edges.dst.subarray(0, sbm.edges.m));
// polblogs' quirks: 12 repeated records and one self-loop.
for (let k = 0; k < 12; k++) {
  src.push(src[k * 7]);
  dst.push(dst[k * 7]);
}
src.push(5);
dst.push(5);
const ids = Array.from({ length: n }, (_, i) => String(i + 1));
const value = Array.from({ length: n }, (_, i) => (i < linked ? sbm.group[i] : i % 2));
const text = writeGml({
  directed: true,
  ids,
  edges: { n, directed: true, src: Int32Array.from(src), dst: Int32Array.from(dst), m: src.length },
  attributes: { label: ids.map((id) => `blog-${id}.example`), value, source: ids.map(() => 'synthetic') },
  edgeAttributes: {},
  graphAttributes: { Creator: 'echolab scripts/make-fixtures.ts: synthetic two-camp blogs' },
});
writeFileSync(new URL('../tests/fixtures/networks/blogs-two-camps.gml.gz', import.meta.url), gzipSync(Buffer.from(text), { level: 9 }));
console.log(`wrote blogs-two-camps.gml.gz: ${n} nodes, ${src.length} edge records`);
