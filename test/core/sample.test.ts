import { describe, expect, it } from 'vitest';
import { isError, toDate, toPeople, toTime, type Cell } from '../../src/core/coerce';
import { isLocalDate } from '../../src/core/dates';
import { budgetSummary, staffingSummary } from '../../src/core/derive';
import { isNonWorkingDay } from '../../src/core/holidays';
import { parseOffice } from '../../src/core/parse';
import {
  SAMPLE_AS_OF,
  SAMPLE_ORG_NAME,
  SAMPLE_SPENT,
  SYNTHETIC_PER_N,
  sampleSheets,
  syntheticSheets,
  type Workbook,
} from '../../src/core/sample';
import {
  DISTRICTS,
  EVENT_STATUS,
  EVENT_TYPES,
  PAYMENT_METHODS,
  REPEATS,
  SETTING_ITEMS,
  SHEETS,
  STAFF_GROUPS,
  TASK_KINDS,
  TASK_STATUS,
  THEMES,
} from '../../src/core/sheets';

type Rec = Record<string, Cell>;

/** Data rows of a sheet as header → value records. */
function records(wb: Workbook, sheet: string): Rec[] {
  const rows = wb[sheet];
  if (!rows) throw new Error(`no sheet ${sheet}`);
  const [head, ...data] = rows;
  const h = (head ?? []).map(String);
  return data.map((r) => Object.fromEntries(h.map((k, i) => [k, r[i] ?? ''])));
}

const str = (v: Cell | undefined): string => (v === undefined ? '' : String(v));
const num = (v: Cell | undefined): number => {
  if (typeof v !== 'number') throw new Error(`not a number: ${String(v)}`);
  return v;
};

function expectHeaders(wb: Workbook): void {
  expect(Object.keys(wb).sort()).toEqual(SHEETS.map((s) => s.name).sort());
  for (const spec of SHEETS) {
    const rows = wb[spec.name];
    expect(rows?.[0], spec.name).toEqual(spec.columns.map((c) => c.header));
    for (const r of rows ?? []) expect(r.length, spec.name).toBe(spec.columns.length);
  }
}

/** Ledger sums per 과목 for rows dated on or before asOf. */
function spentBy(wb: Workbook, asOf: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of records(wb, '집행내역')) {
    if (str(r['집행일자']) <= asOf) sums.set(str(r['과목']), (sums.get(str(r['과목'])) ?? 0) + num(r['금액']));
  }
  return sums;
}

/** Problems with references and enums that any valid workbook must avoid. */
function referenceProblems(wb: Workbook): string[] {
  const out: string[] = [];
  const budget = new Map(records(wb, '예산').map((r) => [str(r['과목']), num(r['예산액'])]));
  const allSpent = spentBy(wb, '9999-12-31');
  for (const [item, spent] of allSpent) {
    if (!budget.has(item)) out.push(`ledger item ${item} not in 예산`);
    else if (spent > (budget.get(item) ?? 0)) out.push(`${item} overspent`);
  }
  const taskNos = new Set(records(wb, '주요업무').map((r) => str(r['업무번호'])));
  for (const e of records(wb, '일정')) {
    const rel = str(e['관련업무']).replace(/^업무\s*/, '');
    if (rel && !taskNos.has(rel)) out.push(`event refers to missing task ${rel}`);
    for (const [h, opts] of [
      ['유형', EVENT_TYPES],
      ['반복', REPEATS],
      ['상태', EVENT_STATUS],
    ] as const) {
      if (!(opts as readonly string[]).includes(str(e[h]))) out.push(`일정 ${h} ${str(e[h])}`);
    }
    if (str(e['테마']) && !(THEMES as readonly string[]).includes(str(e['테마']))) out.push(`테마 ${str(e['테마'])}`);
    if (str(e['자치구']) && !(DISTRICTS as readonly string[]).includes(str(e['자치구'])))
      out.push(`자치구 ${str(e['자치구'])}`);
    if (isError(toPeople(e['참석자']))) out.push(`참석자 ${str(e['참석자'])}`);
    const [start, end] = [str(e['시작']), str(e['종료'])];
    if (!!start !== !!end) out.push(`half-blank times ${str(e['일자'])}`);
    if (start && end && end <= start) out.push(`end before start ${str(e['일자'])}`);
    if (str(e['반복']) === '없음' && str(e['반복종료'])) out.push('반복종료 without 반복');
    if (str(e['반복종료']) && str(e['반복종료']) < str(e['일자'])) out.push('반복종료 before 일자');
  }
  for (const t of records(wb, '주요업무')) {
    if (!(TASK_KINDS as readonly string[]).includes(str(t['구분']))) out.push(`구분 ${str(t['구분'])}`);
    if (str(t['상태']) && !(TASK_STATUS as readonly string[]).includes(str(t['상태'])))
      out.push(`상태 ${str(t['상태'])}`);
    const level = num(t['수준']);
    if (!Number.isInteger(level) || level < 0 || level > 3) out.push(`수준 ${level}`);
  }
  for (const r of records(wb, '집행내역')) {
    if (str(r['결제방법']) && !(PAYMENT_METHODS as readonly string[]).includes(str(r['결제방법'])))
      out.push(`결제방법 ${str(r['결제방법'])}`);
  }
  for (const s of records(wb, '인력현황')) {
    const g = str(s['직종']);
    if (!g.startsWith('※') && !(STAFF_GROUPS as readonly string[]).includes(g)) out.push(`직종 ${g}`);
  }
  return out;
}

