/**
 * Coercions from what staff type into cells (as `Range.getValues()` returns it) to typed values.
 * Each returns the value or `{ error }` with a Korean message; none of them throws.
 */
import { isValidYmd, seoulDateOf, seoulTimeOf, ymd, type LocalDate, type LocalTime } from './dates';
import { cleanText } from './text';

export type Cell = string | number | boolean | Date;
export interface CoerceError {
  readonly error: string;
}
export type Coerced<T> = T | CoerceError;

export const isError = (v: unknown): v is CoerceError =>
  typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;

const err = (error: string): CoerceError => ({ error });

export function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Shows a cell value inside a message, shortened. */
/** Dates from 1900 to 2199: anything else in a cell is a typing or conversion accident. */
export function isUsableDate(d: Date): boolean {
  const t = d.getTime();
  return t >= Date.UTC(1899, 11, 30) && t < Date.UTC(2200, 0, 1);
}

export function show(v: unknown): string {
  let s: string;
  if (v instanceof Date) s = isUsableDate(v) ? seoulDateOf(v) : '잘못된 날짜';
  else if (typeof v === 'string') s = v;
  else s = String(v);
  if (s.length > 40) s = `${s.slice(0, 40)}…`;
  return `'${s}'`;
}

/** Full-width digits and signs to ASCII, NBSP to space, trimmed. */
export function normalizeText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u3000]/g, ' ')
    .trim();
}

export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isUsableDate(v) ? seoulDateOf(v) : '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  // Cleaned as every text written is (text.ts): a workbook another program wrote may hold anything.
  return cleanText(String(v)).replace(/\r\n?/g, '\n').trim();
}

const UNIT_FACTORS: Record<string, number> = { 원: 1, 천원: 1000, 만원: 10000, 백만원: 1000000, 억원: 100000000 };

/**
 * Amount in 원: 1234, '1,234', '1,234원', '1234천원', '１，２３４', '△1,000' or '-1,000' (negative).
 * A unit written in the cell wins; a bare number is 원.
 */
export function toAmount(v: unknown): Coerced<number> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return err(`금액은 숫자여야 합니다 (입력값: ${show(v)})`);
    if (!Number.isInteger(v)) return err(`금액은 원 단위 정수여야 합니다 (입력값: ${show(v)})`);
    return v;
  }
  if (typeof v !== 'string') return err(`금액을 숫자로 입력하세요 (입력값: ${show(v)})`);
  let s = normalizeText(v).replace(/\s+/g, '');
  let sign = 1;
  if (/^[△▲-]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(원|천원|만원|백만원|억원)?$/.exec(s);
  if (!m) return err(`금액을 숫자로 입력하세요, 예: 1,234,000 또는 1,234천원 (입력값: ${show(v)})`);
  const factor = UNIT_FACTORS[m[3] ?? '원'] ?? 1;
  const whole = Number((m[1] ?? '').replace(/,/g, ''));
  const frac = m[2] ? Number(`0.${m[2]}`) : 0;
  const value = Math.round((whole + frac) * factor * 1000) / 1000;
  if (!Number.isInteger(value)) return err(`금액은 원 단위 정수여야 합니다 (입력값: ${show(v)})`);
  if (!Number.isSafeInteger(value)) return err(`금액이 너무 큽니다 (입력값: ${show(v)})`);
  return sign * value;
}

/** Whole number: 22, '22', '22명', '１,０００'. */
export function toInteger(v: unknown): Coerced<number> {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return err(`정수를 입력하세요 (입력값: ${show(v)})`);
    return v;
  }
  if (typeof v !== 'string') return err(`정수를 입력하세요 (입력값: ${show(v)})`);
  const s = normalizeText(v).replace(/\s+/g, '');
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(명|건|개|회)?$/.exec(s);
  if (!m) return err(`정수를 입력하세요 (입력값: ${show(v)})`);
  const n = Number((m[2] ?? '').replace(/,/g, ''));
  if (!Number.isSafeInteger(n)) return err(`숫자가 너무 큽니다 (입력값: ${show(v)})`);
  return m[1] ? -n : n;
}

/** Sheets' day serial (days since 1899-12-30) for a number typed into a date column. */
function serialToDate(n: number): LocalDate | null {
  if (!Number.isInteger(n) || n < 1 || n > 120000) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);
}

const twoDigitYear = (y: number): number => (y < 100 ? 2000 + y : y);

/**
 * A calendar date: Date cells (read as the Seoul day), '2019-03-31', '2019.3.31', '2019.3.31.',
 * '2019. 3. 31.', "'19.3.31." (with ' or ’ or ‘), '2019/3/31', '20190331', '2019년 3월 31일',
 * and '20251210 12:20' (the time is ignored here).
 */
