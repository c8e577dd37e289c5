/**
 * One definition of an 일정 row, shared by the sheet parser (parse/events.ts) and the sidebar's 일정
 * form (sidebar/eventForm.ts): the same cell coercions (toDate, toTime, toPeople, toEnum) and the
 * same row rules (종료 after 시작, 반복종료 not before 일자 …).
 */
import * as z from 'zod';
import { isError, toDate, toEnum, toPeople, toText, toTime } from './coerce';
import type { LocalDate, LocalTime } from './dates';
import { dayLabel, firstDateOf, NO_REPEAT, parseRepeat } from './schedule';
import { DISTRICTS, EVENT_STATUS, EVENT_TYPES, THEMES } from './sheets';
import { cell, field, textCell } from './table';

const enumOf =
  <T extends string>(options: readonly T[]) =>
  (v: unknown) =>
    toEnum(v, options);

/**
 * 반복: '없음' or blank mean a one-off; otherwise one of the office forms ('매월 둘째 주 목요일 ~ 12월',
 * schedule/rule.ts), kept in its canonical words.
 */
export const repeatCell = z.unknown().transform((v, ctx) => {
  const t = toText(v);
  if (!t) return NO_REPEAT;
  const r = parseRepeat(t);
  if ('error' in r) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.text;
});

/**
 * The hidden 키: what the sync writes (calendar/spec.ts newKeys: 'e', the clock in base 36 and a
 * counter) or nothing. Anything else — a key typed, pasted or forged, with a line break or a
 * comma — is refused for its cell, so it never reaches an .ics UID or a calendar property.
 */
export const KEY_FORMAT = /^e[0-9a-z]{3,40}$/;

export const keyCell = z.unknown().transform((v, ctx) => {
  const t = v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : String(v);
  if (t === '' || KEY_FORMAT.test(t)) return t;
  ctx.addIssue({
    code: 'custom',
    message: `숨은 키 '${t.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 30)}'는 시정 데스크가 만든 키가 아닙니다. 키 칸을 비우면 동기화할 때 새 키를 받습니다`,
  });
  return z.NEVER;
});

/** The 일정 sheet's fields: property → header and cell schema. */
export const EVENT_FIELDS = {
  date: field('일자', cell(toDate)),
  start: field('시작', cell(toTime, { optional: true })),
  end: field('종료', cell(toTime, { optional: true })),
  type: field('유형', cell(enumOf(EVENT_TYPES))),
  title: field('제목', cell(toText)),
  theme: field('테마', textCell),
  place: field('장소', textCell),
  district: field('자치구', textCell),
  attendees: field('참석자', cell(toPeople, { optional: true })),
  repeat: field('반복', repeatCell),
  repeatUntil: field('반복종료', cell(toDate, { optional: true })),
  status: field('상태', cell(enumOf(EVENT_STATUS))),
  relatedTask: field('관련업무', textCell),
  result: field('결과', textCell),
  key: field('키', keyCell),
  eventId: field('이벤트ID', textCell),
  hash: field('해시', textCell),
  syncedAt: field('동기화일시', textCell),
} as const;

export type EventFieldName = keyof typeof EVENT_FIELDS;

export interface EventRuleProblem {
  readonly severity: 'error' | 'warning';
  readonly field: 'date' | 'start' | 'end' | 'repeat' | 'repeatUntil';
  readonly message: string;
}

/** The rules of a 반복 against 일자 and 반복종료. */
function repeatProblems(v: { date: LocalDate; repeat: string; repeatUntil: LocalDate | null }): EventRuleProblem[] {
  const p = parseRepeat(v.repeat);
  if ('error' in p || !p.rule) return [];
  const out: EventRuleProblem[] = [];
  if (p.end && v.repeatUntil)
    out.push({
      severity: 'error',
      field: 'repeatUntil',
      message: `반복('${p.text}')에 끝이 있으면 반복종료는 비워 두세요 (둘 중 하나만)`,
    });
  const first = firstDateOf(p.rule, v.date);
  if (first && first !== v.date)
    out.push({
      severity: 'warning',
      field: 'date',
      message: `일자 ${dayLabel(v.date)}은(는) '${p.text}'에 맞지 않아 첫 일정은 ${dayLabel(first)}입니다`,
    });
  const late = p.rule.byDay.some((d) => d.ord === 5) || p.rule.byMonthDay.some((d) => d > 28);
  if (late) out.push({ severity: 'warning', field: 'repeat', message: `'${p.text}'이(가) 없는 달은 건너뜁니다` });
  return out;
}

