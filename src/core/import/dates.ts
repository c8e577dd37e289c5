/**
 * Dates and times of 업무추진비 records as districts publish them, read against a year context.
 *
 * Monthly disclosures often leave the year out of each row ('3.10.', '3월 11일', '06월03일 11:59');
 * the year and month are in the file's title row ('2026년 3월 업무추진비 사용내역'), or in the
 * file name, or known to the user. `yearContext` picks the context in this order: the user's
 * --year/--month (and the sidebar's choice), a title row above the header, the file name, the
 * workbook's 회계연도. A year-less date takes the year that puts it nearest to the context month
 * (a January file may hold late-December dates of the year before).
 *
 * Forms read by `readRecordDate` (besides everything `toDate` reads):
 * - two-digit years with or without the apostrophe: '25.12.11.', '26.3.02, 13:13', '23-11-02', '24/5/28';
 * - compact '20260316', Excel day serials written as text ('45964', '45964.5' with its time);
 * - a weekday after the date: '3.10.(화)', '2026-03-10 (화요일)';
 * - a time after the date: '2026-03-04 12:27:18', '25-11-21 12:08 PM', '03.09.(월) (12:46)'.
 * '00:00' (and '00:00:00', a 0 day fraction) is what exports write when the time was not given:
 * it is read as no time, so it never counts as late-night use.
 * Pure; no Node or Apps Script globals.
 */
import { isError, normalizeText, toDate, toTime, type Cell, type Coerced } from '../coerce';
import { isValidYmd, seoulTimeOf, ymd, type LocalDate, type LocalTime } from '../dates';

export type YearSource = 'option' | 'title' | 'fileName' | 'fiscalYear';

export interface YearContext {
  readonly year: number;
  /** 1–12 when the source names the month too. */
  readonly month: number | null;
  readonly source: YearSource;
  /** What the context was read from: the title text, the file name, '--year 2026', '회계연도 2026'. */
  readonly text: string;
}

/** Where the year came from, for the import summary. */
export function describeYearContext(c: YearContext | null): string {
  if (!c) return '연도 정보 없음';
  const when = c.month ? `${c.year}년 ${c.month}월` : `${c.year}년`;
  const from: Record<YearSource, string> = {
    option: '직접 지정',
    title: `제목 행 '${c.text}'`,
    fileName: `파일 이름 '${c.text}'`,
    fiscalYear: '설정의 회계연도',
  };
  return `${when} (${from[c.source]})`;
}

/** '제목 행', '파일 이름', '설정의 회계연도', '지정한 연도' (for row messages). */
export const YEAR_SOURCE_LABELS: Readonly<Record<YearSource, string>> = {
  option: '지정한 연도',
  title: '제목 행',
  fileName: '파일 이름',
  fiscalYear: '설정의 회계연도',
};

export interface YearMonth {
  readonly year: number;
  readonly month: number | null;
}

const validMonth = (m: number): number | null => (m >= 1 && m <= 12 ? m : null);
const fullYear = (y: number): number => (y < 100 ? 2000 + y : y);

/**
 * 'YYYY년 M월' (also '25년 12월') or 'YYYY년' in a title; a date written in full after it
 * ('2026년 4월 2일', a 작성일) is not a month of records. null when none.
 */
export function yearMonthInTitle(text: string): YearMonth | null {
  const s = normalizeText(text);
  const ym = /(?:^|[^\d])(\d{4}|\d{2})\s*년\s*(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)/.exec(s);
  if (ym) {
    const month = validMonth(Number(ym[2]));
    if (month) return { year: fullYear(Number(ym[1])), month };
  }
  const y = /(?:^|[^\d])(\d{4})\s*년(?!\s*\d{1,2}\s*월\s*\d{1,2}\s*일)/.exec(s);
  return y ? { year: Number(y[1]), month: null } : null;
}

/** A year and month in a file name: '…2025년 12월…', '…_2025-12.csv', '2025.12', '202512'. */
export function yearMonthInFileName(name: string): YearMonth | null {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const titled = yearMonthInTitle(base);
  if (titled) return titled;
  const sep = /(?:^|[^\d])(20\d{2})[-_. ](\d{1,2})(?![\d])/.exec(base);
  if (sep && validMonth(Number(sep[2]))) return { year: Number(sep[1]), month: Number(sep[2]) };
  const compact = /(?:^|[^\d])(20\d{2})(0[1-9]|1[0-2])(?![\d])/.exec(base);
  if (compact) return { year: Number(compact[1]), month: Number(compact[2]) };
  return null;
}

