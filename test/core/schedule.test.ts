import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSchedule,
  findSchedules,
  frequencyLabel,
  occursBetween,
  parseSchedule,
  scheduleSpan,
  type Frequency,
  type Schedule,
} from '../../src/core/schedule';

const ctx = { year: 2019 };

/** [cell, expected span start, expected span end (null = open), display] */
const RANGES: ReadonlyArray<readonly [string, string, string | null, string]> = [
  ['’19.3.', '2019-03-01', '2019-03-31', '2019. 3.'],
  ["'19. 4.", '2019-04-01', '2019-04-30', '2019. 4.'],
  ['’19.3', '2019-03-01', '2019-03-31', '2019. 3.'],
  ['’19.1', '2019-01-01', '2019-01-31', '2019. 1.'],
  ['‘19.2', '2019-02-01', '2019-02-28', '2019. 2.'],
  ['`19.10', '2019-10-01', '2019-10-31', '2019. 10.'],
  ['(’19.3.)', '2019-03-01', '2019-03-31', '2019. 3.'],
  ['’19.4~7', '2019-04-01', '2019-07-31', '2019. 4. ~ 7.'],
  ['(’19.4~7)', '2019-04-01', '2019-07-31', '2019. 4. ~ 7.'],
  ['’19.2~4.', '2019-02-01', '2019-04-30', '2019. 2. ~ 4.'],
  ['’19. 4. ~ 5.', '2019-04-01', '2019-05-31', '2019. 4. ~ 5.'],
  ['’19.3.~6.', '2019-03-01', '2019-06-30', '2019. 3. ~ 6.'],
  ['’19.2.~3.', '2019-02-01', '2019-03-31', '2019. 2. ~ 3.'],
  ['’19 . 2 .∼ 3 .', '2019-02-01', '2019-03-31', '2019. 2. ~ 3.'],
  ['’19.4～5', '2019-04-01', '2019-05-31', '2019. 4. ~ 5.'],
  ['’19. 5. ~', '2019-05-01', null, '2019. 5. ~'],
  ['’19.4~', '2019-04-01', null, '2019. 4. ~'],
  ['(’19.4~)', '2019-04-01', null, '2019. 4. ~'],
  ['’19. 7.~', '2019-07-01', null, '2019. 7. ~'],
  ['10월', '2019-10-01', '2019-10-31', '2019. 10.'],
  ['(12월)', '2019-12-01', '2019-12-31', '2019. 12.'],
  ['( 10 월 )', '2019-10-01', '2019-10-31', '2019. 10.'],
  ['4~7월', '2019-04-01', '2019-07-31', '2019. 4. ~ 7.'],
  ['2019.4', '2019-04-01', '2019-04-30', '2019. 4.'],
  ['2019. 4.', '2019-04-01', '2019-04-30', '2019. 4.'],
  ['2019-04', '2019-04-01', '2019-04-30', '2019. 4.'],
  ['’19.4~’20.2', '2019-04-01', '2020-02-29', '2019. 4. ~ 2020. 2.'],
  ['’19.11~2020.1', '2019-11-01', '2020-01-31', '2019. 11. ~ 2020. 1.'],
  ['’19.3.2.~15.', '2019-03-02', '2019-03-15', '2019. 3. 2. ~ 3. 15.'],
  ['’19.3.25.~4.10.', '2019-03-25', '2019-04-10', '2019. 3. 25. ~ 4. 10.'],
  ['’19.3.25.~', '2019-03-25', null, '2019. 3. 25. ~'],
  ['’19년 하반기', '2019-07-01', '2019-12-31', '2019. 7. ~ 12.'],
  ['3분기', '2019-07-01', '2019-09-30', '2019. 7. ~ 9.'],
];

const DATES: ReadonlyArray<readonly [string, string]> = [
  ['’19.3.31.', '2019-03-31'],
  ['(’19.3.31.)', '2019-03-31'],
  ["'19. 3. 31.", '2019-03-31'],
  ['2019.3.31', '2019-03-31'],
  ['2019. 3. 31.', '2019-03-31'],
  ['2019-03-31', '2019-03-31'],
  ['2019/3/31', '2019-03-31'],
  ['3월 31일', '2019-03-31'],
  ['2020년 2월 29일', '2020-02-29'],
  ['’20.2.29.', '2020-02-29'],
];

