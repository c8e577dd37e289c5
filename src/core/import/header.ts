/**
 * The header row of an 업무추진비 file: which column holds which field (by name, with the usual
 * synonyms), what stands above it (title rows: year, month, department) and which columns are
 * left unread. Pure.
 */
import { toText, type Cell } from '../coerce';
import { columnLetter } from '../sheets';
import { cleanText } from '../text';
import { headerKey } from '../table';
import { RECORD_WORDS } from './dates';

/** The fields of a record and the headers that mean them, best first (spaces and case ignored). */
export const FIELD_HEADERS = {
  date: [
    '사용일',
    '사용일자',
    '집행일',
    '집행일자',
    '사용일시',
    '집행일시',
    '결제일',
    '결제일자',
    '거래일',
    '거래일자',
    '일자',
    '날짜',
    'exec_dt',
  ],
  time: ['사용시간', '사용시각', '집행시간', '집행시각', '결제시간', '시간', '시각'],
  place: ['사용장소', '집행장소', '가맹점', '가맹점명', '식당명', '업소명', '장소', 'exec_loc'],
  purpose: ['사용목적', '집행목적', '사용내역', '집행내용', '목적', '내용', 'exec_purpose'],
  people: ['대상인원', '참여인원', '사용자및인원', '집행대상', '대상자', '대상', '인원', 'target_nm'],
  amount: [
    '사용금액',
    '사용금액(원)',
    '집행금액',
    '집행금액(원)',
    '집행액',
    '결제금액',
    '금액',
    '금액(원)',
    'exec_amount',
  ],
  payment: ['결제방법', '결제수단', '지불방법', '지급방법', 'payment_method'],
  item: ['비목', '과목', '세목', '예산과목', '구분'],
  dept: ['부서명', '부서', '집행부서', '사용부서', 'dept_nm_full', '부서_메타'],
  user: ['사용자', '집행자', '사용자명', '카드사용자'],
  title: ['title'],
  /** The shop's name when the file has it besides 사용장소 (사용장소 is sometimes cut short). */
  shop: ['식당명', '업소명', '가맹점명', '상호', '상호명'],
  /** The file a row was collected from, in files that merge several ('source_file'). */
  source: ['source_file', '원본파일', '원본파일명', '출처파일', '수집파일'],
} as const;

export type RecordField = keyof typeof FIELD_HEADERS;

export const FIELD_LABELS: Readonly<Record<RecordField, string>> = {
  date: '사용일',
  time: '사용시간',
  place: '사용장소',
  purpose: '사용목적',
  people: '대상인원',
  amount: '사용금액',
  payment: '결제방법',
  item: '비목',
  dept: '부서',
  user: '사용자',
  title: '제목(비목)',
  shop: '식당명',
  source: '원본 파일',
};

/** Field → header text as written in the file. */
export type ColumnMapping = Partial<Record<RecordField, string>>;

// People before user so that '사용자 및 인원' is not read as 사용자; place before shop and
// purpose before item.
const ORDER: readonly RecordField[] = [
  'date',
  'amount',
  'people',
  'user',
  'time',
  'place',
  'shop',
  'purpose',
  'payment',
  'dept',
  'item',
  'title',
  'source',
];

const SYNONYMS = new Set<string>(Object.values(FIELD_HEADERS).flatMap((hs) => hs.map((h) => h.toLowerCase())));

/** The columns a header row provides: field → 0-based column. */
export function mapColumns(header: readonly Cell[]): Map<RecordField, number> {
  const keys = header.map(headerKey);
  const used = new Set<number>();
  const out = new Map<RecordField, number>();
  for (const f of ORDER) {
    for (const syn of FIELD_HEADERS[f]) {
      const idx = keys.findIndex((k, i) => k === syn.toLowerCase() && !used.has(i));
      if (idx >= 0) {
        out.set(f, idx);
        used.add(idx);
        break;
      }
    }
  }
  return out;
}

export interface HeaderInfo {
  /** 0-based index of the header among the rows given. */
  readonly index: number;
  readonly columns: ReadonlyMap<RecordField, number>;
  readonly mapping: ColumnMapping;
  /** Header texts of the columns no field reads ('주소', 'source_file' …). */
  readonly ignored: readonly string[];
}

/** Only the first rows are searched for the header. */
export const HEADER_SEARCH_ROWS = 20;

/** The first row that names both a date and an amount column, or null. */
export function findHeader(rows: readonly (readonly Cell[])[]): HeaderInfo | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const header = rows[i] ?? [];
    const columns = mapColumns(header);
    if (!columns.has('date') || !columns.has('amount')) continue;
    const mapping: ColumnMapping = {};
    for (const [f, c] of columns) mapping[f] = cleanText(toText(header[c]));
    const read = new Set(columns.values());
    const ignored = header.map((h, c) => (read.has(c) ? '' : cleanText(toText(h)))).filter((h) => h !== '');
    return { index: i, columns, mapping, ignored };
  }
  return null;
}

/**
 * Header names that the importer reads and that stand in two columns: which one is meant cannot
 * be known, so the file is refused. '사용일' in C and F → ['C', 'F', '사용일'].
 */
export function duplicateHeaders(header: readonly Cell[]): { name: string; columns: string[] }[] {
  const at = new Map<string, { name: string; columns: string[] }>();
  header.forEach((h, c) => {
    const key = headerKey(h);
    if (!key || !SYNONYMS.has(key)) return;
    const hit = at.get(key) ?? { name: cleanText(toText(h)), columns: [] };
    hit.columns.push(columnLetter(c + 1));
    at.set(key, hit);
  });
  return [...at.values()].filter((d) => d.columns.length > 1);
}

/** '사용일 ← '사용일', 사용금액 ← 'exec_amount' …' for messages. */
export function describeMapping(mapping: ColumnMapping): string {
  return (Object.keys(FIELD_HEADERS) as RecordField[])
    .filter((f) => mapping[f] !== undefined)
    .map((f) => `${FIELD_LABELS[f]} ← '${mapping[f]}'`)
    .join(', ');
}

const DEPT_LABEL = /^(부서|부서명|기관|기관명|소속)$/;

/**
 * What the rows above the header say: their texts (for the year context) and the department,
 * from a '부서 | 행정지원과' label row (the disclosure layout) or a title that starts with it
 * ('노원구 행정지원과 2025년 12월 업무추진비 사용내역 공개').
 */
export function readTitleRows(rows: readonly (readonly Cell[])[]): { titles: string[]; dept: string } {
  const titles: string[] = [];
  let labelDept = '';
  let titleDept = '';
  for (const r of rows) {
    const cells = r.map((c) => cleanText(toText(c)).trim()).filter(Boolean);
    if (!cells.length) continue;
    titles.push(cells.join(' '));
    const first = (cells[0] ?? '').replace(/\s+/g, '');
    if (DEPT_LABEL.test(first) && cells[1] && !labelDept) labelDept = cells[1];
    const before = /^(.*?)\s*(?:\d{4}|'?\d{2})\s*년/.exec(cells.join(' '));
    if (
      !titleDept &&
      RECORD_WORDS.test(cells.join(' ')) &&
      before?.[1] &&
      /[가-힣]/.test(before[1]) &&
      !/[:：]$/.test(before[1])
    ) {
      titleDept = before[1].replace(/[[\]()<>「」『』【】]/g, ' ').trim();
    }
  }
  return { titles, dept: labelDept || titleDept };
}
