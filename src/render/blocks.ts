/** One walk over a document's blocks for the renderers, with the keep-with-next rule in one place. */
import type { Block } from '../core/docmodel';

export type BlockOf<K extends Block['type']> = Extract<Block, { type: K }>;

export interface BlockVisitor<T> {
  heading(b: BlockOf<'heading'>): T[];
  /** `keepWithNext`: a table or box follows, so this text stays on its page with it. */
  paragraph(b: BlockOf<'paragraph'>, keepWithNext: boolean): T[];
  bullet(b: BlockOf<'bullet'>, keepWithNext: boolean): T[];
  box(b: BlockOf<'box'>): T[];
  table(b: BlockOf<'table'>): T[];
  pageBreak(): T[];
}

/** What each block renders to, in order. A caption line ('○ 과목별 집행현황') is kept with its table. */
export function visitBlocks<T>(bs: readonly Block[], v: BlockVisitor<T>): T[] {
  const out: T[] = [];
  bs.forEach((b, i) => {
    const next = bs[i + 1];
    const keep = next?.type === 'table' || next?.type === 'box';
    switch (b.type) {
      case 'heading':
        out.push(...v.heading(b));
        break;
      case 'paragraph':
        out.push(...v.paragraph(b, keep));
        break;
      case 'bullet':
        out.push(...v.bullet(b, keep));
        break;
      case 'box':
        out.push(...v.box(b));
        break;
      case 'table':
        out.push(...v.table(b));
        break;
      case 'pageBreak':
        out.push(...v.pageBreak());
        break;
    }
  });
  return out;
}
