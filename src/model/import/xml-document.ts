/**
 * Strict XML parsing for the GEXF and GraphML readers. xmldom (the parser
 * graphology-gexf and graphology-graphml use outside browsers) only logs
 * problems and returns what it could read; here every warning or error
 * becomes an InputError with the file and line, and the elements keep their
 * line numbers for the readers' own checks.
 */
import { DOMParser } from '@xmldom/xmldom';
import { InputError } from '../errors.js';

export function parseXml(text: string, file: string, rootName: string): Document {
  const problems: Array<{ severity: number; message: string }> = [];
  const record = (severity: number) => (message: unknown): void => {
    problems.push({ severity, message: String(message) });
  };
  let doc: Document | undefined;
  try {
    doc = new DOMParser({ locator: {}, errorHandler: { warning: record(1), error: record(2), fatalError: record(3) } }).parseFromString(text, 'application/xml');
  } catch (err) {
    record(3)(err instanceof Error ? err.message : err);
  }
  if (problems.length > 0) throw syntaxError(problems, file);
  const root = doc?.documentElement;
  if (!root) throw new InputError(`not a ${rootName.toUpperCase()} file: no XML root element`, { file });
  if ((root.localName ?? root.nodeName) !== rootName) {
    throw new InputError(`not a ${rootName.toUpperCase()} file: the root element is <${root.nodeName}>, expected <${rootName}>`, { file, line: lineOf(root) });
  }
  return doc!;
}

/**
 * The most telling of xmldom's messages: a premature end of input, else the
 * first of the highest severity. xmldom reports an unclosed element as
 * "Hierarchy request error" on every later element; say what it means.
 */
function syntaxError(problems: Array<{ severity: number; message: string }>, file: string): InputError {
  let pick = problems.find((p) => p.message.includes('unexpected end of input'));
  if (pick === undefined) {
    const worst = Math.max(...problems.map((p) => p.severity));
    pick = problems.find((p) => p.severity === worst)!;
  }
  const at = /@#\[line:(\d+)/.exec(pick.message);
  const line = at && Number(at[1]) > 0 ? Number(at[1]) : undefined;
  let message = pick.message.replace(/^\[xmldom [a-zA-Z]+\]\s*/, '').replace(/\s*@#\[line:[\s\S]*$/, '').replace(/^element parse error:\s*(Error:\s*)?/, '').trim();
  if (message.includes('Hierarchy request error')) message = 'an element is not closed, or there is content after the root element';
  if (message.includes('unexpected end of input')) message = 'unexpected end of input: an element is not closed';
  return new InputError(`XML syntax error: ${message}`, { file, line });
}

/** The line xmldom recorded for an element (undefined without a locator). */
export function lineOf(element: Element): number | undefined {
  const line = (element as Element & { lineNumber?: number }).lineNumber;
  return typeof line === 'number' && line > 0 ? line : undefined;
}

/**
 * The checks both formats share, made before graphology sees the document
 * so that errors can name a line: node ids present and unique, edges naming
 * declared nodes.
 */
export function checkNodesAndEdges(doc: Document, file: string): void {
  const seen = new Map<string, number | undefined>();
  const nodes = doc.getElementsByTagName('node');
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const id = node.getAttribute('id');
    if (id === null || id === '') throw new InputError('<node> without an id', { file, line: lineOf(node), field: 'id' });
    if (seen.has(id)) {
      const first = seen.get(id);
      throw new InputError(`duplicate node id "${id}"${first !== undefined ? ` (first on line ${first})` : ''}`, { file, line: lineOf(node), field: 'id' });
    }
    seen.set(id, lineOf(node));
  }
  const edges = doc.getElementsByTagName('edge');
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    for (const end of ['source', 'target'] as const) {
      const id = edge.getAttribute(end);
      if (id === null) throw new InputError(`<edge> without a ${end}`, { file, line: lineOf(edge), field: end });
      if (!seen.has(id)) throw new InputError(`unknown node "${id}": the edge ${end} is not the id of any <node>`, { file, line: lineOf(edge), field: end });
    }
  }
}
