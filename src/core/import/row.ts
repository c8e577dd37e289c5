/** One data row of an 업무추진비 file → a record, a skip or a rejection (see ./records). Pure. */

import * as z from 'zod';
import { isBlank, isError, toAmount, type Cell } from '../coerce';
import { splitDate, ymd, type LocalDate } from '../dates';
import { groupDigits } from '../format';
import { cleanText, isCleanText, unsafeCharacters } from '../text';
import { monthsFrom, readRecordDate, readRecordTime, YEAR_SOURCE_LABELS, type YearContext } from './dates';
import type { HeaderInfo } from './header';
import { cleanCell, deptMatches, fullPlace, hash53 } from './normalize';
import type { ImportRecord, ParseRecordsOptions, Rejection, RowWarning } from './records';
import { resolveItem, type ReasonCode } from './resolve';

export const MAX_AMOUNT = 10_000_000;
export const MAX_AGE_YEARS = 10;

const yearsBefore = (d: LocalDate, years: number): LocalDate => {
  const [y, m, day] = splitDate(d);
  return ymd(y - years, m, Math.min(day, 28));
};

/** Adds a rejection reason with its code; returns z.NEVER for the transform to return. */
const issuer =
  (ctx: z.core.$RefinementCtx) =>
  (message: string, code: ReasonCode): typeof z.NEVER => {
    ctx.addIssue({ code: 'custom', message, params: { reason: code } });
    return z.NEVER;
  };

