/**
 * Reading 업무추진비 records from a tokenised file (CSV rows or the first sheet of an .xlsx):
 * finds the header row and the columns by their names (with the usual synonyms), validates
 * every row with zod and normalises it for 집행내역. Pure: CSV text is tokenised by
 * `tokenizeCsvText` (./csv, on every platform) and the rows are handed here.
 *
 * Every data row ends up in exactly one of: records (to import), skipped (another department
 * under `dept`) or rejections (with the file's line number and a Korean reason).
 *
 * Decisions:
 * - Dates after the import day are rejected (a year typed as 2028 is a typo), and so are dates
 *   more than MAX_AGE_YEARS before it.
 * - Amounts must be whole 원, not 0, and at most MAX_AMOUNT in absolute value (one 업무추진비
 *   payment above 1천만 원 is a misplaced digit in practice); negative amounts (cancellations)
 *   are kept.
 * - A 사용목적 that is only a number means the row's columns slipped: rejected.
 * - A 비목 that is a payment method while 결제방법 holds a 비목 is read with the two swapped.
 */
import * as z from 'zod';
import type { LedgerEntry } from '../model';
import { isBlank, isError, toAmount, toDate, toText, toTime, type Cell, type Coerced } from '../coerce';
import { splitDate, ymd, type LocalDate } from '../dates';
import { groupDigits } from '../format';
import { cell, headerKey, textCell } from '../table';
import { deptMatches, hash53, itemsFromTitle, matchItem, normalizePayment, timeInDate } from './normalize';

export const MAX_AMOUNT = 10_000_000;
export const MAX_AGE_YEARS = 10;

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
};

/** Field → header text as written in the file. */
export type ColumnMapping = Partial<Record<RecordField, string>>;

/** A record ready for 집행내역: the ledger entry's fields, with its source line and import key. */
export interface ImportRecord extends Omit<LedgerEntry, 'row' | 'source'> {
  /** Physical line (CSV) or row (.xlsx) of the source where the row starts. */
  readonly line: number;
  /** Import key: hash of the normalised record + '#' + its occurrence number in the file. */
  readonly key: string;
}

export interface Rejection {
  readonly line: number;
  readonly reason: string;
  /** The source row's cells joined with ' | ' (for the 가져오기 오류 sheet). */
  readonly raw: string;
}

export interface ParsedRecords {
  readonly mapping: ColumnMapping;
  /** Line of the header row. */
  readonly headerLine: number;
  /** Data rows read (blank rows are not counted). */
  readonly read: number;
  readonly records: ImportRecord[];
  /** Rows of other departments (when `dept` is given). */
  readonly skipped: number;
  readonly rejections: Rejection[];
}

export interface ParseRecordsOptions {
  /** 예산 과목 names. */
  readonly budgetItems: readonly string[];
  /** The import day (Seoul): later dates are rejected. */
  readonly today: LocalDate;
  /** Keep only rows whose department contains this text. */
  readonly dept?: string;
  /** 과목 used when the file has no 비목 column or a row's 비목 names several. */
  readonly defaultItem?: string;
  /** Source line of each row (same length as rows); default: index + 1. */
  readonly lines?: readonly number[];
}

export class RecordsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordsFormatError';
  }
}

