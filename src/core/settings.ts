/**
 * The 설정 items, declared once. Everything else is derived from this table: the sheet contract
 * (`SETTING_ITEMS` and the 설정 seed rows in sheets.ts), the parser (parse/settings.ts), `setup`'s
 * dropdowns in the 값 cells of choice items (usecases/setup.ts), the sidebar's settings form
 * (sidebar/settingsForm.ts) and the argument schema of saveSettings (sidebar/input.ts).
 *
 * A new setting is one entry here plus its property in `Settings` (model.ts). An empty or wrong
 * cell gives the setting's default, parsed (or `fallback` when the default depends on others).
 */
import { isError, normalizeText, toBoolean, toDate, toEmails, toEnum, toInteger, toText, type Coerced } from './coerce';
import { splitDate, type LocalDate } from './dates';
import type { Settings } from './model';
import { HOLIDAY_POLICIES } from './schedule/series';

export const UNITS = ['원', '천원', '백만원'] as const;
export const WEEKDAYS = ['월', '화', '수', '목', '금', '토', '일'] as const;
export const YES_NO = ['예', '아니오'] as const;
export const SYNC_WINNERS = ['시트', '캘린더'] as const;
/** 요약 시각: the hour of the day, '0' … '23'. */
export const HOURS: readonly string[] = Array.from({ length: 24 }, (_, h) => String(h));

/** How a setting is typed: the sidebar shows a control of its kind, `setup` a dropdown for 'choice'. */
export type SettingKind = 'text' | 'date' | 'number' | 'choice' | 'time' | 'emails';

/**
 * Where the code runs, for an item whose hint is not the same everywhere (`hint` is the bound
 * script's): the Marketplace add-on (dist/addon, gas/deployment.ts) and the local preview.
 */
export type HintVariant = 'addon' | 'local';

/** The properties of `Settings` that a 설정 item fills. */
export type SettingField = Exclude<keyof Settings, 'raw'>;

/** What an empty cell's fallback may depend on: today (Seoul) and the 기준일 parsed first. */
export interface SettingContext {
  readonly today: LocalDate;
  readonly asOf: LocalDate;
}

export interface SettingDef<F extends SettingField = SettingField> {
  /** 항목, as in the sheet. */
  readonly key: string;
  readonly field: F;
  readonly kind: SettingKind;
  /** 값 that `setup` writes into a new 설정 sheet. */
  readonly default: string;
  /** The dropdown's values (kind 'choice'). */
  readonly options?: readonly string[];
  /** A short line under the sidebar's field. */
  readonly hint?: string;
  /** The line where the item means something else (it replaces `hint` there). */
  readonly hintIn?: Readonly<Partial<Record<HintVariant, string>>>;
  /** An empty value is an error. */
  readonly required?: boolean;
  /** The cell → the value, or a Korean error (the cell is not empty). */
  readonly parse: (v: unknown) => Coerced<Settings[F]>;
  /** The value of an empty or wrong cell when it is not the default parsed. */
  readonly fallback?: (ctx: SettingContext) => Settings[F];
}

const item = <F extends SettingField>(d: SettingDef<F>): SettingDef<F> => d;

const text = (v: unknown): Coerced<string> => toText(v);
const oneOf =
  <T extends string>(options: readonly T[]) =>
  (v: unknown): Coerced<T> =>
    toEnum(v, options);

function fiscalYear(v: unknown): Coerced<number> {
  const r = toInteger(String(toText(v)).replace(/년$/, ''));
  if (isError(r)) return r;
  return r < 1990 || r > 2200 ? { error: `회계연도는 네 자리 연도입니다 (입력값: ${r})` } : r;
}

/** '월' or '월요일' → 0 = Sunday … 6 = Saturday. */
function weekdayNumber(v: unknown): Coerced<number> {
  const r = toEnum(normalizeText(toText(v)).replace(/요일$/, ''), WEEKDAYS);
  return isError(r) ? r : (WEEKDAYS.indexOf(r) + 1) % 7;
}

/** '8', '8시' or '08:00' → 8. */
function hour(v: unknown): Coerced<number> {
  const s = toText(v).replace(/시$/, '');
  const r = /^\d{1,2}:\d{2}$/.test(s) ? Number(s.split(':')[0]) : toInteger(s);
  if (isError(r)) return { error: `0부터 23까지의 시각(시)을 입력하세요 (입력값: '${toText(v)}')` };
  return r < 0 || r > 23 ? { error: `0부터 23까지의 시각(시)을 입력하세요 (입력값: ${r})` } : r;
}

/** A font name as 한글 and Word know it: '휴먼명조', 'HY헤드라인M'. */
function fontName(v: unknown): Coerced<string> {
  const s = normalizeText(toText(v)).trim();
  return s.length > 40 ? { error: `글꼴 이름은 40자까지 쓸 수 있습니다 (입력값: '${s.slice(0, 40)}…')` } : s;
}