/** Every date cell of the workbook, with where it is. */
function dateCells(wb: Workbook): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const r of records(wb, '집행내역')) out.push(['집행일자', r['집행일자'] ?? '']);
  for (const r of records(wb, '일정')) {
    out.push(['일자', r['일자'] ?? '']);
    if (str(r['반복종료'])) out.push(['반복종료', r['반복종료'] ?? '']);
  }
  const asOf = records(wb, '설정').find((r) => r['항목'] === '기준일');
  out.push(['기준일', asOf?.['값'] ?? '']);
  return out;
}

const errorsOf = (wb: Workbook) => parseOffice(wb).issues.filter((i) => i.severity === 'error');

describe('sampleSheets', () => {
  const wb = sampleSheets();

  it('has every sheet with exactly the headers of SHEETS, in order', () => {
    expectHeaders(wb);
    expect(wb['기록']).toHaveLength(1);
  });

  it('returns a fresh copy each time (callers may edit it)', () => {
    const a = sampleSheets();
    (a['설정'] as Cell[][])[1] = ['기관명', '바뀜'];
    expect(sampleSheets()).toEqual(wb);
  });

  it('holds the settings items of SETTING_ITEMS in order with the seed values', () => {
    const rows = records(wb, '설정');
    expect(rows.map((r) => r['항목'])).toEqual(SETTING_ITEMS.map(([k]) => k));
    const v = Object.fromEntries(rows.map((r) => [str(r['항목']), r['값']]));
    expect(v['기관명']).toBe(SAMPLE_ORG_NAME);
    expect(v['기준일']).toBe('2019-03-31');
    expect(str(v['회계연도'])).toBe('2019');
    expect(v['금액 단위']).toBe('천원');
    expect(v['요약 수신자']).toBe('team@example.go.kr');
    expect(v['보고서 폴더 ID']).toBe('');
  });

  it('holds the seed’s 주요 기능 lines', () => {
    const rows = records(wb, '주요기능');
    expect(rows.map((r) => r['수준'])).toEqual([1, 2, 1, 2, 2, 1, 2]);
    expect(rows[0]?.['내용']).toBe('시정 성과 극대화를 위한 정책 지원');
    expect(rows.every((r) => !str(r['내용']).startsWith('-'))).toBe(true);
  });

  it('has the seed’s staffing: 정원 22 / 현원 22, 일반직 6/6, 별정직 16/16, and the ※ note', () => {
    const rows = records(wb, '인력현황');
    const grades = rows.filter((r) => !str(r['직종']).startsWith('※'));
    const total = (group?: string) =>
      grades
        .filter((r) => !group || r['직종'] === group)
        .reduce<[number, number]>(([q, c], r) => [q + num(r['정원']), c + num(r['현원'])], [0, 0]);
    expect(total()).toEqual([22, 22]);
    expect(total('일반직')).toEqual([6, 6]);
    expect(total('별정직')).toEqual([16, 16]);
    expect(grades.map((r) => r['직급'])).toEqual([
      '5급',
      '6급',
      '7급',
      '8~9급',
      '2~3급',
      '4급상당',
      '5급상당',
      '6급이하',
    ]);
    const notes = rows.filter((r) => str(r['직종']).startsWith('※'));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.['직종']).toBe('※ 전문임기제 3명(행정안전부 협의완료) : 민생정책보좌관, 공보특보, 젠더특보');
    expect([notes[0]?.['직급'], notes[0]?.['정원'], notes[0]?.['현원']]).toEqual(['', '', '']);
  });

  it('has the two budget items in 원, with 집행액(직접입력) blank', () => {
    const rows = records(wb, '예산');
    expect(rows.map((r) => [r['과목'], r['예산액'], r['집행액(직접입력)']])).toEqual([
      ['기관운영업무추진비', 277_200_000, ''],
      ['시책추진업무추진비', 80_000_000, ''],
    ]);
    expect(rows[0]?.['비고']).toBe('조직운영, 홍보 및 대민활동, 유관기관 협조, 직책수행 등 제반 경비');
  });

  it('has a ledger that sums exactly to the seed’s 집행액 up to 기준일', () => {
    const sums = spentBy(wb, SAMPLE_AS_OF);
    expect(Object.fromEntries(sums)).toEqual(SAMPLE_SPENT);
    expect(sums.get('기관운영업무추진비')).toBe(58_964_000);
    expect(sums.get('시책추진업무추진비')).toBe(28_218_000);
    const rows = records(wb, '집행내역');
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(rows.length).toBeLessThanOrEqual(250);
    const after = rows.filter((r) => str(r['집행일자']) > SAMPLE_AS_OF);
    expect(after).toHaveLength(3);
    expect(after.every((r) => str(r['집행일자']).startsWith('2019-04-'))).toBe(true);
  });

  it('has realistic ledger rows: working days, 07:30–21:30, meal-sized amounts, no duplicates', () => {
    const rows = records(wb, '집행내역');
    const seen = new Set<string>();
    for (const r of rows) {
      const date = str(r['집행일자']);
      expect(isLocalDate(date), date).toBe(true);
      expect(date >= '2019-01-02' && date <= '2019-04-30', date).toBe(true);
      expect(isNonWorkingDay(date), date).toBe(false);
      const time = toTime(r['사용시간']);
      expect(isError(time) ? time.error : time >= '07:30' && time <= '21:30').toBe(true);
      const amount = num(r['금액']);
      expect(amount % 100).toBe(0);
      expect(amount >= 30_000 && amount <= 600_000, String(amount)).toBe(true);
      expect(['카드', '제로페이']).toContain(r['결제방법']);
      expect(r['부서']).toBe(SAMPLE_ORG_NAME);
      expect(str(r['대상인원'])).toMatch(/ 등 \d+명$/);
      expect([r['원비목'], r['출처']]).toEqual(['', '']);
      const key = `${date}|${str(r['장소'])}|${amount}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    // No 2019 holiday in the ledger period (1/1, 2/4–2/6, 3/1) is used.
    expect(
      rows.some((r) =>
        ['2019-01-01', '2019-02-04', '2019-02-05', '2019-02-06', '2019-03-01'].includes(str(r['집행일자'])),
      ),
    ).toBe(false);
  });

  it('uses valid dates everywhere and references only existing 과목 and 업무', () => {
    for (const [what, v] of dateCells(wb)) {
      const d = toDate(v);
      expect(isError(d) ? `${what}: ${d.error}` : d.slice(0, 4), what).toBe('2019');
    }
    expect(referenceProblems(wb)).toEqual([]);
  });

  describe('주요업무', () => {
    const rows = records(wb, '주요업무');
    const task = (no: number) => rows.filter((r) => r['업무번호'] === no);
    const text = (no: number) =>
      task(no)
        .map((r) => str(r['내용']))
        .join('\n');

    /** Each phrase occurs after the previous one. */
    const expectInOrder = (haystack: string, phrases: readonly string[]) => {
      let at = 0;
      for (const p of phrases) {
        const i = haystack.indexOf(p, at);
        expect(i, `missing or out of order: ${p}`).toBeGreaterThanOrEqual(0);
        at = i + p.length;
      }
    };

    it('has five tasks, each starting with 제목 then 개요', () => {
      expect([...new Set(rows.map((r) => r['업무번호']))]).toEqual([1, 2, 3, 4, 5]);
      for (let no = 1; no <= 5; no++) {
        expect(
          task(no)
            .map((r) => r['구분'])
            .slice(0, 2),
        ).toEqual(['제목', '개요']);
        expect(task(no).filter((r) => r['구분'] === '제목')).toHaveLength(1);
      }
      expect(task(5)[0]?.['내용']).toBe('2032 하계올림픽 서울-평양 공동유치를 통한 도시교류 활성화');
    });

    it('keeps the seed’s lines in order (task 1)', () => {
      expectInOrder(text(1), [
        '민생 중심의 현장방문 일정 기획',
        '시민의 삶과 밀접하고 돌봄이 필요한 민생 분야의 현장방문을 추진하고, 자치구와 사안별 소통․협력을 강화하여 시민 정책체감도 제고',
        '시기별․현안별 민생 현장방문을 위한 일정 기획',
        '주제별(경제․안전․관광 등) 현장방문을 통해 시책사업 추진력 확보',
        '시-구 간담회(수시), 구청장협의회(격월) 등 소통 정례화',
        '자치구 부구청장 회의 개최(매월), 자치구 핵심과장 실무 현안회의 개최(수시)',
        '정부 지방자치박람회 공동참가(10월), 자치구 행정우수사례 발표회 개최(12월)',
        '시책사업 추진 및 현장목소리 수렴을 위한 시-구 소통활성화 : 연중 계속',
      ]);
      expect(task(1)).toHaveLength(16);
    });

    it('keeps the seed’s lines in order (task 2), with wrapped lines joined', () => {
      expectInOrder(text(2), [
        '시정 동반자인 시의회와 정책소통 활성화',
        '시의회와 다양한 창구를 통해 적극적인 소통 및 스킨십으로, 시정에 대한 동반자적 협력관계 구현',
        '정기․수시 소통활동 지속 추진',
        '(정기소통) 회기 개회 전 주요 현안에 대한 논의와 안건의 사전 설명을 위해 의장단 및 상임위원장단 간담회 개최 정례화',
        '의회와 원활한 정보공유 활동 강화',
        '(정보공유) 기자설명회 및 언론보도자료 배포시 소관 부서에서 소관 상임위, 의장단, 관련 지역 시의원 등에게 공유 및 사전 설명 의무화',
        '시정 추진 동반자인 시의회와 소통 활성화 : 연중 계속',
      ]);
      expect(
        task(2)
          .filter((r) => r['수준'] === 0 && r['구분'] === '추진내용')
          .map((r) => r['내용']),
      ).toEqual(['정기․수시 소통활동 지속 추진', '의회와 원활한 정보공유 활동 강화']);
    });

    it('keeps the seed’s lines in order (task 3), with its trend section, box and sub-headings', () => {
      expectInOrder(text(3), [
        '실질적 지방분권 확립을 위한 제도별 대응에 역량 집중',
        '대통령 소속 자치분권위원회「자치분권 시행계획」수립·통보 (’19.3.)',
        '※ 자치분권위원회「자치분권 종합계획」(’18.9.) 후속 세부시행계획',
        '자치경찰제「경찰법」및「경찰공무원법」전부개정안 의원발의(’19.3.) → 사개특위 심의',
        '시의회 지방분권TF와 간담회(’19.1), ‘전국지방분권협의회 서울시회’ 개최 (’19.3.)',
        '「지방자치법」개정 및「지방일괄이양법」제정 촉구 등 대정부·국회 건의',
        '지방자치법 전면개정 등 정부 분권정책 추진에 맞춘 분야별 대응',
        '생활안전·교통 등 일반행정과 치안행정간의 연계 서비스 강화방안 검토',
        '<서울시 자치경찰준비 TF 구성안>',
        '◼ 단장 : 기획조정실장 ◼ 운영주기 : 매월 1회 이상 개최',
        '※ 제도기반팀(법규·예산·인력 등 9개부서)/사무협업팀(여성·청소년·교통 등 사무관련 11개 실·국)',
        '대내․외 분권 네트워크와 협력 및 시민참여로 시민과 하나되는 지방분권 조성',
        '시민참여행사(시민원탁회의 등) 추진으로 ‘체감할 수 있는 지방분권’ 공감대 형성',
      ]);
      expect(task(3).some((r) => r['내용'] === '1.')).toBe(false);
      const trend = task(3).filter((r) => r['구분'] === '동향');
      expect(trend).toHaveLength(7);
      expect(trend.every((r) => r['섹션명'] === '중앙정부 주요 동향')).toBe(true);
      // The box sits between the ○ group and the second sub-heading, which continues 향후계획.
      const kinds = task(3).map((r) => r['구분']);
      const boxAt = kinds.indexOf('참고');
      expect(kinds.slice(boxAt, boxAt + 4)).toEqual(['참고', '참고', '참고', '참고']);
      expect(task(3)[boxAt]?.['수준']).toBe(0);
      expect(kinds[boxAt - 1]).toBe('향후계획');
      expect(task(3)[boxAt + 4]).toMatchObject({ 구분: '향후계획', 수준: 0 });
    });

    it('keeps the seed’s lines in order (task 4), with the 주요 내용 box', () => {
      expectInOrder(text(4), [
        '시민참여를 통한 지속가능발전 추진',
        'UN SDGs 시대에 적합한 시민주도의 서울형 지속가능발전 체계 재정립',
        '※ UN SDGs : ’30년까지 모든 국가가 달성해야 할 보편적·포괄적 목표',
        '’19년 서울시 지속가능발전 추진 계획 수립 (’19.3.)',
        '주요 내용',
        '∙ 추진체계 재구축 : 제 2차 지속가능발전 기본계획·이행 계획 수립',
        '서울지속가능발전목표(SDGs)2030 지표 개발',
        '∙ 지속가능발전 확산 : 서울전환컨퍼런스 개최, 자치구 지속가능발전 컨설팅',
        '시정 전반 지속가능성 평가 (’19.3.~6.)',
        '지속가능발전 온라인 시민 평가 : ’19. 4. ~ 5.',
        '시민 대상 지속가능발전정책 성과 평가 및 숙의를 통한 제2차 지속가능발전 기본계획의 발전 방향 정립',
        '‘2019 서울전환컨퍼런스’ 개최 : ’19. 4.',
      ]);
      const online = task(4).find((r) => str(r['내용']).startsWith('지속가능발전 온라인 시민 평가'));
      expect(online).toMatchObject({ 구분: '향후계획', 수준: 1, 일정: '’19. 4. ~ 5.', 상태: '예정' });
    });

    it('restores the spaces the seed’s text extraction lost in task 3, as the original report prints them', () => {
      const lines = task(3).map((r) => str(r['내용']));
      expect(lines).toContain('정부보조(균특회계) 축소대상사업 검토(기재부·행안부) 및 지방정부 의견수렴(’19.2~4.)');
      expect(lines).toContain('자치경찰제「경찰법」및「경찰공무원법」전부개정안 의원발의(’19.3.) → 사개특위 심의');
      expect(lines).toContain('「지방자치법시행령」일부개정 시행(’19.3.) : 자치분권 사전협의제 도입(7월 예정) 등');
      // No word glued to '및' or to an arrow anywhere in the sample's outline.
      const all = [1, 2, 3, 4, 5].flatMap((no) => task(no).map((r) => str(r['내용'])));
      expect(all.filter((l) => /및[가-힣]|[가-힣]→|→[가-힣]/.test(l))).toEqual([]);
    });

    it('keeps the seed’s lines in order (task 5), with its 추진 계획 section', () => {
      expectInOrder(text(5), [
        '올림픽 공동유치를 위한 선제적 대응 및 서울-평양 협력체계 신속 구축',
        '올림픽 공동유치를 위한 서울-평양 상시협력체계 구축',
        '서울-평양 축구대회, 교향악단 합동공연 등 올림픽 공동유치 기원행사 개최',
        '서울-평양 공동협력단 구성을 위해 정부 유관기관 협의 진행 (’19.2.~3.)',
        '「서울-평양 공동협력단」역할, 운영 등에 관한 사항 의견 교환',
        '남북체육 전문가, 남북단일팀 유경험 선수 및 감독 등 10명으로 구성(5월 위촉)',
        '시민 참여행사 추진 등 공동유치 분위기 조성 : ’19. 7.~',
      ]);
      expect(task(5).filter((r) => r['구분'] === '추진계획')).toHaveLength(6);
    });

    it('stores text without ○/－/- glyphs, keeps ※ ◼ ∙, and follows the 상태 conventions', () => {
      for (const r of rows) {
        expect(str(r['내용']), str(r['내용'])).not.toMatch(/^[○－\-□]/);
        expect(str(r['내용']).trim()).toBe(str(r['내용']));
      }
      expect(rows.filter((r) => /^[※◼∙]/.test(str(r['내용']))).length).toBe(8);
      for (const r of rows.filter((x) => x['구분'] === '향후계획' && x['수준'] !== 0)) expect(r['상태']).toBe('예정');
      const done = rows.filter((r) => r['상태'] === '완료');
      expect(done.every((r) => r['구분'] === '추진내용')).toBe(true);
      expect(done.length).toBeGreaterThanOrEqual(10);
      expect(
        new Set(
          rows
            .filter((r) => r['구분'] !== '제목' && r['구분'] !== '개요')
            .map((r) => `${str(r['업무번호'])}:${str(r['담당'])}`),
        ).size,
      ).toBe(5);
    });
  });

  describe('일정', () => {
    const events = records(wb, '일정');

    it('has about 30 rows on working days in 2019, with blank sync columns', () => {
      expect(events.length).toBeGreaterThanOrEqual(25);
      expect(events.length).toBeLessThanOrEqual(40);
      for (const e of events) {
        expect(isNonWorkingDay(str(e['일자'])), str(e['일자'])).toBe(false);
        expect([e['키'], e['이벤트ID'], e['해시'], e['동기화일시']]).toEqual(['', '', '', '']);
        expect(e['상태']).toBe(str(e['일자']) <= SAMPLE_AS_OF ? '완료' : e['상태'] === '확정' ? '확정' : '예정');
      }
    });

    it('has the recurring meetings and events the seed names', () => {
      const find = (title: string) => events.filter((e) => str(e['제목']).includes(title));
      expect(find('자치구 부구청장 회의').find((e) => e['반복'] === '매월')).toMatchObject({
        일자: '2019-04-11',
        시작: '10:00',
        종료: '11:30',
        반복종료: '2019-12-31',
      });
      expect(find('구청장협의회').find((e) => e['반복'] === '격월')).toMatchObject({
        일자: '2019-04-25',
        시작: '15:00',
        종료: '17:00',
      });
      expect(find('의장단 및 상임위원장단 간담회').length).toBeGreaterThanOrEqual(3);
      expect(find('지방자치박람회')[0]).toMatchObject({ 유형: '행사', 시작: '', 종료: '' });
      expect(str(find('지방자치박람회')[0]?.['일자'])).toMatch(/^2019-10-/);
      expect(str(find('행정우수사례 발표회')[0]?.['일자'])).toMatch(/^2019-12-/);
      expect(str(find('2019 서울전환컨퍼런스')[0]?.['일자'])).toMatch(/^2019-04-/);
      expect(str(find('시민 토론회')[0]?.['일자'])).toMatch(/^2019-04-/);
      expect(str(find('공청회')[0]?.['일자'])).toMatch(/^2019-04-/);
      expect(str(find('주민자치주간')[0]?.['일자'])).toMatch(/^2019-10-/);
      expect(str(find('서울-평양 공동협력단')[0]?.['일자'])).toMatch(/^2019-05-/);
    });

    it('has themed 현장방문 in the weeks of 4/1 and 4/8, and attendees with e-mails', () => {
      const visits = events.filter((e) => e['유형'] === '현장방문' && e['테마'] && e['장소'] && e['자치구']);
      const inWeek = (from: string, to: string) => visits.filter((e) => str(e['일자']) >= from && str(e['일자']) <= to);
      expect(inWeek('2019-04-01', '2019-04-07').length).toBeGreaterThanOrEqual(1);
      expect(inWeek('2019-04-08', '2019-04-14').length).toBeGreaterThanOrEqual(1);
      expect(
        visits.filter((e) => str(e['일자']) >= '2019-04-01' && str(e['일자']) <= '2019-05-31').length,
      ).toBeGreaterThanOrEqual(5);
      expect(new Set(visits.map((e) => e['테마'])).size).toBeGreaterThanOrEqual(5);
      const people = events.map((e) => toPeople(e['참석자']));
      expect(people.filter((p) => !isError(p) && p.some((x) => x.email)).length).toBeGreaterThanOrEqual(10);
    });
  });

  it('parses with no errors, and the parsed figures match the seed', () => {
    const { office, issues } = parseOffice(wb);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const staff = staffingSummary(office);
    expect([staff.quota, staff.current]).toEqual([22, 22]);
    expect(office.staffing.notes).toHaveLength(1);
    const b = budgetSummary(office);
    expect(b.lines.map((l) => l.spent)).toEqual([58_964_000, 28_218_000]);
    expect(b.spent).toBe(87_182_000);
    expect(b.remaining).toBe(270_018_000);
    expect(office.tasks.length).toBe(records(wb, '주요업무').length);
    expect(office.events.length).toBe(records(wb, '일정').length);
  });
});

describe('syntheticSheets', () => {
  const counts = (wb: Workbook) => Object.fromEntries(Object.entries(wb).map(([k, v]) => [k, v.length - 1]));

  it('is deterministic', () => {
    expect(syntheticSheets(1)).toEqual(syntheticSheets(1));
    expect(syntheticSheets(3)).toEqual(syntheticSheets(3));
    expect(syntheticSheets(3)).not.toEqual(syntheticSheets(2));
  });

  it.each([1, 3])('n=%i has the expected row counts, valid dates and references', (n) => {
    const wb = syntheticSheets(n);
    expectHeaders(wb);
    const c = counts(wb);
    expect(c['주요업무']).toBe(SYNTHETIC_PER_N.taskLines * n);
    expect(c['일정']).toBe(SYNTHETIC_PER_N.events * n);
    expect(c['집행내역']).toBe(SYNTHETIC_PER_N.ledger * n);
    expect(c['예산']).toBe(2 * n);
    expect(c['기록']).toBe(0);
    expect(new Set(records(wb, '주요업무').map((r) => r['업무번호'])).size).toBe(n);
    expect(referenceProblems(wb)).toEqual([]);
    for (const [what, v] of dateCells(wb)) {
      const d = toDate(v);
      expect(isError(d) ? `${what}: ${d.error}` : d.slice(0, 4), what).toBe('2019');
    }
    const ledgerDates = records(wb, '집행내역').map((r) => str(r['집행일자']));
    expect(ledgerDates.filter((d) => d <= SAMPLE_AS_OF).length / ledgerDates.length).toBeGreaterThan(0.9);
    expect(ledgerDates.some((d) => isNonWorkingDay(d))).toBe(false);
  });

  it('n=2 parses with no errors', () => {
    expect(errorsOf(syntheticSheets(2))).toEqual([]);
  });

  it('n=100 has about 2,000 outline lines, 5,000 일정 rows and 50,000 집행내역 rows', () => {
    const wb = syntheticSheets(100);
    const c = counts(wb);
    expect(c['주요업무']).toBeGreaterThanOrEqual(1800);
    expect(c['주요업무']).toBeLessThanOrEqual(2200);
    expect(c['일정']).toBeGreaterThanOrEqual(4500);
    expect(c['일정']).toBeLessThanOrEqual(5500);
    expect(c['집행내역']).toBeGreaterThanOrEqual(45_000);
    expect(c['집행내역']).toBeLessThanOrEqual(55_000);
    expect(c['예산']).toBeLessThanOrEqual(50);
    expect(c['인력현황']).toBeLessThanOrEqual(40);
    expect(referenceProblems(wb)).toEqual([]);
  });
});
