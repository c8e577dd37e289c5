/**
 * A small reader of the generated .hwpx for the tests: unzips it (fflate), parses the XML parts
 * into element trees (no DOM), and reads back paragraphs and tables with their cell addresses and
 * spans as 한글 would see them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (XmlNode | string)[];
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Parses well-formed XML into a tree; throws on a tag that does not close what it opened. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  const re = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined) {
      top.children.push(decode(m[5]));
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] ?? '');
    const node: XmlNode = { name: m[2], attrs, children: [] };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is not closed`);
  const [doc] = root.children.filter((c): c is XmlNode => typeof c !== 'string');
  if (!doc) throw new Error('no root element');
  return doc;
}

export function elements(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c): c is XmlNode => typeof c !== 'string' && c.name === name);
}

/** Every descendant with this name, in document order, not looking inside matches. */
export function find(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    else out.push(...find(c, name));
  }
  return out;
}

/** Every descendant with this name, in document order, including those inside matches (nested paragraphs). */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    out.push(...findAll(c, name));
  }
  return out;
}

/** The text of a paragraph's runs (hp:t), hp:lineBreak as '\n'; tables inside it are skipped. */
export function paragraphText(p: XmlNode): string {
  let out = '';
  for (const run of elements(p, 'hp:run')) {
    for (const t of elements(run, 'hp:t')) {
      for (const c of t.children) out += typeof c === 'string' ? c : c.name === 'hp:lineBreak' ? '\n' : '';
    }
  }
  return out;
}

export interface HwpxCell {
  readonly text: string;
  readonly col: number;
  readonly row: number;
  readonly colSpan: number;
  readonly rowSpan: number;
  readonly width: number;
  readonly header: boolean;
  readonly borderFill: number;
  /** charPrIDRef of each run that holds text. */
  readonly charPrs: number[];
}

export function readCells(tbl: XmlNode): HwpxCell[][] {
  return elements(tbl, 'hp:tr').map((tr) =>
    elements(tr, 'hp:tc').map((tc) => {
      const [sub] = elements(tc, 'hp:subList');
      const paras = sub ? elements(sub, 'hp:p') : [];
      const one = (name: string) => elements(tc, name)[0]?.attrs ?? {};
      return {
        text: paras.map(paragraphText).join('\n'),
        col: Number(one('hp:cellAddr').colAddr),
        row: Number(one('hp:cellAddr').rowAddr),
        colSpan: Number(one('hp:cellSpan').colSpan),
        rowSpan: Number(one('hp:cellSpan').rowSpan),
        width: Number(one('hp:cellSz').width),
        header: tc.attrs.header === '1',
        borderFill: Number(tc.attrs.borderFillIDRef),
        charPrs: paras.flatMap((p) =>
          elements(p, 'hp:run')
            .filter((r) => elements(r, 'hp:t').length > 0)
            .map((r) => Number(r.attrs.charPrIDRef)),
        ),
      };
    }),
  );
}

export interface HwpxPackage {
  /** Entry names in ZIP order. */
  readonly names: string[];
  readonly text: (name: string) => string;
  readonly header: XmlNode;
  readonly section: XmlNode;
}

export function readHwpx(bytes: Uint8Array): HwpxPackage {
  const files = unzipSync(bytes);
  const text = (name: string): string => {
    const f = files[name];
    if (!f) throw new Error(`no ${name}`);
    return strFromU8(f);
  };
  return {
    names: Object.keys(files),
    text,
    header: parseXml(text('Contents/header.xml')),
    section: parseXml(text('Contents/section0.xml')),
  };
}

/** Top-level tables of the section in order (a box is a one-cell table). */
export function sectionTables(pkg: HwpxPackage): HwpxCell[][][] {
  return find(pkg.section, 'hp:tbl').map(readCells);
}

/** charPr ids that carry hh:bold. */
export function boldCharPrs(pkg: HwpxPackage): Set<number> {
  return new Set(
    find(pkg.header, 'hh:charPr')
      .filter((c) => elements(c, 'hh:bold').length > 0)
      .map((c) => Number(c.attrs.id)),
  );
}

// ---------------------------------------------------------------------------------------------
// The validator beside the checkout (CI lays shared/ next to the project)

export const VALIDATOR = path.resolve(__dirname, '..', '..', '..', 'shared', 'tools', 'hwpx-validate');

export interface Validation {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs ../shared/tools/hwpx-validate on a file (asynchronously, so several can run at once). */
export function validate(file: string, text = false): Promise<Validation> {
  if (!existsSync(VALIDATOR)) throw new Error(`${VALIDATOR} is missing: shared/ must lie beside the checkout`);
  return new Promise((resolve) => {
    execFile(VALIDATOR, text ? [file, '--text'] : [file], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The warnings a valid file may carry: 한글's own files do not list version.xml in the manifest either. */
export const ACCEPTED_WARNINGS = [/manifest does not reference a version part/];

/** Asserts a validation passed cleanly; returns the problems as readable lines (empty when valid). */
export function validationProblems(v: Validation): string[] {
  if (v.code === 3) return [`python3-lxml is missing (apt-get install -y python3-lxml): ${v.stderr.trim()}`];
  const problems: string[] = [];
  if (v.code !== 0) problems.push(`exit ${v.code}: ${v.stderr.trim()}`);
  for (const line of v.stdout.split('\n')) {
    if (/^ERROR\b/.test(line)) problems.push(line);
    if (/^WARN(ING)?\b/.test(line) && !ACCEPTED_WARNINGS.some((re) => re.test(line))) problems.push(line);
  }
  if (!v.stdout.includes('All schema validations passed.')) problems.push('schema validation did not pass cleanly');
  return problems;
}