/** 본문 크기: '15', '15pt' or '15포인트' → 15, from 10 to 20 (tables, notes and headings follow it). */
function pointSize(v: unknown): Coerced<number> {
  const s = normalizeText(toText(v))
    .replace(/\s+/g, '')
    .replace(/(pt|포인트)$/i, '');
  const n = /^\d{1,2}$/.test(s) ? Number(s) : Number.NaN;
  return n >= 10 && n <= 20 ? n : { error: `10부터 20까지의 글자 크기(포인트)를 입력하세요 (입력값: '${toText(v)}')` };
}

const TABLE = [
  item({ key: '기관명', field: 'orgName', kind: 'text', default: '', required: true, parse: text }),
  item({ key: '보고서 제목', field: 'reportTitle', kind: 'text', default: '업무보고', parse: text }),
  item({
    key: '기준일',
    field: 'asOf',
    kind: 'date',
    default: '',
    required: true,
    parse: toDate,
    fallback: (c) => c.today,
  }),
  item({
    key: '회계연도',
    field: 'fiscalYear',
    kind: 'number',
    default: '',
    hint: '예: 2019',
    parse: fiscalYear,
    fallback: (c) => splitDate(c.asOf)[0],
  }),
  item({ key: '금액 단위', field: 'unit', kind: 'choice', default: '천원', options: UNITS, parse: oneOf(UNITS) }),
  item({ key: '캘린더 ID', field: 'calendarId', kind: 'text', default: '', hint: '비우면 기본 캘린더', parse: text }),
  item({
    key: '초대장 발송',
    field: 'sendInvites',
    kind: 'choice',
    default: '아니오',
    options: YES_NO,
    parse: toBoolean,
  }),
  item({
    key: '동기화 우선',
    field: 'syncWinner',
    kind: 'choice',
    default: '시트',
    options: SYNC_WINNERS,
    parse: oneOf(SYNC_WINNERS),
  }),
  item({
    key: '요약 수신자',
    field: 'summaryRecipients',
    kind: 'emails',
    default: '',
    hint: '이메일 주소, 쉼표로 구분',
    parse: toEmails,
  }),
  item({
    key: '요약 요일',
    field: 'summaryWeekday',
    kind: 'choice',
    default: '월',
    options: WEEKDAYS,
    parse: weekdayNumber,
  }),
  item({
    key: '요약 시각',
    field: 'summaryHour',
    kind: 'choice',
    default: '8',
    options: HOURS,
    hint: '0~23시',
    parse: hour,
  }),
  item({
    key: '보고서 폴더 ID',
    field: 'reportFolderId',
    kind: 'text',
    default: '',
    hint: '비우면 스프레드시트가 있는 폴더',
    hintIn: {
      // gas/folder.ts: drive.file reaches only the folders the add-on made.
      addon:
        "비우면 내 드라이브에 만드는 '시정 데스크 보고서 (스프레드시트 이름)' 폴더. 시정 데스크가 만든 폴더만 지정 가능",
      local: 'Google 시트에서 쓰는 값. 여기서는 출력 폴더에 저장',
    },
    parse: text,
  }),
  item({ key: 'PDF 사본', field: 'reportPdf', kind: 'choice', default: '아니오', options: YES_NO, parse: toBoolean }),
  item({
    key: '본문 글꼴',
    field: 'bodyFont',
    kind: 'text',
    default: '휴먼명조',
    hint: '업무보고 본문(명조). Google 문서에는 가장 가까운 글꼴',
    parse: fontName,
  }),
  item({
    key: '제목 글꼴',
    field: 'headingFont',
    kind: 'text',
    default: 'HY헤드라인M',
    hint: '제목(고딕)',
    parse: fontName,
  }),
  item({
    key: '본문 크기',
    field: 'bodySize',
    kind: 'number',
    default: '15',
    hint: '10~20포인트, 표는 2포인트 작게',
    parse: pointSize,
  }),
  item({
    key: '휴일 일정',
    field: 'holidayPolicy',
    kind: 'choice',
    default: '그대로',
    options: HOLIDAY_POLICIES,
    hint: '반복 일정이 주말·공휴일에 걸릴 때',
    parse: oneOf(HOLIDAY_POLICIES),
  }),
] as const;

/** The 설정 items in the sheet's order. */
export const SETTINGS: readonly SettingDef[] = TABLE;

// Every property of Settings has its item (a missing one fails to compile here).
type _EveryField = Exclude<SettingField, (typeof TABLE)[number]['field']> extends never ? true : never;
export const _everyField: _EveryField = true;

/** The value of an empty (or wrong) cell: the fallback, else the default parsed. */
export function settingFallback<F extends SettingField>(d: SettingDef<F>, ctx: SettingContext): Settings[F] {
  if (d.fallback) return d.fallback(ctx);
  const r = d.parse(d.default);
  if (isError(r)) throw new Error(`setting ${d.key}: default '${d.default}' does not parse`);
  return r;
}

/** The item's hint where the code runs (`where` absent: the bound script). */
export function settingHint(d: SettingDef, where?: HintVariant): string | undefined {
  return (where && d.hintIn?.[where]) || d.hint;
}
