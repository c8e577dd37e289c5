/**
 * The 업무보고: office model → DocModel, in the layout of the seed report
 * (Ⅰ. 일반 현황: 주요 기능, 인력 현황, 예산 집행현황; Ⅱ. 주요 업무: one numbered item per task).
 */
import { formatShortKo, type LocalDate } from './dates';
import { budgetRows, staffingSummary, type BudgetRowPrint } from './derive';
import type { Block, DocModel, Glyph, TableCell } from './docmodel';
import { groupDigits } from './format';
import type { Office, TaskKind, TaskLine } from './model';

export interface ReportOptions {
  /** 기준일 (default: 설정's 기준일). Ledger rows after it are not counted. */
  readonly asOf?: LocalDate;
  /** Include Ⅰ. 일반 현황 (default true). */
  readonly general?: boolean;
  /** Include Ⅱ. 주요 업무 (default true). */
  readonly tasks?: boolean;
  /** 업무번호 to include, in this order (default: every task in 업무번호 order). */
  readonly taskNumbers?: readonly number[];
}

/** Spreads the letters of a part title as the report style does: '일반 현황' → '일  반  현  황'. */
export function spaced(title: string): string {
  return [...title.replace(/\s+/g, '')].join('  ');
}

const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ'];

export const SECTION_TITLES: Readonly<Record<TaskKind, string>> = {
  제목: '',
  개요: '',
  추진방향: '추진 방향',
  추진계획: '추진 계획',
  추진내용: '추진 내용',
  향후계획: '향후 계획',
  동향: '주요 동향',
  참고: '참고',
};

/** The name of the generated document: '{기관명} {보고서 제목} ({기준일})'. */
export function reportName(office: Office, asOf: LocalDate = office.settings.asOf): string {
  const s = office.settings;
  return `${[s.orgName, s.reportTitle].filter(Boolean).join(' ')} (${asOf})`;
}

const OWN_GLYPHS = ['※', '◼', '∙', '·', '◇', '□', '○', '－', '-', '▪', '•'] as const;

/** A line's glyph: from its level, unless the text starts with a glyph of its own. */
export function lineGlyph(level: number, text: string): { glyph: Glyph; text: string } {
  const first = text.charAt(0);
  if ((OWN_GLYPHS as readonly string[]).includes(first) && text.length > 1) {
    const rest = text.slice(1).trimStart();
    const map: Record<string, Glyph> = {
      '※': '※',
      '◼': '◼',
      '▪': '◼',
      '∙': '∙',
      '·': '∙',
      '•': '∙',
      '◇': '◇',
      '□': '□',
      '○': '○',
      '－': '－',
      '-': '－',
    };
    return { glyph: map[first] ?? '', text: rest };
  }
  const byLevel: Record<number, Glyph> = { 0: '◇', 1: '○', 2: '－' };
  return { glyph: byLevel[level] ?? '', text };
}

/**
 * Text as printed: the HWP habit of typing '․' (one dot leader, U+2024) for the middle dot prints
 * as a full stop in most fonts, so it is shown as '·'.
 */
export function printed(text: string): string {
  return text.replace(/\u2024/g, '\u00b7');
}

/** A bullet line; the glyph follows the outline level, the indent may sit shallower (inside boxes). */
function bullet(level: number, text: string, bold = false, indent = level): Block {
  const g = lineGlyph(level, printed(text));
  return {
    type: 'bullet',
    glyph: g.glyph,
    level: Math.max(indent, 0),
    runs: [{ text: g.text, bold: bold || level === 0 }],
  };
}

const cellOf = (lines: string | string[], extra: Partial<TableCell> = {}): TableCell => ({
  lines: Array.isArray(lines) ? lines : [lines],
  ...extra,
});