export function toDate(v: unknown): Coerced<LocalDate> {
  if (v instanceof Date) {
    if (!isUsableDate(v)) return err('날짜가 올바르지 않습니다 (1900~2199년 밖)');
    return seoulDateOf(v);
  }
  if (typeof v === 'number') {
    const d = serialToDate(v);
    return d ?? err(`날짜를 입력하세요, 예: 2019-03-31 (입력값: ${show(v)})`);
  }
  if (typeof v !== 'string') return err(`날짜를 입력하세요, 예: 2019-03-31 (입력값: ${show(v)})`);
  const s = normalizeText(v);
  let y: number;
  let m: number;
  let d: number;
  let match =
    /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?(?:\s*\(?[월화수목금토일]\)?)?(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(
      s,
    );
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^['’‘`]\s*(\d{2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?$/.exec(s))) {
    [y, m, d] = [twoDigitYear(Number(match[1])), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})(\d{2})(\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return err(`날짜를 입력하세요, 예: 2019-03-31 (입력값: ${show(v)})`);
  }
  if (!isValidYmd(y, m, d)) return err(`존재하지 않는 날짜입니다 (입력값: ${show(v)})`);
  return ymd(y, m, d);
}

/**
 * A wall-clock time: '09:30', '9:30', '09:30:00', '9시', '9시 30분', '오후 2:00', a day fraction
 * (0.375) or a Date (read as Seoul wall-clock time).
 */
export function toTime(v: unknown): Coerced<LocalTime> {
  const fmt = (h: number, mi: number): LocalTime => `${h < 10 ? '0' : ''}${h}:${mi < 10 ? '0' : ''}${mi}`;
  if (v instanceof Date) {
    if (!isUsableDate(v)) return err('시각이 올바르지 않습니다');
    return seoulTimeOf(v);
  }
  if (typeof v === 'number') {
    if (v >= 0 && v < 1) {
      const minutes = Math.round(v * 24 * 60);
      return fmt(Math.floor(minutes / 60) % 24, minutes % 60);
    }
    return err(`시각을 입력하세요, 예: 09:30 (입력값: ${show(v)})`);
  }
  if (typeof v !== 'string') return err(`시각을 입력하세요, 예: 09:30 (입력값: ${show(v)})`);
  const s = normalizeText(v).replace(/\s+/g, ' ');
  const m =
    /^(오전|오후|AM|PM|am|pm)?\s*(\d{1,2})(?::(\d{2})(?::\d{2})?|\s*시(?:\s*(\d{1,2})\s*분)?|\s*시\s*반)?$/.exec(s);
  if (!m) return err(`시각을 입력하세요, 예: 09:30 (입력값: ${show(v)})`);
  let h = Number(m[2]);
  const mi = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Number(m[4]) : /반$/.test(s) ? 30 : 0;
  const ampm = m[1]?.toUpperCase();
  if ((ampm === '오후' || ampm === 'PM') && h < 12) h += 12;
  if ((ampm === '오전' || ampm === 'AM') && h === 12) h = 0;
  if (h > 23 || mi > 59) return err(`존재하지 않는 시각입니다 (입력값: ${show(v)})`);
  return fmt(h, mi);
}

/** One of a fixed list; spaces are ignored ('현장 방문' = '현장방문'). */
export function toEnum<T extends string>(v: unknown, options: readonly T[]): Coerced<T> {
  const s = normalizeText(toText(v)).replace(/\s+/g, '');
  const hit = options.find((o) => o.replace(/\s+/g, '') === s);
  if (hit !== undefined) return hit;
  return err(`다음 중 하나를 입력하세요: ${options.join(', ')} (입력값: ${show(v)})`);
}

const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const isEmail = (s: string): boolean => EMAIL_RE.test(s) && s.length <= 254;

export interface Person {
  readonly name: string;
  readonly email: string | null;
}

/**
 * People separated by commas, semicolons or line breaks: '홍길동', 'a@b.kr', '홍길동 <a@b.kr>'.
 * Any token that looks like an e-mail address must be a valid one.
 */
export function toPeople(v: unknown): Coerced<Person[]> {
  const s = toText(v);
  if (!s) return [];
  const out: Person[] = [];
  for (const raw of s.split(/[,;\n]+/)) {
    const t = normalizeText(raw);
    if (!t) continue;
    const angle = /^(.*?)<([^>]*)>$/.exec(t);
    if (angle) {
      const email = (angle[2] ?? '').trim();
      if (!isEmail(email)) return err(`올바르지 않은 이메일 주소입니다: ${show(email)}`);
      out.push({ name: (angle[1] ?? '').trim() || email, email });
    } else if (t.includes('@')) {
      if (!isEmail(t)) return err(`올바르지 않은 이메일 주소입니다: ${show(t)}`);
      out.push({ name: t, email: t });
    } else {
      out.push({ name: t, email: null });
    }
  }
  return out;
}

/** Comma-separated e-mail addresses, every one valid. */
export function toEmails(v: unknown): Coerced<string[]> {
  const people = toPeople(v);
  if (isError(people)) return people;
  const bad = people.find((p) => !p.email);
  if (bad) return err(`이메일 주소를 입력하세요: ${show(bad.name)}`);
  return people.map((p) => p.email as string);
}

/** Yes/no settings: 예/아니오, 예/아니요, Y/N, true/false, O/X. */
export function toBoolean(v: unknown): Coerced<boolean> {
  if (typeof v === 'boolean') return v;
  const s = normalizeText(toText(v)).toLowerCase();
  if (['예', '네', 'y', 'yes', 'true', 'o', '사용', '1'].includes(s)) return true;
  if (['아니오', '아니요', 'n', 'no', 'false', 'x', '미사용', '0', ''].includes(s)) return false;
  return err(`'예' 또는 '아니오'를 입력하세요 (입력값: ${show(v)})`);
}

/**
 * Text that the add-on writes into a sheet: a leading = + - @ would make Sheets read it as a
 * formula, so such text is written with a leading apostrophe (shown as plain text).
 */
export function protectFormula(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
}