const RECURRING: ReadonlyArray<readonly [string, Frequency, string]> = [
  ['매월', 'monthly', '매월'],
  ['(매월)', 'monthly', '매월'],
  ['격월', 'bimonthly', '격월'],
  ['매주', 'weekly', '매주'],
  ['분기', 'quarterly', '분기별'],
  ['반기', 'halfyearly', '반기별'],
  ['매년', 'yearly', '매년'],
  ['수시', 'asNeeded', '수시'],
  ['(수시)', 'asNeeded', '수시'],
  ['매월 1회', 'monthly', '매월'],
  ['월 2회', 'monthly', '매월'],
];

const ONGOING = ['연중 계속', '연중계속', '연중', '상시', '계속', '(연중 계속)'];

const NOT_SCHEDULES = [
  '',
  '   ',
  '5월 위촉',
  '7월 예정',
  '추진 중',
  '3',
  '2019',
  '’19.13.',
  '’19.0.',
  '13월',
  '’19.2.30.',
  '2019-02-29',
  '2019-13-01',
  '’19.7~4',
  '’19.4~’18.12',
  '’19.3.31.~3.1.',
  '’19년 15%',
  '’17~’18년',
  '매월 셋째 주',
  '수시소통',
  '상시협력체계',
];

describe('parseSchedule', () => {
  it.each(RANGES)('%s → range', (cell, start, end, display) => {
    const s = parseSchedule(cell, ctx);
    expect(s).toEqual({ kind: 'range', text: cell.trim(), start, end });
    expect(describeSchedule(s as Schedule)).toBe(display);
  });

  it.each(DATES)('%s → date', (cell, date) => {
    const s = parseSchedule(cell, ctx);
    expect(s).toEqual({ kind: 'date', text: cell, date });
    expect(describeSchedule(s as Schedule)).toBe(date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1. $2. $3.'));
  });

  it.each(RECURRING)('%s → recurring', (cell, freq, display) => {
    const s = parseSchedule(cell, ctx);
    expect(s).toEqual({ kind: 'recurring', text: cell, freq });
    expect(describeSchedule(s as Schedule)).toBe(display);
  });

  it.each(ONGOING)('%s → ongoing', (cell) => {
    const s = parseSchedule(cell, ctx);
    expect(s).toEqual({ kind: 'ongoing', text: cell });
    expect(describeSchedule(s as Schedule)).toBe('연중 계속');
  });

  it.each(NOT_SCHEDULES)('%j → null', (cell) => {
    expect(parseSchedule(cell, ctx)).toBeNull();
  });

  it('uses ctx.year only when the text has no year', () => {
    expect(scheduleSpan(parseSchedule('(10월)', { year: 2025 }) as Schedule)).toEqual({
      start: '2025-10-01',
      end: '2025-10-31',
    });
    expect(scheduleSpan(parseSchedule('’19.10.', { year: 2025 }) as Schedule)).toEqual({
      start: '2019-10-01',
      end: '2019-10-31',
    });
    expect(scheduleSpan(parseSchedule('2월', { year: 2024 }) as Schedule)?.end).toBe('2024-02-29');
  });

  it('keeps the cell text as written, trimmed', () => {
    expect(parseSchedule('  ’19. 5. ~  ', ctx)?.text).toBe('’19. 5. ~');
  });
});

/** Real lines of the seed report and what must be found in them. */
const SEED_LINES: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    '－ 정부 지방자치박람회 공동참가(10월), 자치구 행정우수사례 발표회 개최(12월)',
    [
      ['10월', '2019. 10.'],
      ['12월', '2019. 12.'],
    ],
  ],
  ['○ 지속가능발전 온라인 시민 평가 : ’19. 4. ~ 5.', [['’19. 4. ~ 5.', '2019. 4. ~ 5.']]],
  ['○ ‘서울지속가능발전목표(SDGs)2030’ 지표 개발 (’19.3.)', [['’19.3.', '2019. 3.']]],
  [
    '－ 시-구 간담회(수시), 구청장협의회(격월) 등 소통 정례화',
    [
      ['수시', '수시'],
      ['격월', '격월'],
    ],
  ],
  ['○ 주제 및 계절별(하절기 등) 민생현장 방문 : 연중 계속', [['연중 계속', '연중 계속']]],
  ['○ 서울시 자치경찰준비TF 운영으로 자치경찰제 시범실시 준비 (’19.4~)', [['’19.4~', '2019. 4. ~']]],
  [
    '－ 자치구 부구청장 회의 개최(매월), 자치구 핵심과장 실무 현안회의 개최(수시)',
    [
      ['매월', '매월'],
      ['수시', '수시'],
    ],
  ],
  [
    '○ 정부보조(균특회계) 축소대상사업검토(기재부·행안부) 및지방정부의견수렴(’19.2~4.)',
    [['’19.2~4.', '2019. 2. ~ 4.']],
  ],
  ['－ 사무이양에 따른 서울시 부담비용 추계 연구용역 선제적 진행(’19.4~7)', [['’19.4~7', '2019. 4. ~ 7.']]],
  ['○ 시정 전반 지속가능성 평가 (’19.3.~6.)', [['’19.3.~6.', '2019. 3. ~ 6.']]],
  ['○ 서울-평양 공동협력단 구성을 위해 정부 유관기관 협의 진행 (’19.2.~3.)', [['’19.2.~3.', '2019. 2. ~ 3.']]],
  ['○ 2032 하계올림픽 서울-평양 공동협력단 구성 추진 : ’19. 5. ~', [['’19. 5. ~', '2019. 5. ~']]],
  ['○ 올림픽 공동유치 연계 서울-평양 교류행사 추진 : ’19. 7.~', [['’19. 7.~', '2019. 7. ~']]],
  [
    '－ 시의회 지방분권TF와 간담회(’19.1), ‘전국지방분권협의회 서울시회’ 개최 (’19.3.)',
    [
      ['’19.1', '2019. 1.'],
      ['’19.3.', '2019. 3.'],
    ],
  ],
  ['○ 전문가 위주에서 탈피, 시민들이 참여하는 ‘주민자치주간’ 행사 추진(’19.10)', [['’19.10', '2019. 10.']]],
  ['○ ’19년 서울시 지속가능발전 추진 계획 수립 (’19.3.)', [['’19.3.', '2019. 3.']]],
  ['2   인력 현황인력 현황 (’19.3.31. 기준)', [['’19.3.31.', '2019. 3. 31.']]],
  ['◼ 단장 : 기획조정실장 ◼ 운영주기 : 매월 1회 이상 개최', [['매월 1회 이상', '매월']]],
  ['※ 자치분권위원회「자치분권 종합계획」(’18.9.) 후속 세부시행계획', [['’18.9.', '2018. 9.']]],
  // Lines that must yield nothing: percentages, counts, years only, nouns containing 수시/상시.
  ['－ 정부 재정분권계획(지방소비세율 ’19년 15%→ ’20년 21%로 인상 등) 확실한 이행 요구', []],
  ['－ 이양일괄법 국회 통과 촉구 및 미반영된 이양요청 사무(’17~’18년 95건) 추가 이양 건의', []],
  ['※ UN SDGs : ’30년까지 모든 국가가 달성해야 할 보편적·포괄적 목표', []],
  ['○ (수시소통) 시의회와 소통 및 스킨십을 위한 상임위원회별 간담회,', []],
  ['○ 올림픽 공동유치를 위한 서울-평양 상시협력체계 구축', []],
  ['－ 17개 목표, 96개 세부목표 및 이를 측정할 수 있는 126개 지표(안) 수립', []],
  ['정 원 22 6 2 2 1 1 16 1 2 11 2', []],
  ['소계 5급 6급 7급 8~9급 소계 2~3급 4급상당 5급상당 6급이하', []],
  ['계 357,200 87,182 (집행률 24.4%)', []],
  ['5 2032하계올림픽서울-평양공동유치를통한도시교류활성화', []],
];