function functionsBlocks(office: Office): Block[] {
  if (!office.functions.length)
    return [{ type: 'paragraph', runs: [{ text: '(주요기능 시트에 내용이 없습니다)' }], indent: 1 }];
  return office.functions.map((f) =>
    f.level === 1
      ? ({ type: 'bullet', glyph: '○', level: 1, runs: [{ text: printed(f.text), bold: true }] } as Block)
      : ({ type: 'bullet', glyph: '－', level: 2, runs: [{ text: printed(f.text) }] } as Block),
  );
}

function staffingBlocks(office: Office): Block[] {
  const s = staffingSummary(office);
  const head1: TableCell[] = [
    cellOf('구 분', { rowSpan: 2, header: true, align: 'center' }),
    cellOf('총 계', { rowSpan: 2, header: true, align: 'center' }),
  ];
  const head2: TableCell[] = [];
  for (const g of s.groups) {
    head1.push(cellOf(g.group, { colSpan: g.grades.length + 1, header: true, align: 'center' }));
    head2.push(cellOf('소계', { header: true, align: 'center' }));
    for (const gr of g.grades) head2.push(cellOf(gr.grade, { header: true, align: 'center' }));
  }
  const numberRow = (label: string, pick: (h: { quota: number; current: number }) => number): TableCell[] => {
    const row: TableCell[] = [
      cellOf(label, { align: 'center', bold: true }),
      cellOf(groupDigits(pick(s)), { align: 'center', bold: true }),
    ];
    for (const g of s.groups) {
      row.push(cellOf(groupDigits(pick(g)), { align: 'center', bold: true }));
      for (const gr of g.grades) row.push(cellOf(groupDigits(pick(gr)), { align: 'center' }));
    }
    return row;
  };
  const columns = 2 + s.groups.reduce((n, g) => n + g.grades.length + 1, 0);
  const blocks: Block[] = [
    {
      type: 'table',
      table: {
        unitNote: '(단위 : 명)',
        widths: [1.3, 1, ...new Array<number>(columns - 2).fill(1)],
        headerRows: s.groups.length ? 2 : 1,
        rows: s.groups.length
          ? [head1, head2, numberRow('정 원', (h) => h.quota), numberRow('현 원', (h) => h.current)]
          : [head1, numberRow('정 원', (h) => h.quota), numberRow('현 원', (h) => h.current)],
      },
    },
  ];
  for (const note of office.staffing.notes) blocks.push(bullet(1, note));
  return blocks;
}

function budgetBlocks(office: Office, asOf: LocalDate): Block[] {
  const { total, items } = budgetRows(office, asOf);
  const row = (r: BudgetRowPrint, bold: boolean): TableCell[] => [
    cellOf(r.name, { align: 'center', bold }),
    cellOf(groupDigits(r.budget), { align: 'right', bold }),
    cellOf([groupDigits(r.spent), `(집행률 ${r.rate})`], { align: 'right', bold }),
    cellOf(groupDigits(r.remaining), { align: 'right', bold }),
    cellOf(r.note ? r.note.split('\n') : [''], { align: 'left' }),
  ];
  return [
    { type: 'bullet', glyph: '○', level: 1, runs: [{ text: '과목별 집행현황', bold: true }] },
    {
      type: 'table',
      table: {
        // The unit is in the heading ('’19.3.31. 기준, 단위 : 천원'), as in the seed.
        widths: [2.1, 1.3, 1.9, 1.3, 2.6],
        headerRows: 1,
        rows: [
          ['구 분', '예 산 액', '집 행 액', '잔 액', '비 고'].map((h) => cellOf(h, { header: true, align: 'center' })),
          row(total, true),
          ...items.map((r) => row(r, false)),
        ],
      },
    },
  ];
}

interface TaskOutline {
  readonly taskNo: number;
  readonly title: string;
  readonly overview: string[];
  readonly blocks: Block[];
}

