// Parse Mermaid flowcharts with Mermaid's own parser, the one a renderer
// runs before it draws.  Mermaid sanitizes every label with DOMPurify,
// which needs a DOM: jsdom gives it one, so this is the browser's code path
// without a browser.
// Usage: node parse.mjs FILE...
// For each file it accepts, prints "FILE square=N lean_right=N stadium=N
// other=N edges=N": the nodes the parser made, by shape, and its edges, so
// the caller can hold them to what the writer meant.  A file is refused
// when the parser rejects it, when it is not a flowchart, when it is longer
// than a renderer with Mermaid's default configuration draws (maxTextSize;
// maxEdges the parser checks itself), or when Mermaid logs a warning or an
// error while reading it.  Exit status 1 if any file is refused.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// DOMPurify looks for a window when it is first imported.
globalThis.window = new JSDOM('').window;
const { default: mermaid } = await import('mermaid');

// Mermaid's logger binds console's functions when it is initialized.
let logged = [];
console.warn = console.error = (...args) => logged.push(args.join(' '));
mermaid.initialize({ startOnLoad: false, logLevel: 'warn' });
const limit = mermaid.mermaidAPI.getConfig().maxTextSize;

const shapes = ['square', 'lean_right', 'stadium'];
let refused = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  let why = null;
  let counts = '';
  logged = [];
  try {
    if (text.length > limit)
      throw new Error(`${text.length} characters, over maxTextSize ${limit}`);
    const { diagramType } = await mermaid.parse(text);
    if (diagramType !== 'flowchart-v2')
      throw new Error(`a ${diagramType} diagram, not a flowchart`);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const n = Object.fromEntries(['other', ...shapes].map((s) => [s, 0]));
    for (const v of db.getVertices().values())
      n[shapes.includes(v.type) ? v.type : 'other']++;
    counts = [...shapes, 'other'].map((s) => `${s}=${n[s]}`).join(' ');
    counts += ` edges=${db.getEdges().length}`;
    if (logged.length > 0)
      throw new Error(`Mermaid logged: ${logged[0]}`);
  } catch (e) {
    why = String(e.message ?? e).split('\n').slice(0, 4).join('\n  ');
  }
  if (why !== null) {
    refused++;
    process.stdout.write(`${file}: refused: ${why}\n`);
  } else {
    process.stdout.write(`${file} ${counts}\n`);
  }
}
process.exit(refused > 0 ? 1 : 0);
