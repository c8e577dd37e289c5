/** A small valid office, built by hand, for tests that need a workbook but not the whole sample. */
import type { Cell } from '../../src/core/coerce';
import type { EventRow } from '../../src/core/model';
import { addDays } from '../../src/core/dates';
import { SHEETS } from '../../src/core/sheets';

export type Sheets = Record<string, Cell[][]>;

const headers = (name: string): string[] => {
  const spec = SHEETS.find((s) => s.name === name);
  if (!spec) throw new Error(name);
  return spec.columns.map((c) => c.header);
};

/** Rows given as header → value records, in spec column order. */
export function rowsOf(name: string, records: Record<string, Cell>[]): Cell[][] {
  const h = headers(name);
  return [h, ...records.map((r) => h.map((k) => r[k] ?? ''))];
}

export function smallOffice(): Sheets {
  return {
    설정: rowsOf('설정', [
      { 항목: '기관명', 값: '시험구청 기획과' },
      { 항목: '보고서 제목', 값: '업무보고' },
      { 항목: '기준일', 값: '2019-03-31' },
      { 항목: '회계연도', 값: 2019 },
      { 항목: '금액 단위', 값: '천원' },
      { 항목: '요약 수신자', 값: 'team@example.go.kr' },
      { 항목: '요약 요일', 값: '월' },
      { 항목: '요약 시각', 값: 8 },
    ]),
    주요기능: rowsOf('주요기능', [
      { 수준: 1, 내용: '구정 핵심과제 지원' },
      { 수준: 2, 내용: '공약사업 추진 지원' },
    ]),
    인력현황: rowsOf('인력현황', [
      { 직종: '일반직', 직급: '5급', 정원: 1, 현원: 1 },
      { 직종: '일반직', 직급: '6급', 정원: 2, 현원: 1 },
      { 직종: '별정직', 직급: '5급상당', 정원: 1, 현원: 1 },
      { 직종: '※ 임기제 1명 별도' },
    ]),
    예산: rowsOf('예산', [
      { 과목: '기관운영업무추진비', 예산액: 10000000, 비고: '기관 운영' },
      { 과목: '시책추진업무추진비', 예산액: 5000000, '집행액(직접입력)': 1000000 },
    ]),
    집행내역: rowsOf('집행내역', [
      {
        집행일자: '2019-01-10',
        사용시간: '12:30',
        과목: '기관운영업무추진비',
        금액: 120000,
        사용목적: '간담회',
        장소: '식당',
        대상인원: '5명',
        결제방법: '카드',
      },
      {
        집행일자: '2019-03-31',
        사용시간: '18:00',
        과목: '기관운영업무추진비',
        금액: 80000,
        사용목적: '격려',
        장소: '식당',
        대상인원: '4명',
        결제방법: '카드',
      },
      {
        집행일자: '2019-04-01',
        사용시간: '12:00',
        과목: '기관운영업무추진비',
        금액: 999000,
        사용목적: '기준일 뒤',
        장소: '식당',
        대상인원: '4명',
        결제방법: '카드',
      },
    ]),
    주요업무: rowsOf('주요업무', [
      { 업무번호: 1, 구분: '제목', 수준: 0, 내용: '현장 중심 행정' },
      { 업무번호: 1, 구분: '개요', 수준: 0, 내용: '현장에서 답을 찾는다' },
      { 업무번호: 1, 구분: '추진방향', 수준: 1, 내용: '현장방문 정례화' },
      { 업무번호: 1, 구분: '향후계획', 수준: 1, 내용: '시민 토론회 개최 : ’19. 4.', 일정: '’19. 4.', 상태: '예정' },
    ]),
    일정: rowsOf('일정', [
      {
        일자: '2019-04-03',
        시작: '10:00',
        종료: '12:00',
        유형: '현장방문',
        제목: '전통시장 방문',
        테마: '경제',
        장소: '망원시장',
        자치구: '마포구',
        반복: '없음',
        상태: '예정',
      },
      {
        일자: '2019-04-11',
        시작: '10:00',
        종료: '11:30',
        유형: '회의',
        제목: '부구청장 회의',
        반복: '매월',
        반복종료: '2019-12-31',
        상태: '예정',
      },
    ]),
    기록: [headers('기록')],
  };
}

/** A valid 일정 row that has never been synced (no id, no hash); `over` sets what a test needs. */
export const eventRow = (row: number, over: Partial<EventRow> = {}): EventRow => ({
  row,
  date: '2019-04-02',
  start: '14:00',
  end: '15:00',
  type: '회의',
  title: `회의 ${row}`,
  theme: '',
  place: '',
  district: '',
  attendees: [],
  repeat: '없음',
  repeatUntil: null,
  status: '예정',
  relatedTask: '',
  result: '',
  key: `k${row}`,
  eventId: '',
  hash: '',
  syncedAt: '',
  ...over,
});

/** n one-off one-hour meetings on consecutive days from `from` (`days` days, then again), as 일정 records. */
export const meetingRows = (n: number, from = '2019-04-01', days = 200): Record<string, Cell>[] =>
  Array.from({ length: n }, (_, i) => ({
    일자: addDays(from, i % days),
    시작: '10:00',
    종료: '11:00',
    유형: '회의',
    제목: `회의 ${i + 1}`,
    반복: '없음',
    상태: '예정',
  }));
