/**
 * The workbook contract: every sheet, its columns and their kinds.
 *
 * Columns are found by header text in row 1, never by position. `setup` creates
 * what is missing from these specs; the parser reads them by header. The 설정 items are declared
 * in settings.ts.
 */
import { REPEAT_SUGGESTIONS } from './schedule/rule';
import { SETTINGS, UNITS, WEEKDAYS } from './settings';

export { UNITS, WEEKDAYS };

export type ColumnKind = 'text' | 'integer' | 'amount' | 'date' | 'time' | 'enum' | 'emails' | 'sync';

/** The number format `setup` gives a column's cells ('@' = plain text, so nothing becomes a formula). */
export const NUMBER_FORMATS: Readonly<Partial<Record<ColumnKind, string>>> = {
  amount: '#,##0',
  integer: '0',
  date: 'yyyy-mm-dd',
  time: '@',
  text: '@',
  emails: '@',
  sync: '@',
};

export interface ColumnSpec {
  readonly header: string;
  readonly kind: ColumnKind;
  /** A missing column is an error (when false, `setup` still adds it). */
  readonly required: boolean;
  /** Dropdown values for `enum` columns. */
  readonly options?: readonly string[];
  /** Hidden sync columns (row key, event id, hash …). */
  readonly hidden?: boolean;
  /** Column width in pixels for `setup`. */
  readonly width?: number;
  /** Header note shown to staff. */
  readonly note?: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Rows of values `setup` writes into a newly created sheet (e.g. 설정 items). */
  readonly seedRows?: readonly (readonly (string | number)[])[];
}

const col = (
  header: string,
  kind: ColumnKind,
  required = true,
  extra: Partial<Omit<ColumnSpec, 'header' | 'kind' | 'required'>> = {},
): ColumnSpec => ({ header, kind, required, ...extra });

export const SHEET = {
  settings: '설정',
  functions: '주요기능',
  staff: '인력현황',
  budget: '예산',
  ledger: '집행내역',
  tasks: '주요업무',
  schedule: '일정',
  log: '기록',
} as const;

export type SheetKey = keyof typeof SHEET;

export const STAFF_GROUPS = ['일반직', '별정직', '임기제', '전문경력관', '공무직', '기타'] as const;
export const TASK_KINDS = ['제목', '개요', '추진방향', '추진계획', '추진내용', '향후계획', '동향', '참고'] as const;
export const TASK_STATUS = ['예정', '진행', '완료', '보류'] as const;
export const EVENT_TYPES = ['현장방문', '회의', '간담회', '행사', '기타'] as const;
export const EVENT_STATUS = ['예정', '확정', '완료', '취소'] as const;
/** 반복's dropdown: suggestions only (the office forms are typed freely; see schedule/rule.ts). */
export const REPEATS = REPEAT_SUGGESTIONS;
export const PAYMENT_METHODS = ['카드', '제로페이', '현금', '계좌이체', '기타'] as const;
export const THEMES = ['경제', '안전', '관광', '복지', '돌봄', '환경', '교통', '문화', '교육', '주거', '기타'] as const;
export const DISTRICTS = [
  '종로구',
  '중구',
  '용산구',
  '성동구',
  '광진구',
  '동대문구',
  '중랑구',
  '성북구',
  '강북구',
  '도봉구',
  '노원구',
  '은평구',
  '서대문구',
  '마포구',
  '양천구',
  '강서구',
  '구로구',
  '금천구',
  '영등포구',
  '동작구',
  '관악구',
  '서초구',
  '강남구',
  '송파구',
  '강동구',
  '서울 전역',
] as const;

/** 설정 items: 항목 → default value written by `setup` (from the one table in settings.ts). */
export const SETTING_ITEMS: readonly (readonly [string, string])[] = SETTINGS.map((d) => [d.key, d.default] as const);

