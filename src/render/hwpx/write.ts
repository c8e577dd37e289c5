/**
 * The small pieces of section XML shared by the body and the tables: paragraphs, runs, text.
 * No hp:linesegarray is written: 한글 lays the lines out itself (a stale cached layout would make it
 * draw text over text).
 */
import type { Look } from '../style';
import { attrs, escapeXml } from '../xml';
import type { Shapes } from './shapes';

/** Everything a writer needs while it walks the document. */
export interface Writer {
  readonly shapes: Shapes;
  readonly look: Look;
  /** Next paragraph id and next object (table) id. */
  ids: { p: number; obj: number };
  /** The next paragraph starts a new page. */
  pageBreak: boolean;
}

/** Text of one run: escaped, newlines as hp:lineBreak, tabs as spaces. */
export function textXml(text: string): string {
  const parts = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n').map(escapeXml);
  return parts.join('<hp:lineBreak/>');
}

export function runXml(charPr: number, text: string): string {
  if (text === '') return `<hp:run charPrIDRef="${charPr}"/>`;
  return `<hp:run charPrIDRef="${charPr}"><hp:t>${textXml(text)}</hp:t></hp:run>`;
}

/** A paragraph with the given shape and inner runs; takes a pending page break. */
export function paraXml(w: Writer, paraPr: number, inner: string): string {
  const id = w.ids.p++;
  const pageBreak = w.pageBreak ? 1 : 0;
  w.pageBreak = false;
  const a = attrs({ id, paraPrIDRef: paraPr, styleIDRef: 0, pageBreak, columnBreak: 0, merged: 0 });
  return `<hp:p${a}>${inner || '<hp:run charPrIDRef="0"/>'}</hp:p>`;
}