/** Words of a title that names the records (not a 작성일 line). */
export const RECORD_WORDS = /업무추진비|사용\s*내역|집행\s*내역|사용\s*현황|집행\s*현황|공개/;

export interface YearContextInput {
  /** --year / the sidebar's year. */
  readonly year?: number;
  /** --month / the sidebar's month (1–12). */
  readonly month?: number;
  /** Texts of the rows above the header (each row's cells joined). */
  readonly titles: readonly string[];
  readonly fileName: string;
  readonly fiscalYear: number | null;
}

/** The year context of a file, by the order described at the top of this module. */
export function yearContext(input: YearContextInput): YearContext | null {
  const titled = input.titles
    .map((t) => ({ t, ym: yearMonthInTitle(t) }))
    .filter((x): x is { t: string; ym: YearMonth } => x.ym !== null);
  // A title that names the records wins over another dated line above the header.
  const title = titled.find((x) => RECORD_WORDS.test(x.t)) ?? titled[0];
  const named = yearMonthInFileName(input.fileName);
  if (input.year !== undefined) {
    const fromSource = [title?.ym, named].find((ym) => ym && ym.year === input.year && ym.month);
    const month = input.month ?? fromSource?.month ?? null;
    const text = `--year ${input.year}${input.month !== undefined ? ` --month ${input.month}` : ''}`;
    return { year: input.year, month, source: 'option', text };
  }
  const base: YearContext | null = title
    ? { year: title.ym.year, month: title.ym.month, source: 'title', text: shorten(title.t) }
    : named
      ? { year: named.year, month: named.month, source: 'fileName', text: input.fileName }
      : input.fiscalYear
        ? { year: input.fiscalYear, month: null, source: 'fiscalYear', text: `회계연도 ${input.fiscalYear}` }
        : null;
  if (input.month === undefined) return base;
  if (!base) return null;
  return { year: base.year, month: input.month, source: 'option', text: `--month ${input.month} (연도: ${base.text})` };
}

const shorten = (s: string): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};