export const SHEETS: readonly SheetSpec[] = [
  {
    name: SHEET.settings,
    columns: [col('항목', 'text', true, { width: 140 }), col('값', 'text', true, { width: 320 })],
    seedRows: SETTING_ITEMS.map(([k, v]) => [k, v]),
  },
  {
    name: SHEET.functions,
    columns: [
      col('수준', 'integer', true, { width: 60, note: '1 = 주요 기능(○), 2 = 세부 내용(-)' }),
      col('내용', 'text', true, { width: 520 }),
    ],
  },
  {
    name: SHEET.staff,
    columns: [
      col('직종', 'enum', true, {
        options: STAFF_GROUPS,
        width: 100,
        note: '※로 시작하는 행은 표 아래 주석으로 나갑니다',
      }),
      col('직급', 'text', true, { width: 100 }),
      col('정원', 'integer', true, { width: 70 }),
      col('현원', 'integer', true, { width: 70 }),
      col('비고', 'text', false, { width: 240 }),
    ],
  },
  {
    name: SHEET.budget,
    columns: [
      col('과목', 'text', true, { width: 200 }),
      col('예산액', 'amount', true, { width: 130, note: '원 단위로 입력' }),
      col('집행액(직접입력)', 'amount', false, { width: 130, note: '집행내역이 없는 과목만 사용' }),
      col('비고', 'text', false, { width: 300 }),
      col('별칭', 'text', false, {
        width: 200,
        note: '가져오는 파일에서 이 과목을 뜻하는 다른 이름, 쉼표로 구분 (예: 국시책, 부서시책)',
      }),
    ],
  },
  {
    name: SHEET.ledger,
    columns: [
      col('집행일자', 'date', true, { width: 100 }),
      col('사용시간', 'time', false, { width: 70 }),
      col('과목', 'text', true, { width: 180 }),
      col('금액', 'amount', true, { width: 110, note: '원 단위로 입력' }),
      col('사용목적', 'text', true, { width: 300 }),
      col('장소', 'text', false, { width: 180 }),
      col('대상인원', 'text', false, { width: 140 }),
      col('결제방법', 'enum', false, { options: PAYMENT_METHODS, width: 90 }),
      col('부서', 'text', false, { width: 140 }),
      col('사용자', 'text', false, { width: 100 }),
      col('원비목', 'text', false, { width: 120, note: '가져온 원본의 비목 표기' }),
      col('출처', 'text', false, { width: 140, note: '가져온 파일과 행 (중복 가져오기 방지)' }),
    ],
  },
  {
    name: SHEET.tasks,
    columns: [
      col('업무번호', 'integer', true, { width: 70 }),
      col('구분', 'enum', true, { options: TASK_KINDS, width: 90 }),
      col('수준', 'integer', true, { width: 60, note: '0 = 소제목, 1 = ○, 2 = －, 3 = 세부' }),
      col('내용', 'text', true, { width: 520 }),
      col('일정', 'text', false, { width: 110, note: "예: '19.3. / '19.4~7 / 매월 / 수시 / 연중 계속" }),
      col('담당', 'text', false, { width: 90 }),
      col('상태', 'enum', false, { options: TASK_STATUS, width: 70 }),
      col('섹션명', 'text', false, { width: 140, note: '기본 제목 대신 쓸 섹션 제목 (예: 중앙정부 주요 동향)' }),
    ],
  },
  {
    name: SHEET.schedule,
    columns: [
      col('일자', 'date', true, { width: 100 }),
      col('시작', 'time', true, { width: 60 }),
      col('종료', 'time', true, { width: 60 }),
      col('유형', 'enum', true, { options: EVENT_TYPES, width: 80 }),
      col('제목', 'text', true, { width: 260 }),
      col('테마', 'enum', false, { options: THEMES, width: 70 }),
      col('장소', 'text', false, { width: 160 }),
      col('자치구', 'enum', false, { options: DISTRICTS, width: 90 }),
      col('참석자', 'emails', false, { width: 200, note: '이름 또는 이메일, 쉼표로 구분' }),
      col('반복', 'enum', true, {
        options: REPEATS,
        width: 150,
        note: '목록에서 고르거나 직접 입력: 매주 월요일, 격주 수요일, 매월 둘째 주 목요일, 매월 마지막 주 금요일, 매월 15일, 분기별 첫째 주 월요일 (끝: ~ 12월, 10회)',
      }),
      col('반복종료', 'date', false, { width: 100 }),
      col('상태', 'enum', true, { options: EVENT_STATUS, width: 70 }),
      col('관련업무', 'text', false, { width: 120 }),
      col('결과', 'text', false, { width: 200 }),
      col('키', 'sync', false, { hidden: true }),
      col('이벤트ID', 'sync', false, { hidden: true }),
      col('해시', 'sync', false, { hidden: true }),
      col('동기화일시', 'sync', false, { hidden: true }),
    ],
  },
  {
    name: SHEET.log,
    columns: [
      col('일시', 'text', true, { width: 150 }),
      col('사용자', 'text', true, { width: 160 }),
      col('작업', 'text', true, { width: 100 }),
      col('결과', 'text', true, { width: 70 }),
      col('내용', 'text', true, { width: 480 }),
    ],
  },
];

export function sheetSpec(name: string): SheetSpec {
  const spec = SHEETS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown sheet ${name}`);
  return spec;
}

/** 'A', 'B', … 'Z', 'AA' for a 1-based column number. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}