/** Groups a task's lines into sections (a new one when 구분 or 섹션명 changes) and boxes (참고). */
export function taskOutline(taskNo: number, lines: readonly TaskLine[]): TaskOutline {
  let title = '';
  const overview: string[] = [];
  const blocks: Block[] = [];
  let section: { kind: TaskKind; title: string } | null = null;
  let box: { title?: string; blocks: Block[] } | null = null;
  const closeBox = () => {
    if (box) blocks.push({ type: 'box', ...(box.title ? { title: box.title } : {}), blocks: box.blocks });
    box = null;
  };
  for (const l of lines) {
    if (l.kind === '제목') {
      title = title ? `${title} ${l.text}` : l.text;
      continue;
    }
    if (l.kind === '개요') {
      overview.push(l.text);
      continue;
    }
    if (l.kind === '참고') {
      if (!box) box = { blocks: [] };
      const b: { title?: string; blocks: Block[] } = box;
      if (l.level === 0 && !b.title && b.blocks.length === 0) b.title = printed(l.text);
      else b.blocks.push(bullet(l.level, l.text, l.level === 0, Math.max(l.level - 1, 0)));
      continue;
    }
    closeBox();
    const heading = l.sectionTitle || SECTION_TITLES[l.kind];
    if (!section || section.kind !== l.kind || (l.sectionTitle && l.sectionTitle !== section.title)) {
      section = { kind: l.kind, title: heading };
      blocks.push({ type: 'heading', level: 3, number: '□', text: printed(heading) });
    }
    blocks.push(bullet(l.level, l.text));
  }
  closeBox();
  return { taskNo, title, overview, blocks };
}

export function buildReport(office: Office, opts: ReportOptions = {}): DocModel {
  const asOf = opts.asOf ?? office.settings.asOf;
  const blocks: Block[] = [];
  let part = 0;
  if (opts.general !== false) {
    blocks.push({ type: 'heading', level: 1, number: `${ROMAN[part++]}.`, text: spaced('일반 현황') });
    blocks.push({ type: 'heading', level: 2, number: '1', text: '주요 기능' });
    for (const b of functionsBlocks(office)) blocks.push(b);
    blocks.push({ type: 'heading', level: 2, number: '2', text: '인력 현황', aside: `(${formatShortKo(asOf)} 기준)` });
    for (const b of staffingBlocks(office)) blocks.push(b);
    blocks.push({
      type: 'heading',
      level: 2,
      number: '3',
      text: '예산 집행현황',
      aside: `(${formatShortKo(asOf)} 기준, 단위 : ${office.settings.unit})`,
    });
    for (const b of budgetBlocks(office, asOf)) blocks.push(b);
  }
  if (opts.tasks !== false) {
    if (blocks.length) blocks.push({ type: 'pageBreak' });
    blocks.push({ type: 'heading', level: 1, number: `${ROMAN[part++]}.`, text: spaced('주요 업무') });
    const byTask = new Map<number, TaskLine[]>();
    for (const t of office.tasks) {
      const list = byTask.get(t.taskNo) ?? [];
      list.push(t);
      byTask.set(t.taskNo, list);
    }
    const numbers = opts.taskNumbers ?? [...byTask.keys()].sort((a, b) => a - b);
    numbers.forEach((no, i) => {
      const lines = byTask.get(no);
      if (!lines) return;
      const t = taskOutline(no, lines);
      blocks.push({ type: 'heading', level: 2, number: String(i + 1), text: printed(t.title) || `업무 ${no}` });
      for (const p of t.overview) blocks.push({ type: 'paragraph', runs: [{ text: printed(p) }], indent: 1 });
      // One by one: a spread of a very long outline would overflow the stack.
      for (const b of t.blocks) blocks.push(b);
    });
  }
  const s = office.settings;
  return {
    title: [s.orgName, s.reportTitle].filter(Boolean).join(' '),
    subtitle: `${formatShortKo(asOf)} 기준`,
    blocks,
    style: { bodyFont: s.bodyFont, headingFont: s.headingFont, bodySize: s.bodySize },
  };
}