/** zod schema of one source row's date and amount (raw cells) → typed values; text fields are cleaned before. */
export function rowSchema(today: LocalDate, year: YearContext | null) {
  const oldest = yearsBefore(today, MAX_AGE_YEARS);
  const hint =
    year && year.source !== 'option'
      ? `; 연도 없는 날짜라 ${YEAR_SOURCE_LABELS[year.source]}의 ${year.year}년으로 읽었습니다. 다르면 연도를 지정하세요(--year)`
      : '';
  return z.object({
    date: z.unknown().transform((v, ctx) => {
      const fail = issuer(ctx);
      if (isBlank(v)) return fail('사용일이 비어 있습니다', 'date-blank');
      const d = readRecordDate(v as Cell, year);
      if (isError(d)) return fail(`사용일을 읽을 수 없습니다: ${d.error}`, 'date-unreadable');
      const why = d.yearless ? hint : '';
      if (d.date > today) {
        fail(
          `사용일 ${d.date}이(가) 가져오는 날(${today})보다 뒤입니다 (연도 오타인지 확인하세요${why})`,
          'date-future',
        );
        return z.NEVER;
      }
      if (d.date < oldest) {
        fail(
          `사용일 ${d.date}이(가) ${MAX_AGE_YEARS}년보다 오래되었습니다 (연도 오타인지 확인하세요${why})`,
          'date-old',
        );
        return z.NEVER;
      }
      return d;
    }),
    amount: z.unknown().transform((v, ctx) => {
      const fail = issuer(ctx);
      if (isBlank(v)) return fail('사용금액이 비어 있습니다', 'amount-unreadable');
      const a = toAmount(v);
      if (isError(a)) return fail(`사용금액을 읽을 수 없습니다: ${a.error}`, 'amount-unreadable');
      if (a === 0) return fail('사용금액이 0원입니다 (원본에서 금액이 빠진 것으로 보입니다)', 'amount-zero');
      if (Math.abs(a) > MAX_AMOUNT) {
        fail(
          `사용금액 ${groupDigits(a)}원이 1건 한도로 보는 ${groupDigits(MAX_AMOUNT)}원을 넘습니다 (자릿수를 확인하세요; 실제 금액이면 집행내역에 직접 입력하세요)`,
          'amount-limit',
        );
        return z.NEVER;
      }
      return a;
    }),
    purpose: z.string().transform((v, ctx) => {
      if (!/^[\d,.\s]+$/.test(v)) return v;
      issuer(ctx)('사용목적 칸에 숫자만 있습니다 (열이 밀린 행으로 보입니다)', 'purpose-number');
      return z.NEVER;
    }),
  });
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
export function recordHash(r: Omit<ImportRecord, 'key' | 'line' | 'sourceItem' | 'origin'>): string {
  return hash53(FIELDS_IN_KEY.map((k) => String(r[k] ?? '')).join('\u001f'));
}

/** Undoes the apostrophe that a CSV export puts before text starting with = + - @ (see toCsv). */
export function unprotectFormula(v: Cell): Cell {
  return typeof v === 'string' && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
}

export interface ReaderState {
  readonly header: HeaderInfo;
  readonly headerLine: number;
  readonly context: YearContext | null;
  readonly fileDept: string;
  readonly schema: ReturnType<typeof rowSchema>;
}

export type Out = {
  read: number;
  skipped: number;
  totals: number;
  yearless: number;
  records: ImportRecord[];
  rejections: Rejection[];
  warnings: RowWarning[];
  undecodable: number[];
  origins: Map<string, { read: number; skipped: number; rejected: number }>;
};

const TOTAL_WORDS = /^(합계|총계|소계|누계|계|합|total)$/i;

/** A table's total row: no date (or a total word in its place) and a total word in a cell. */
function isTotalRow(cells: readonly Cell[], date: Cell): boolean {
  const word = (c: Cell): boolean => typeof c === 'string' && TOTAL_WORDS.test(c.replace(/[\s:()[\]]/g, ''));
  return (isBlank(date) || word(date)) && cells.some(word);
}

const TEXT_FIELDS = ['place', 'shop', 'people', 'payment', 'item', 'dept', 'user', 'title', 'source'] as const;

/** One data row → a record, a skip or a rejection (with all of its reasons), plus its warnings. */
export function readRow(
  s: ReaderState,
  rawCells: readonly Cell[],
  line: number,
  opts: ParseRecordsOptions,
  out: Out,
  occurrences: Map<string, number>,
): void {
  const notes: string[] = [];
  const removed = new Set<string>();
  const cells = rawCells.map((c) => {
    if (typeof c !== 'string') return c;
    if (isCleanText(c)) return unprotectFormula(c);
    for (const u of unsafeCharacters(c)) removed.add(u);
    return unprotectFormula(cleanText(c));
  });
  const raw = (): string => cells.map((c) => cleanCell(c).text).join(' | ');
  const at = (f: string): Cell => {
    const c = s.header.columns.get(f as never);
    return c === undefined ? '' : (cells[c] ?? '');
  };
  const text: Record<(typeof TEXT_FIELDS)[number], string> = Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, cleanCell(at(f)).text]),
  ) as never;
  const dept = text.dept || s.fileDept;
  let counts = out.origins.get(text.source);
  if (!counts) out.origins.set(text.source, (counts = { read: 0, skipped: 0, rejected: 0 }));
  counts.read++;
  if (isTotalRow(cells, at('date'))) {
    out.skipped++;
    out.totals++;
    counts.skipped++;
    return;
  }
  if (opts.dept && !deptMatches(dept, opts.dept)) {
    out.skipped++;
    counts.skipped++;
    return;
  }
  if (cells.some((c) => typeof c === 'string' && c.includes('\uFFFD'))) {
    out.undecodable.push(line);
    notes.push(
      opts.encoding
        ? `${opts.encoding}로 읽을 수 없는 바이트가 있어 '\uFFFD'로 바뀐 글자가 있습니다`
        : `읽을 수 없는 글자('\uFFFD')가 있습니다`,
    );
  }
  if (removed.size) notes.push(`쓸 수 없는 문자(${[...removed].join(', ')})를 지우거나 공백으로 바꾸었습니다`);
  const res = s.schema.safeParse({
    date: at('date'),
    amount: at('amount'),
    purpose: cleanCell(at('purpose'), true).text,
  });
  const item = resolveItem(text, opts);
  const reasons: { message: string; code: ReasonCode }[] = res.success
    ? []
    : res.error.issues.map((i) => ({
        message: i.message,
        code: ((i as { params?: { reason?: ReasonCode } }).params?.reason ?? 'date-unreadable') as ReasonCode,
      }));
  if ('reason' in item) reasons.push({ message: item.reason, code: item.code });
  if (!res.success || 'reason' in item) {
    const reason = reasons.map((r) => r.message).join('; ');
    out.rejections.push({ line, origin: text.source, reason, codes: reasons.map((r) => r.code), raw: raw() });
    counts.rejected++;
    return;
  }
  const v = res.data;
  if (v.date.yearless) out.yearless++;
  if (item.note) notes.push(item.note);
  let time = v.date.time;
  const t = readRecordTime(at('time'));
  if (isError(t)) notes.push(`사용시간을 읽을 수 없어 비워 두었습니다 (${t.error})`);
  else if (t) time = t;
  const ctx = s.context;
  if (
    ctx?.month &&
    ctx.source !== 'fiscalYear' &&
    Math.abs(monthsFrom(v.date.date, { ...ctx, month: ctx.month })) > 1
  ) {
    notes.push(
      `사용일 ${v.date.date}이(가) 파일의 달(${ctx.year}년 ${ctx.month}월, ${YEAR_SOURCE_LABELS[ctx.source]})에서 한 달 넘게 떨어져 있습니다`,
    );
  }
  const rec = {
    date: v.date.date,
    time,
    item: item.item,
    amount: v.amount,
    purpose: v.purpose,
    place: fullPlace(text.place, text.shop),
    people: text.people,
    payment: item.payment,
    dept,
    user: text.user,
  };
  const h = recordHash(rec);
  const n = (occurrences.get(h) ?? 0) + 1;
  occurrences.set(h, n);
  out.records.push({ ...rec, line, sourceItem: item.sourceItem, key: `${h}#${n}`, origin: text.source });
  if (notes.length) out.warnings.push({ line, message: notes.join('; '), raw: raw() });
}