describe('findSchedules', () => {
  it.each(SEED_LINES)('%s', (line, expected) => {
    const found = findSchedules(line, ctx);
    expect(found.map((s) => [s.text, describeSchedule(s)])).toEqual(expected);
    for (const s of found) expect(line).toContain(s.text);
  });

  it('gives spans with the fiscal year for bare months', () => {
    const [a, b] = findSchedules('－ 정부 지방자치박람회 공동참가(10월), 자치구 행정우수사례 발표회 개최(12월)', {
      year: 2025,
    });
    expect(a && scheduleSpan(a)).toEqual({ start: '2025-10-01', end: '2025-10-31' });
    expect(b && scheduleSpan(b)).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  });

  it('reads the SDGs line as March 2019, not as the year 2030', () => {
    const found = findSchedules('○ ‘서울지속가능발전목표(SDGs)2030’ 지표 개발 (’19.3.)', ctx);
    expect(found).toEqual([{ kind: 'range', text: '’19.3.', start: '2019-03-01', end: '2019-03-31' }]);
  });

  it('finds month words outside parentheses too, and recurring keywords only in safe places', () => {
    const found = findSchedules('○「지방자치법」전부개정법률안 국회 제출(’19.3.) → 4월 국회논의, 심의', ctx);
    expect(found.map((s) => s.text)).toEqual(['’19.3.', '4월']);
    expect(findSchedules('정기 수시 소통활동 지속 추진', ctx)).toEqual([]);
  });

  it('returns ISO and full-year dates with their original spelling', () => {
    const found = findSchedules('개최일: 2019-03-31, 마감 ２０１９．４．１０．', ctx);
    expect(found.map((s) => [s.text, s.kind === 'date' ? s.date : ''])).toEqual([
      ['2019-03-31', '2019-03-31'],
      ['２０１９．４．１０．', '2019-04-10'],
    ]);
  });

  it('does not take a day that is really a count', () => {
    const found = findSchedules('(’19.3.) 17개 목표', ctx);
    expect(found.map((s) => s.text)).toEqual(['’19.3.']);
    expect(findSchedules('’19.3. 17개 목표', ctx).map((s) => describeSchedule(s))).toEqual(['2019. 3.']);
  });
});

