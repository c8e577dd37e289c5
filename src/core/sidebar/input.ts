/**
 * zod schemas for the arguments of the sidebar's server functions (server.ts). Whatever
 * arrives over google.script.run or the local preview's /rpc is untrusted JSON: it is parsed here
 * first, and a malformed argument becomes one Korean message (nothing is read or written).
 */
import * as z from 'zod';
import { EVENT_FIELDS, EVENT_FORM_KEYS, type EventFormKey } from '../eventSchema';
import { SETTINGS } from '../settings';
import { SHEET } from '../sheets';
import { shortName } from '../text';
import { IMPORT_YEAR_MAX, IMPORT_YEAR_MIN } from '../usecases/importRecords';
import type { EventRef } from '../usecases/saveEvent';
import type { ActionOptions } from './views';

export { shortName };
export type { EventRef };

/** Longest text one form field may carry. */
export const MAX_FIELD_CHARS = 5000;
/** Longest CSV text the sidebar may send (its file limit is 15 MiB; decoded text has no more characters than bytes). */
export const MAX_CSV_CHARS = 15 * 1024 * 1024;
/** Last sheet row a form may name (a spreadsheet holds at most 10 million cells). */
export const MAX_SHEET_ROW = 10_000_000;

const text = (max = MAX_FIELD_CHARS) => z.string().max(max);

/**
 * What the 일정 form remembers of the row it loaded for editing (see `EventRef`): saveEvent finds
 * the row again by the key, or checks that the row number still holds this 일자/제목.
 */
export const eventRefSchema = z.strictObject({
  key: text(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: text(),
}) satisfies z.ZodType<EventRef>;

const formFields = Object.fromEntries(EVENT_FORM_KEYS.map((k) => [k, text()])) as { [K in EventFormKey]: z.ZodString };

/** saveEvent's argument: every form field as text, the row (null = new) and, for an edit, the ref. */
export const eventSaveSchema = z
  .strictObject({
    row: z.number().int().min(2).max(MAX_SHEET_ROW).nullable(),
    ref: eventRefSchema.optional(),
    ...formFields,
  })
  .refine((v) => v.row === null || v.ref !== undefined, { path: ['ref'], message: 'missing ref' });

/** saveSettings' argument: known 설정 items only, each as text. */
export const settingsSaveSchema = z.strictObject(
  Object.fromEntries(SETTINGS.map((d) => [d.key, text().optional()])) as {
    [key: string]: z.ZodOptional<z.ZodString>;
  },
);

/** importRecords' argument (the options the sidebar sends with the decoded CSV text). */
export const csvRequestSchema = z.strictObject({
  text: z.string().max(MAX_CSV_CHARS),
  fileName: text(260).optional(),
  dept: text(100).optional(),
  item: text(100).optional(),
  /** Year and month of year-less dates (the card's choice; blank = from the file). */
  year: z.number().int().min(IMPORT_YEAR_MIN).max(IMPORT_YEAR_MAX).optional(),
  month: z.number().int().min(1).max(12).optional(),
  /** How the browser decoded the bytes. */
  encoding: z.enum(['UTF-8', 'CP949']).optional(),
  dryRun: z.boolean().optional(),
});

/** runAction's optional second argument. */
export const actionOptionsSchema = z.strictObject({
  confirmed: z.boolean().optional(),
}) satisfies z.ZodType<ActionOptions>;

// ---------------------------------------------------------------------------------------------
// Korean messages

const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EVENT_FORM_KEYS.map((k) => [k, EVENT_FIELDS[k].header])),
  row: '행 번호',
  ref: '불러온 일정 정보',
  key: '키',
  text: 'CSV 내용',
  fileName: '파일 이름',
  dept: '부서',
  item: '과목',
  year: '연도',
  month: '월',
  encoding: '인코딩',
  dryRun: '미리보기 여부',
  confirmed: '시작 확인',
};

const labelOf = (path: readonly PropertyKey[]): string => {
  const names = path.map((p) =>
    typeof p === 'number' ? `${p + 1}번째` : (FIELD_LABELS[String(p)] ?? shortName(String(p))),
  );
  return names.join(' › ');
};

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `'${labelOf(issue.path)}'` : '보낸 값';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${where} 값이 없습니다` : `${where}의 형식이 맞지 않습니다`;
    case 'too_big':
      return `${where}이(가) 너무 깁니다 (${String(issue.maximum)}${issue.origin === 'string' ? '자' : ''}까지)`;
    case 'too_small':
      return `${where}이(가) 너무 작습니다`;
    case 'unrecognized_keys':
      return `알 수 없는 항목이 있습니다: ${issue.keys.slice(0, 5).map(shortName).join(', ')}${issue.keys.length > 5 ? ' …' : ''}`;
    default:
      return `${where}의 값이 올바르지 않습니다`;
  }
}

export type InputCheck<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** One Korean sentence naming what was wrong (at most five problems). */
      readonly message: string;
      /** Top-level field → message, for text that is too long (the form shows it next to the field). */
      readonly fields: { readonly [field: string]: string };
    };

/** Parses one argument; `what` names it in the message ('일정 입력값'), `refused` says what was not done. */
export function checkInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  what: string,
  refused = '저장하지 않았습니다',
): InputCheck<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const problems = [...new Set(r.error.issues.map(describe))];
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) {
    const k = i.path.length === 1 ? String(i.path[0]) : '';
    if (i.code === 'too_big' && i.origin === 'string' && k && !fields[k])
      fields[k] = `${String(i.maximum)}자 이내로 입력하세요`;
  }
  const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` 외 ${problems.length - 5}건` : '');
  return {
    ok: false,
    message: `${what}의 형식이 올바르지 않아 ${refused}: ${shown}. 사이드바를 새로 고친 뒤 다시 시도하세요.`,
    fields,
  };
}

/** The sheets whose problems the dashboard lists (selectIssue may move to these only). */
const OFFICE_SHEET_NAMES = Object.values(SHEET) as [string, ...string[]];

/** selectIssue's arguments: an office sheet and an A1 cell ('C5'), a row ('5:5') or '' (the sheet). */
export const selectIssueSchema = z.tuple([
  z.enum(OFFICE_SHEET_NAMES),
  z.string().regex(/^(?:[A-Z]{1,3}[1-9]\d{0,6}|[1-9]\d{0,6}:[1-9]\d{0,6}|)$/),
]);

/** The answer to an argument that failed its schema: its message, and the per-field ones when there are. */
export function refused(check: Extract<InputCheck<unknown>, { ok: false }>): {
  readonly ok: false;
  readonly message: string;
  readonly fields?: { readonly [field: string]: string };
} {
  return { ok: false, message: check.message, ...(Object.keys(check.fields).length ? { fields: check.fields } : {}) };
}
