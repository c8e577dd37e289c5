/**
 * One document model for the 업무보고 (and any other generated document). Renderers turn it into
 * HTML (Docs import, preview, e-mail), .docx and .hwpx, so all outputs agree.
 */

export type Align = 'left' | 'center' | 'right';

/** Bullet glyphs of the Korean report style. */
export type Glyph = '□' | '◇' | '○' | '－' | '※' | '◼' | '∙' | '';

export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
}

export type Block =
  /** Part heading 'Ⅰ. 일반 현황' (level 1), item heading '1 주요 기능' (level 2), section heading '□ 추진 방향' (level 3). */
  | {
      readonly type: 'heading';
      readonly level: 1 | 2 | 3;
      /** Numbering shown before the text: 'Ⅰ.', '1', '□' … */
      readonly number?: string;
      readonly text: string;
      /** Small text after the heading on the same line: "(’19.3.31. 기준)". */
      readonly aside?: string;
    }
  /** A paragraph; `indent` is in levels (0 = flush). */
  | {
      readonly type: 'paragraph';
      readonly runs: readonly TextRun[];
      readonly indent?: number;
      readonly align?: Align;
      readonly small?: boolean;
    }
  /** A bullet line: glyph and text with a hanging indent at `level` (1 = ○, 2 = －, 3 = detail). */
  | {
      readonly type: 'bullet';
      readonly glyph: Glyph;
      readonly level: number;
      readonly runs: readonly TextRun[];
    }
  /** A bordered box (참고, 구성안 …) holding other blocks; `title` is shown centred on top. */
  | { readonly type: 'box'; readonly title?: string; readonly blocks: readonly Block[] }
  | { readonly type: 'table'; readonly table: Table }
  | { readonly type: 'pageBreak' };

export interface TableCell {
  /** Lines of text inside the cell. */
  readonly lines: readonly string[];
  readonly colSpan?: number;
  readonly rowSpan?: number;
  readonly align?: Align;
  readonly bold?: boolean;
  /** Header cells are shaded. */
  readonly header?: boolean;
}

export interface Table {
  /** Caption lines above the table on the right: '(단위 : 천원)'. */
  readonly unitNote?: string;
  /** Relative column widths. */
  readonly widths: readonly number[];
  /**
   * Rows of cells. A cell covered by a rowSpan/colSpan from another cell is simply absent,
   * as in HTML.
   */
  readonly rows: readonly (readonly TableCell[])[];
  /** How many leading rows are header rows. */
  readonly headerRows: number;
}

/** The type settings of an official 보고서 that the office may change (설정 본문 글꼴, 제목 글꼴, 본문 크기). */
export interface DocStyle {
  /** Body text font (명조 family): '휴먼명조'. */
  readonly bodyFont: string;
  /** Title and heading font (고딕 family): 'HY헤드라인M'. */
  readonly headingFont: string;
  /** Body text size in points; tables, notes and headings are sized from it. */
  readonly bodySize: number;
}

export const DEFAULT_DOC_STYLE: DocStyle = { bodyFont: '휴먼명조', headingFont: 'HY헤드라인M', bodySize: 15 };

export interface DocModel {
  readonly title: string;
  /** Short line under the title: '2019. 3. 31. 기준'. */
  readonly subtitle?: string;
  readonly blocks: readonly Block[];
  /** Fonts and size (default DEFAULT_DOC_STYLE). */
  readonly style?: DocStyle;
}