describe('scheduleSpan and occursBetween', () => {
  const month = parseSchedule('’19.3.', ctx) as Schedule;
  const open = parseSchedule('’19. 5. ~', ctx) as Schedule;
  const day = parseSchedule('’19.3.31.', ctx) as Schedule;
  const monthly = parseSchedule('매월', ctx) as Schedule;
  const ongoing = parseSchedule('연중 계속', ctx) as Schedule;

  it('spans', () => {
    expect(scheduleSpan(day)).toEqual({ start: '2019-03-31', end: '2019-03-31' });
    expect(scheduleSpan(open)).toEqual({ start: '2019-05-01', end: null });
    expect(scheduleSpan(monthly)).toBeNull();
    expect(scheduleSpan(ongoing)).toBeNull();
  });

  it('overlaps inclusively', () => {
    expect(occursBetween(month, '2019-03-31', '2019-04-06')).toBe(true);
    expect(occursBetween(month, '2019-02-25', '2019-03-01')).toBe(true);
    expect(occursBetween(month, '2019-04-01', '2019-04-07')).toBe(false);
    expect(occursBetween(month, '2019-02-01', '2019-02-28')).toBe(false);
    expect(occursBetween(day, '2019-03-31', '2019-03-31')).toBe(true);
    expect(occursBetween(day, '2019-04-01', '2019-04-30')).toBe(false);
  });

  it('open ranges extend forever; recurring and ongoing never occur on dates', () => {
    expect(occursBetween(open, '2030-01-01', '2030-01-07')).toBe(true);
    expect(occursBetween(open, '2019-04-01', '2019-04-30')).toBe(false);
    expect(occursBetween(monthly, '2019-01-01', '2019-12-31')).toBe(false);
    expect(occursBetween(ongoing, '2019-01-01', '2019-12-31')).toBe(false);
  });
});