/** The columns a header row provides: field → 0-based column. */
export function mapColumns(header: readonly Cell[]): Map<RecordField, number> {
  const keys = header.map(headerKey);
  const used = new Set<number>();
  const out = new Map<RecordField, number>();
  // People before user so that '사용자 및 인원' is not read as 사용자; place/purpose before item.
  const order: RecordField[] = [
    'date',
    'amount',
    'people',
    'user',
    'time',
    'place',
    'purpose',
    'payment',
    'dept',
    'item',
    'title',
  ];
  for (const f of order) {
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

/** The first of the leading rows that names both a date and an amount column. */
function findHeader(rows: readonly (readonly Cell[])[]): { index: number; columns: Map<RecordField, number> } | null {
  const limit = Math.min(rows.length, 20);
  for (let i = 0; i < limit; i++) {
    const columns = mapColumns(rows[i] ?? []);
    if (columns.has('date') && columns.has('amount')) return { index: i, columns };
  }
  return null;
}

const yearsBefore = (d: LocalDate, years: number): LocalDate => {
  const [y, m, day] = splitDate(d);
  return ymd(y - years, m, Math.min(day, 28));
};

/** zod schema of one source row (raw cells by field) → typed values. */
function rowSchema(today: LocalDate) {
  const oldest = yearsBefore(today, MAX_AGE_YEARS);
  return z
    .object({
      date: z.unknown().transform((v, ctx) => {
        if (isBlank(v)) {
          ctx.addIssue({ code: 'custom', message: '사용일이 비어 있습니다' });
          return z.NEVER;
        }
        const d = toDate(v);
        if (isError(d)) {
          ctx.addIssue({ code: 'custom', message: `사용일을 읽을 수 없습니다: ${d.error}` });
          return z.NEVER;
        }
        if (d > today) {
          ctx.addIssue({
            code: 'custom',
            message: `사용일 ${d}이(가) 가져오는 날(${today})보다 뒤입니다 (연도 오타인지 확인하세요)`,
          });
          return z.NEVER;
        }
        if (d < oldest) {
          ctx.addIssue({
            code: 'custom',
            message: `사용일 ${d}이(가) ${MAX_AGE_YEARS}년보다 오래되었습니다 (연도 오타인지 확인하세요)`,
          });
          return z.NEVER;
        }
        const t = typeof v === 'string' ? timeInDate(v) : null;
        return { date: d, timeInDate: t };
      }),
      time: z.unknown().transform((v, ctx) => {
        if (isBlank(v)) return null;
        const t = toTime(v);
        if (isError(t)) {
          ctx.addIssue({ code: 'custom', message: `사용시간을 읽을 수 없습니다: ${t.error}` });
          return z.NEVER;
        }
        return t;
      }),
      amount: cell((v): Coerced<number> => {
        const a = toAmount(v);
        if (isError(a)) return { error: `사용금액을 읽을 수 없습니다: ${a.error}` };
        if (a === 0) return { error: '사용금액이 0원입니다' };
        if (Math.abs(a) > MAX_AMOUNT)
          return {
            error: `사용금액 ${groupDigits(a)}원이 1건 한도로 보는 ${groupDigits(MAX_AMOUNT)}원을 넘습니다 (자릿수를 확인하세요)`,
          };
        return a;
      }),
      purpose: textCell.pipe(
        z.string().refine((s) => !/^[\d,.\s]+$/.test(s), {
          message: '사용목적 칸에 숫자만 있습니다 (열이 밀린 행으로 보입니다)',
        }),
      ),
      place: textCell,
      people: textCell,
      payment: textCell,
      item: textCell,
      dept: textCell,
      user: textCell,
      title: textCell,
    })
    .transform(({ date, time, ...rest }) => ({ ...rest, date: date.date, time: time ?? date.timeInDate }));
}

const FIELDS_IN_KEY = [
  'date',
  'time',
  'item',
  'amount',
  'purpose',
  'place',
  'people',
  'payment',
  'dept',
  'user',
] as const;

/** The import key of a normalised record, without the occurrence number. */
export function recordHash(r: Omit<ImportRecord, 'key' | 'line' | 'sourceItem'>): string {
  return hash53(FIELDS_IN_KEY.map((k) => String(r[k] ?? '')).join('\u001f'));
}

/** Undoes the apostrophe that a CSV export puts before text starting with = + - @ (see toCsv). */
export function unprotectFormula(v: Cell): Cell {
  return typeof v === 'string' && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

/**
 * The row's 과목 (from 비목, else from the words of 제목, else --item) and its 결제방법, or why the
 * row is rejected. 비목 and 결제방법 written in each other's column are swapped back.
 */
function resolveItem(
  v: { item: string; payment: string; title: string },
  opts: ParseRecordsOptions,
): { item: string; sourceItem: string; payment: string } | { reason: string } {
  let itemText = v.item;
  let paymentText = v.payment;
  // 비목 and 결제방법 written in each other's column.
  if (
    itemText &&
    normalizePayment(itemText) &&
    paymentText &&
    !normalizePayment(paymentText) &&
    'item' in matchItem(paymentText, opts.budgetItems)
  ) {
    [itemText, paymentText] = [paymentText, itemText];
  }
  let item: string | null = null;
  let sourceItem = itemText;
  if (itemText) {
    const m = matchItem(itemText, opts.budgetItems);
    if ('item' in m) item = m.item;
    else if ('ambiguous' in m) {
      return { reason: `비목 '${itemText}'이(가) 예산의 여러 과목에 맞습니다 (${m.ambiguous.join(', ')})` };
    } else if (normalizePayment(itemText)) {
      return { reason: `비목 칸에 결제방법('${itemText}')이 있습니다. 비목을 고쳐 다시 가져오세요` };
    } else {
      return {
        reason: `비목 '${itemText}'에 맞는 과목이 예산 시트에 없습니다 (있는 과목: ${opts.budgetItems.join(', ') || '없음'})`,
      };
    }
  } else if (v.title) {
    const words = itemsFromTitle(v.title);
    sourceItem = words.join(' ');
    const hits = [
      ...new Set(
        words.flatMap((w) => {
          const m = matchItem(w, opts.budgetItems);
          return 'item' in m ? [m.item] : [];
        }),
      ),
    ];
    if (hits.length === 1 && hits[0]) item = hits[0];
    else if (opts.defaultItem) item = opts.defaultItem;
    else {
      return {
        reason: hits.length
          ? `제목의 비목이 여러 개입니다 (${hits.join(', ')}): --item으로 과목을 정해 다시 가져오세요`
          : `제목에서 비목을 찾지 못했습니다 ('${v.title}')`,
      };
    }
  } else if (opts.defaultItem) {
    item = opts.defaultItem;
  }
  if (!item) return { reason: '비목이 비어 있습니다' };
  const payment = paymentText ? (normalizePayment(paymentText) ?? paymentText) : '';
  return { item, sourceItem, payment };
}

/** Parses tokenised records. Throws RecordsFormatError when no header row is found. */
export function parseRecords(rows: readonly (readonly Cell[])[], opts: ParseRecordsOptions): ParsedRecords {
  const found = findHeader(rows);
  if (!found) {
    throw new RecordsFormatError(
      `머리글 행을 찾지 못했습니다. 앞쪽 20행 안에 사용일(또는 집행일자·사용일시)과 사용금액(또는 집행금액·금액) 열 이름이 있어야 합니다.`,
    );
  }
  const { index, columns } = found;
  const lineOf = (i: number): number => opts.lines?.[i] ?? i + 1;
  const header = rows[index] ?? [];
  const mapping: ColumnMapping = {};
  for (const [f, c] of columns) mapping[f] = toText(header[c]);
  if (opts.dept && !columns.has('dept')) {
    throw new RecordsFormatError(`부서 열(부서명·부서·dept_nm_full)이 없어 부서로 거를 수 없습니다`);
  }
  const schema = rowSchema(opts.today);
  const records: ImportRecord[] = [];
  const rejections: Rejection[] = [];
  const occurrences = new Map<string, number>();
  let read = 0;
  let skipped = 0;
  const fields = [...columns.entries()];
  const blankInput = Object.fromEntries(Object.keys(FIELD_HEADERS).map((f) => [f, ''])) as Record<string, Cell>;
  for (let i = index + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (cells.every(isBlank)) continue;
    read++;
    const line = lineOf(i);
    const input: Record<string, Cell> = { ...blankInput };
    for (const [f, c] of fields) input[f] = unprotectFormula(cells[c] ?? '');
    const raw = cells.map((c) => toText(c)).join(' | ');
    if (opts.dept && !deptMatches(toText(input.dept), opts.dept)) {
      skipped++;
      continue;
    }
    const reject = (reason: string): void => {
      rejections.push({ line, reason, raw });
    };
    const res = schema.safeParse(input);
    if (!res.success) {
      reject(res.error.issues.map((e) => e.message).join('; '));
      continue;
    }
    const v = res.data;
    const resolved = resolveItem(v, opts);
    if ('reason' in resolved) {
      reject(resolved.reason);
      continue;
    }
    const { item, sourceItem, payment } = resolved;
    const rec = {
      date: v.date,
      time: v.time,
      item,
      amount: v.amount,
      purpose: v.purpose,
      place: v.place,
      people: v.people,
      payment,
      dept: v.dept,
      user: v.user,
    };
    const h = recordHash(rec);
    const n = (occurrences.get(h) ?? 0) + 1;
    occurrences.set(h, n);
    records.push({ ...rec, line, sourceItem, key: `${h}#${n}` });
  }
  return { mapping, headerLine: lineOf(index), read, records, skipped, rejections };
}

/** '사용일 ← 사용일, 사용금액 ← exec_amount …' for messages. */
export function describeMapping(mapping: ColumnMapping): string {
  return (Object.keys(FIELD_HEADERS) as RecordField[])
    .filter((f) => mapping[f] !== undefined)
    .map((f) => `${FIELD_LABELS[f]} ← '${mapping[f]}'`)
    .join(', ');
}
