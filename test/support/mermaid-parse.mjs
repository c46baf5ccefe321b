// Parses Mermaid diagrams with the mermaid package (ESM, needs a DOM: jsdom),
// for test/topology.test.ts, which runs it as a child process. Reads a JSON
// array of diagram texts on stdin; prints a JSON array of errors (null = parsed).
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push(parsed && parsed.diagramType === 'flowchart-v2' ? null : `not a flowchart: ${JSON.stringify(parsed)}`);
  } catch (e) {
    results.push(String(e && e.message ? e.message : e));
  }
}
process.stdout.write(JSON.stringify(results));