describe('frequencyLabel', () => {
  it('is Korean for every frequency', () => {
    const all: Frequency[] = ['weekly', 'monthly', 'bimonthly', 'quarterly', 'halfyearly', 'yearly', 'asNeeded'];
    expect(all.map(frequencyLabel)).toEqual(['매주', '매월', '격월', '분기별', '반기별', '매년', '수시']);
  });
});

describe('properties', () => {
  const pieces = [
    "'",
    '’',
    '‘',
    '`',
    '19',
    '20',
    '2019',
    '.',
    '. ',
    '~',
    ' ~ ',
    '∼',
    '년',
    '월',
    '일',
    '(',
    ')',
    ':',
    ' ',
    '3',
    '4',
    '12',
    '13',
    '31',
    '0',
    '%',
    '개',
    '매월',
    '수시',
    '연중 계속',
    '상시',
    '-',
    '/',
    '회',
  ];
  const scheduleLike = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((a) => a.join(''));
  const sp = fc.constantFrom('', ' ', '  ');
  const n = fc.integer({ min: 0, max: 40 }).map(String);
  const pointArb = fc.oneof(
    fc
      .tuple(fc.constantFrom("'", '’', '‘', '`'), fc.integer({ min: 0, max: 99 }), sp, n, fc.option(n), fc.boolean())
      .map(
        ([q, yy, s, m, d, dot]) =>
          `${q}${String(yy).padStart(2, '0')}.${s}${m}${d === null ? '' : `.${s}${d}`}${dot ? '.' : ''}`,
      ),
    fc
      .tuple(fc.integer({ min: 1890, max: 2110 }), n, fc.option(n))
      .map(([y, m, d]) => `${y}.${m}${d === null ? '' : `.${d}`}`),
    fc.tuple(n, fc.option(n)).map(([m, d]) => `${m}월${d === null ? '' : ` ${d}일`}`),
  );
  const rightArb = fc.oneof(
    pointArb,
    n,
    n.map((m) => `${m}.`),
    fc.constant(''),
  );
  const exprArb = fc
    .tuple(
      pointArb,
      fc.option(fc.tuple(sp, fc.constantFrom('~', '∼', '～'), sp, rightArb)),
      fc.constantFrom('', '(', '○ 추진 : '),
    )
    .map(([a, r, pre]) => `${pre}${a}${r === null ? '' : r.join('')}${pre === '(' ? ')' : ''}`);
  const anyText = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    scheduleLike,
    exprArb,
    fc.array(exprArb, { maxLength: 3 }).map((a) => a.join(', ')),
  );
  const yearArb = fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.integer(), fc.constant(Number.NaN));

  const wellFormed = (s: Schedule): boolean => {
    const span = scheduleSpan(s);
    if (s.kind === 'recurring' || s.kind === 'ongoing') return span === null;
    return span !== null && /^\d{4}-\d{2}-\d{2}$/.test(span.start) && (span.end === null || span.start <= span.end);
  };

  it('parseSchedule never throws and returns well-formed spans', () => {
    fc.assert(
      fc.property(anyText, yearArb, (text, year) => {
        const s = parseSchedule(text, { year });
        if (s !== null) {
          expect(wellFormed(s)).toBe(true);
          expect(typeof describeSchedule(s)).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('findSchedules never throws; results are ordered substrings with well-formed spans', () => {
    fc.assert(
      fc.property(anyText, yearArb, (text, year) => {
        const found = findSchedules(text, { year });
        let from = 0;
        for (const s of found) {
          expect(wellFormed(s)).toBe(true);
          const at = text.indexOf(s.text, from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + s.text.length;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a found expression parses on its own to the same span', () => {
    fc.assert(
      fc.property(fc.oneof(scheduleLike, exprArb), (text) => {
        for (const s of findSchedules(text, ctx)) {
          if (s.kind === 'recurring' || s.kind === 'ongoing') continue;
          const alone = parseSchedule(s.text, ctx);
          expect(alone && scheduleSpan(alone)).toEqual(scheduleSpan(s));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
