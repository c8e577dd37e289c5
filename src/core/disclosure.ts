/**
 * The monthly 업무추진비 disclosure in Seoul's published layout:
 *
 *   YYYY년 M월분 업무추진비 사용 내역
 *   부서            | <기관명>
 *   사용금액 합계   | <합계 (원)>
 *   (blank)
 *   No. | 구분 | 부서명 | 사용일 | 사용시간 | 사용장소 | 사용목적 | 사용금액(원) | 사용자 및 인원 | 결제방법 | 비목
 *
 * 구분 is the 과목 without '업무추진비' (기관운영, 시책추진 …), 비목 the 과목 itself, 사용자 및
 * 인원 the 대상인원 (or the 사용자 when 대상인원 is blank). The month holds the 집행내역 rows
 * dated in it whose 과목 is an 업무추진비, in date and time order. Importing the table gives
 * back the same records (`import` recognises this layout).
 */
import { protectFormula, toText, type Cell } from './coerce';
import { isValidYmd } from './dates';
import type { LedgerEntry, Office } from './model';

export const DISCLOSURE_HEADER = [
  'No.',
  '구분',
  '부서명',
  '사용일',
  '사용시간',
  '사용장소',
  '사용목적',
  '사용금액(원)',
  '사용자 및 인원',
  '결제방법',
  '비목',
] as const;

export interface Disclosure {
  /** 'YYYY-MM'. */
  readonly month: string;
  readonly title: string;
  readonly dept: string;
  readonly total: number;
  /** Data rows (in DISCLOSURE_HEADER order). */
  readonly rows: Cell[][];
  /** The whole sheet: title block, blank row, header, data rows; every row DISCLOSURE_HEADER wide. */
  readonly table: Cell[][];
  /** File name without extension: '업무추진비_사용내역_2019-03'. */
  readonly fileBase: string;
}

/** 'YYYY-MM' or null. */
export function parseMonth(s: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return isValidYmd(year, month, 1) ? { year, month } : null;
}

export const isPromotionItem = (item: string): boolean => item.replace(/\s+/g, '').includes('업무추진비');

const byDateTime = (a: LedgerEntry, b: LedgerEntry): number =>
  a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : (a.time ?? '') < (b.time ?? '')
        ? -1
        : (a.time ?? '') > (b.time ?? '')
          ? 1
          : a.row - b.row;

export function buildDisclosure(office: Office, month: string): Disclosure {
  const ym = parseMonth(month);
  if (!ym) throw new Error(`bad month ${month}`);
  const key = `${ym.year}-${ym.month < 10 ? '0' : ''}${ym.month}`;
  const entries = office.ledger.filter((e) => e.date.startsWith(`${key}-`) && isPromotionItem(e.item)).sort(byDateTime);
  const dept = office.settings.orgName;
  const total = entries.reduce((s, e) => s + e.amount, 0);
  const rows: Cell[][] = entries.map((e, i) => [
    i + 1,
    e.item.replace(/\s*업무추진비\s*$/, '') || e.item,
    e.dept || dept,
    e.date,
    e.time ?? '',
    e.place,
    e.purpose,
    e.amount,
    e.people || e.user,
    e.payment,
    e.item,
  ]);
  const title = `${ym.year}년 ${ym.month}월분 업무추진비 사용 내역`;
  const w = DISCLOSURE_HEADER.length;
  const pad = (r: Cell[]): Cell[] => [...r, ...new Array<Cell>(Math.max(0, w - r.length)).fill('')];
  const table: Cell[][] = [
    pad([title]),
    pad(['부서', dept]),
    pad(['사용금액 합계', total]),
    pad([]),
    [...DISCLOSURE_HEADER],
    ...rows,
  ];
  return { month: key, title, dept, total, rows, table, fileBase: `업무추진비_사용내역_${key}` };
}

/** RFC 4180 CSV (CRLF line ends; fields with a comma, quote or line break are quoted). */
export function toCsv(table: readonly (readonly Cell[])[]): string {
  const field = (v: Cell): string => {
    // Text that a spreadsheet would run as a formula (CSV injection) gets a leading apostrophe;
    // numbers, negative amounts included, stay numbers. The importer removes the apostrophe.
    const s = typeof v === 'string' ? (protectFormula(v) as string) : toText(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${table.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
