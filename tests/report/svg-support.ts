/** Strict XML parsing of rendered SVG for the chart tests: any warning or error fails. */
import { DOMParser } from '@xmldom/xmldom';

export function parseSvg(text: string): Document {
  const problems: string[] = [];
  const record = (message: unknown): void => {
    problems.push(String(message));
  };
  const doc = new DOMParser({ errorHandler: { warning: record, error: record, fatalError: record } }).parseFromString(text, 'image/svg+xml');
  if (problems.length > 0) throw new Error(`SVG is not well-formed XML: ${problems.join('; ')}`);
  return doc;
}

export function elements(doc: Document | Element, name: string): Element[] {
  const list = doc.getElementsByTagName(name);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list[i]);
  return out;
}

export function hasClass(e: Element, name: string): boolean {
  return (e.getAttribute('class') ?? '').split(/\s+/).includes(name);
}