/** The rules across cells of one 일정 row (after each cell passed its schema). */
export function eventRowProblems(v: {
  readonly date: LocalDate;
  readonly start: LocalTime | null;
  readonly end: LocalTime | null;
  readonly repeat: string;
  readonly repeatUntil: LocalDate | null;
}): EventRuleProblem[] {
  const out: EventRuleProblem[] = [];
  if (v.start && v.end && v.end <= v.start) {
    out.push({ severity: 'error', field: 'end', message: `종료(${v.end})가 시작(${v.start})보다 빠르거나 같습니다` });
  }
  if (!v.start && v.end) {
    out.push({ severity: 'error', field: 'start', message: '종료 시각이 있으면 시작 시각도 입력하세요' });
  }
  if (v.repeatUntil && v.repeatUntil < v.date) {
    out.push({
      severity: 'error',
      field: 'repeatUntil',
      message: `반복종료(${v.repeatUntil})가 일자(${v.date})보다 빠릅니다`,
    });
  }
  if (v.repeatUntil && v.repeat === NO_REPEAT) {
    out.push({ severity: 'warning', field: 'repeatUntil', message: "반복이 '없음'이라 반복종료는 쓰이지 않습니다" });
  }
  out.push(...repeatProblems(v));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The sidebar's 일정 form: the same cell schemas, keyed by property, plus the same row rules.

/** The form's fields (the hidden sync columns are not edited by people). */
export const EVENT_FORM_KEYS = [
  'date',
  'start',
  'end',
  'type',
  'title',
  'theme',
  'place',
  'district',
  'attendees',
  'repeat',
  'repeatUntil',
  'status',
  'relatedTask',
  'result',
] as const;

export type EventFormKey = (typeof EVENT_FORM_KEYS)[number];

/** What the form sends: every field as typed text; `row` is the sheet row being edited (null = new). */
export type EventFormValues = { readonly [K in EventFormKey]: string } & { readonly row: number | null };

/** Blank, or one of the dropdown's values (the sheet's dropdown says the same). */
const optionOrBlank = <T extends string>(options: readonly T[]) =>
  z.unknown().transform((v, ctx) => {
    const t = toText(v);
    if (!t) return '';
    const r = toEnum(t, options);
    if (isError(r)) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r;
  });

const formShape = {
  ...Object.fromEntries(EVENT_FORM_KEYS.map((k) => [k, EVENT_FIELDS[k].schema])),
  theme: optionOrBlank(THEMES),
  district: optionOrBlank(DISTRICTS),
} as { [K in EventFormKey]: (typeof EVENT_FIELDS)[K]['schema'] };

/** zod schema of the form (cells only; the row rules run after it, see `checkEventForm`). */
export const eventFormSchema = z.object(formShape);

export type EventFormParsed = z.output<typeof eventFormSchema>;

export type EventFormCheck =
  | { readonly ok: true; readonly value: EventFormParsed; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly fields: Partial<Record<EventFormKey, string>> };

/** Checks the form like the parser checks a sheet row; messages are keyed by field, in Korean. */
export function checkEventForm(input: unknown): EventFormCheck {
  const src = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const k of EVENT_FORM_KEYS) {
    const v = src[k];
    picked[k] = typeof v === 'string' || typeof v === 'number' ? v : '';
  }
  const res = eventFormSchema.safeParse(picked);
  if (!res.success) {
    const fields: Partial<Record<EventFormKey, string>> = {};
    for (const i of res.error.issues) {
      const k = String(i.path[0] ?? '') as EventFormKey;
      if ((EVENT_FORM_KEYS as readonly string[]).includes(k) && !fields[k]) fields[k] = i.message;
    }
    // All problems at once: the row rules too, when the cells they compare are fine.
    const ruleCells = z
      .object({
        date: EVENT_FIELDS.date.schema,
        start: EVENT_FIELDS.start.schema,
        end: EVENT_FIELDS.end.schema,
        repeat: EVENT_FIELDS.repeat.schema,
        repeatUntil: EVENT_FIELDS.repeatUntil.schema,
      })
      .safeParse(picked);
    if (ruleCells.success) {
      for (const p of eventRowProblems(ruleCells.data)) if (p.severity === 'error') fields[p.field] ??= p.message;
    }
    return { ok: false, fields };
  }
  const problems = eventRowProblems(res.data);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const fields: Partial<Record<EventFormKey, string>> = {};
    for (const p of errors) fields[p.field] ??= p.message;
    return { ok: false, fields };
  }
  return { ok: true, value: res.data, warnings: problems.map((p) => p.message) };
}