export interface RecordDate {
  readonly date: LocalDate;
  /** The time written in the date cell (null when none or a 00:00 placeholder). */
  readonly time: LocalTime | null;
  /** The cell had no year; it came from the context. */
  readonly yearless: boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** '00:00' as a time that was not given. */
const placeholder = (t: LocalTime | null): LocalTime | null => (t === '00:00' ? null : t);

const TIME_TAIL =
  /^(.*?)(?:\s*,\s*|\s+|T|\s*\(\s*)(?:(오전|오후|AM|PM)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(AM|PM|오전|오후))?\s*\)?$/i;

/** Splits '2026-03-04 12:27:18' into the date text and the time ('12:27'); invalid times stay in the text. */
function splitTime(s: string): { rest: string; time: LocalTime | null } {
  const m = TIME_TAIL.exec(s);
  if (!m?.[1]) return { rest: s, time: null };
  let h = Number(m[3]);
  const mi = Number(m[4]);
  const ampm = (m[2] ?? m[6] ?? '').toUpperCase();
  if ((ampm === '오후' || ampm === 'PM') && h < 12) h += 12;
  if ((ampm === '오전' || ampm === 'AM') && h === 12) h = 0;
  if (h > 23 || mi > 59) return { rest: s, time: null };
  return { rest: m[1].trim(), time: `${pad2(h)}:${pad2(mi)}` };
}

const WEEKDAY_TAIL = /(?:\s*\(\s*[월화수목금토일](?:요일)?\s*\)|\s+[월화수목금토일]요일)$/;

type Ymd = { y: number | null; m: number; d: number };

/** The numbers of a date text without its time and weekday; y is null for a year-less date. */
function dateParts(s: string): Ymd | null {
  let m = /^(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*\.?$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[3]), d: Number(m[4]) };
  m = /^['’‘`]?\s*(\d{2})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\s*\.?$/.exec(s);
  if (m) return { y: 2000 + Number(m[1]), m: Number(m[3]), d: Number(m[4]) };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(?:['’‘`]?(\d{2}|\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(s);
  if (m) return { y: m[1] ? fullYear(Number(m[1])) : null, m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{1,2})\s*[./]\s*(\d{1,2})\s*\.?$/.exec(s);
  if (m) return { y: null, m: Number(m[1]), d: Number(m[2]) };
  return null;
}

/** Day serials of Sheets/Excel that stand for 1954–2119 (a five-digit number in a date column). */
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;

function fromSerial(n: number): RecordDate | null {
  if (!Number.isFinite(n) || n < SERIAL_MIN || n >= SERIAL_MAX) return null;
  const day = Math.floor(n);
  const date = new Date(Date.UTC(1899, 11, 30) + day * 86400000).toISOString().slice(0, 10);
  const minutes = Math.round((n - day) * 24 * 60);
  const time = minutes > 0 && minutes < 24 * 60 ? `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}` : null;
  return { date, time, yearless: false };
}

/** The year for a year-less month and day: the context year, or the one nearest the context month. */
function yearFor(month: number, ctx: YearContext): number {
  if (!ctx.month) return ctx.year;
  const target = ctx.year * 12 + ctx.month;
  let best = ctx.year;
  for (const y of [ctx.year - 1, ctx.year + 1]) {
    if (Math.abs(y * 12 + month - target) < Math.abs(best * 12 + month - target)) best = y;
  }
  return best;
}

const EXAMPLE = '예: 2026-03-10, 26.3.10., 3.10.(화), 3월 10일';

/**
 * The date (and a time written with it) of a record's date cell. Year-less dates take their year
 * from `ctx`; without a context they are an error that says how to give the year.
 */
export function readRecordDate(v: Cell, ctx: YearContext | null): Coerced<RecordDate> {
  if (v instanceof Date) {
    const d = toDate(v);
    if (isError(d)) return d;
    return { date: d, time: placeholder(seoulTimeOf(v)), yearless: false };
  }
  if (typeof v === 'number') {
    const serial = fromSerial(v);
    if (serial) return serial;
    // A compact date stored as a number (20260316).
    if (Number.isInteger(v) && v >= 19000101 && v <= 21991231) return readRecordDate(String(v), ctx);
    const d = toDate(v);
    return isError(d) ? d : { date: d, time: null, yearless: false };
  }
  const s = normalizeText(String(v)).replace(/\s+/g, ' ');
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = fromSerial(Number(s));
    if (serial) return serial;
  }
  const { rest, time } = splitTime(s);
  const parts = dateParts(rest.replace(WEEKDAY_TAIL, '').trim());
  if (!parts) {
    const d = toDate(s);
    if (isError(d)) return { error: `날짜로 읽을 수 없습니다, ${EXAMPLE} (입력값: '${shorten(s)}')` };
    return { date: d, time: placeholder(time), yearless: false };
  }
  let y = parts.y;
  if (y === null) {
    if (!ctx) {
      return {
        error: `연도가 없는 날짜입니다 ('${shorten(s)}'). 제목 행에 'YYYY년 M월'을 넣거나 연도를 지정하세요 (--year, 사이드바의 연도)`,
      };
    }
    y = yearFor(parts.m, ctx);
  }
  if (!isValidYmd(y, parts.m, parts.d)) return { error: `존재하지 않는 날짜입니다 (입력값: '${shorten(s)}')` };
  return { date: ymd(y, parts.m, parts.d), time: placeholder(time), yearless: parts.y === null };
}

/**
 * A record's time cell: '12:08', '12:08 PM', '오후 12:08', '12시 8분', a day fraction or a Date.
 * Blank and 00:00 placeholders are null.
 */
export function readRecordTime(v: Cell): Coerced<LocalTime | null> {
  if (v === '' || (typeof v === 'string' && !v.trim())) return null;
  let input: Cell = v;
  if (typeof v === 'string') {
    const s = normalizeText(v).replace(/\s+/g, ' ');
    const suffix = /^(\d{1,2}:\d{2}(?::\d{2})?)\s*(AM|PM|오전|오후)$/i.exec(s);
    input = suffix ? `${suffix[2]} ${suffix[1]}` : s;
  }
  const t = toTime(input);
  if (isError(t)) return t;
  return placeholder(t);
}

/** Months between a date and the context month (0 = the same month). */
export function monthsFrom(date: LocalDate, ctx: YearMonth & { month: number }): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return y * 12 + m - (ctx.year * 12 + ctx.month);
}
