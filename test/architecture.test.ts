/**
 * The house rules that keep the code navigable (ARCHITECTURE.md): the layers import only
 * downwards, and no source file or function grows past the size a reader can hold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const MAX_FILE_LINES = 450;
const MAX_FUNCTION_LINES = 120;
/** Data tables, exempt from the size rules. */
const DATA_TABLES = new Set(['src/core/sample.ts', 'src/core/holidays.ts']);

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(`${dir}/${e.name}`) : /\.(ts|mjs)$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );
}

const SOURCES = ['src', 'bench', 'build'].flatMap(files);

function source(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function imports(file: string): string[] {
  return source(file)
    .statements.filter(
      (s): s is ts.ImportDeclaration | ts.ExportDeclaration =>
        (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier !== undefined,
    )
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

/** The folder under src/ that a relative import of `file` lands in ('core', 'render', …), or the package. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return `package:${spec.split('/')[0]}`;
  const rel = path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(path.join(ROOT, file)), spec));
  return rel.split(path.sep)[0] as string;
}

describe('layers', () => {
  const allowed: Record<string, (t: string) => boolean> = {
    // Pure core: itself and zod only (no adapter, no renderer, no platform).
    core: (t) => t === 'core' || t === 'package:zod',
    // Renderers: the DocModel and their zip/docx libraries.
    render: (t) => ['core', 'render', 'package:fflate', 'package:docx'].includes(t),
    // The sidebar talks to the server only through types and its own modules.
    ui: (t) => ['ui', 'core'].includes(t),
  };
  for (const [layer, ok] of Object.entries(allowed)) {
    it(`src/${layer} imports only what its layer may`, () => {
      const bad = SOURCES.filter((f) => f.startsWith(`src/${layer}/`)).flatMap((f) =>
        imports(f)
          .filter((s) => !ok(target(f, s)))
          .map((s) => `${f} → ${s}`),
      );
      expect(bad).toEqual([]);
    });
  }

  it('the Apps Script and Node adapters never import each other', () => {
    const bad = SOURCES.flatMap((f) => {
      const own = f.startsWith('src/gas/') ? 'gas' : f.startsWith('src/node/') ? 'node' : null;
      if (!own) return [];
      const other = own === 'gas' ? 'node' : 'gas';
      return imports(f)
        .filter((s) => target(f, s) === other)
        .map((s) => `${f} → ${s}`);
    });
    expect(bad).toEqual([]);
  });
});

describe('sizes', () => {
  it(`no source file is longer than ${MAX_FILE_LINES} lines (data tables aside)`, () => {
    const long = SOURCES.filter((f) => !DATA_TABLES.has(f))
      .map((f) => ({ f, n: readFileSync(path.join(ROOT, f), 'utf8').trimEnd().split('\n').length }))
      .filter((x) => x.n > MAX_FILE_LINES)
      .map((x) => `${x.f}: ${x.n}`);
    expect(long).toEqual([]);
  });

  it(`no function is longer than ${MAX_FUNCTION_LINES} lines (data tables aside)`, () => {
    const long: string[] = [];
    for (const f of SOURCES.filter((x) => !DATA_TABLES.has(x))) {
      const src = source(f);
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) && 'body' in n && n.body) {
          const from = src.getLineAndCharacterOfPosition(n.getStart()).line;
          const to = src.getLineAndCharacterOfPosition(n.end).line;
          if (to - from + 1 > MAX_FUNCTION_LINES) long.push(`${f}:${from + 1}: ${to - from + 1} lines`);
        }
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(long).toEqual([]);
  });
});
