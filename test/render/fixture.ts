/** A hand-made DocModel resembling the seed 업무보고 (part Ⅰ tables, part Ⅱ bullets and a box). */

import type { Block, DocModel, TableCell } from '../../src/core/docmodel';

export const HOSTILE = '<img src=x onerror=alert(1)>';

const h = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ lines: [text], header: true, ...extra });
const num = (text: string): TableCell => ({ lines: [text], align: 'right' });
const label = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
  lines: [text],
  align: 'center',
  ...extra,
});

export const STAFF_HEADER_1 = ['구  분', '총 계', '일    반    직', '별  정  직'];
export const STAFF_HEADER_2 = ['소계', '5급', '6급', '7급', '8~9급', '소계', '2~3급', '4급상당', '5급상당', '6급이하'];
export const STAFF_QUOTA = ['정 원', '22', '6', '2', '2', '1', '1', '16', '1', '2', '11', '2'];
export const STAFF_CURRENT = ['현 원', '22', '6', '2', '2', '0', '2', '16', '1', '2', '11', '2'];

const staffRow = (cells: readonly string[]): TableCell[] => cells.map((c, i) => (i === 0 ? label(c) : num(c)));

export const BULLETS: readonly (readonly [string, number, string])[] = [
  ['○', 1, '시기별․현안별 민생 현장방문을 위한 일정 기획'],
  [
    '○',
    1,
    '자치구와 소통 및 협력을 강화하여 시책사업의 체감도와 성과를 제고하고, 줄이 넘어갈 만큼 긴 문장에서도 둘째 줄이 글자 위치에 맞추어 들여쓰기 되는지 확인',
  ],
  ['－', 2, '주제별(경제․안전․관광 등) 현장방문을 통해 시책사업 추진력 확보'],
  ['－', 2, '시-구 간담회(수시), 구청장협의회(격월) 등 소통 정례화'],
  ['※', 2, '자치분권위원회「자치분권 종합계획」(’18.9.) 후속 세부시행계획'],
  // The bracket's glyph carries its own space: '○「지방자치법」', not '○ 「지방자치법」'.
  ['○', 1, '「지방자치법」전부개정법률안 국회 제출(’19.3.) → 4월 국회논의, 심의'],
];

const bullets: Block[] = BULLETS.map(([glyph, level, text]) => ({
  type: 'bullet',
  glyph: glyph as '○' | '－' | '※',
  level,
  runs: [{ text }],
}));

export const fixture: DocModel = {
  title: '대외협력담당관 업무보고',
  subtitle: '2019. 3. 31. 기준',
  blocks: [
    { type: 'heading', level: 1, number: 'Ⅰ.', text: '일  반  현  황' },
    { type: 'heading', level: 2, number: '1', text: '주요 기능' },
    { type: 'bullet', glyph: '○', level: 1, runs: [{ text: '시정 성과 극대화를 위한 정책 지원' }] },
    { type: 'bullet', glyph: '－', level: 2, runs: [{ text: '시장 공약사업 등 시정 핵심과제 수립 및 추진 지원' }] },
    { type: 'heading', level: 2, number: '2', text: '인력 현황', aside: '(’19.3.31. 기준)' },
    {
      type: 'table',
      table: {
        unitNote: '(단위 : 명)',
        widths: [10, 7, 7, 7, 7, 8, 7, 8, 9, 10, 10, 10],
        headerRows: 2,
        rows: [
          [
            h(STAFF_HEADER_1[0]!, { rowSpan: 2 }),
            h(STAFF_HEADER_1[1]!, { rowSpan: 2 }),
            h(STAFF_HEADER_1[2]!, { colSpan: 5 }),
            h(STAFF_HEADER_1[3]!, { colSpan: 5 }),
          ],
          STAFF_HEADER_2.map((t) => h(t)),
          staffRow(STAFF_QUOTA),
          staffRow(STAFF_CURRENT),
        ],
      },
    },
    {
      type: 'bullet',
      glyph: '※',
      level: 1,
      runs: [{ text: '전문임기제 3명(행정안전부 협의완료) : 민생정책보좌관, 공보특보, 젠더특보' }],
    },
    { type: 'heading', level: 2, number: '3', text: '예산 집행현황', aside: '(’19.3.31. 기준)' },
    { type: 'heading', level: 3, number: '□', text: '과목별 집행현황' },
    {
      type: 'table',
      table: {
        unitNote: '(단위 : 천원)',
        widths: [21, 13, 18, 13, 35],
        headerRows: 1,
        rows: [
          [h('구 분'), h('예 산 액'), h('집 행 액'), h('잔 액'), h('비 고')],
          [
            label('계', { bold: true }),
            { lines: ['357,200'], align: 'right', bold: true },
            { lines: ['87,182', '(집행률 24.4%)'], align: 'right', bold: true },
            { lines: ['270,018'], align: 'right', bold: true },
            { lines: [] },
          ],
          [
            label('기관운영업무추진비'),
            num('277,200'),
            { lines: ['58,964', '(집행률 21.3%)'], align: 'right' },
            num('218,236'),
            { lines: ['조직운영, 홍보 및 대민활동, 유관기관', '협조, 직책수행 등 제반 경비'] },
          ],
          [
            label('시책추진업무추진비'),
            num('80,000'),
            { lines: ['28,218', '(집행률 35.3%)'], align: 'right' },
            num('51,782'),
            { lines: [HOSTILE] },
          ],
        ],
      },
    },
    { type: 'pageBreak' },
    { type: 'heading', level: 1, number: 'Ⅱ.', text: '주  요  업  무' },
    { type: 'heading', level: 2, number: '1', text: '민생 중심의 현장방문 일정 기획' },
    {
      type: 'paragraph',
      runs: [
        { text: '시민의 삶과 밀접하고 돌봄이 필요한 민생 분야의 현장방문을 추진하고, ' },
        { text: '시민 정책체감도 제고', bold: true },
      ],
      indent: 1,
    },
    { type: 'heading', level: 3, number: '□', text: '추진 방향' },
    ...bullets,
    { type: 'bullet', glyph: '○', level: 1, runs: [{ text: `위험한 입력 ${HOSTILE} & "따옴표" '작은' 검사` }] },
    {
      type: 'box',
      title: '<서울시 자치경찰준비 TF 구성안>',
      blocks: [
        { type: 'bullet', glyph: '◼', level: 0, runs: [{ text: '단장 : 기획조정실장' }] },
        {
          type: 'bullet',
          glyph: '◼',
          level: 0,
          runs: [{ text: '구성 : 자치경찰자문단(10명 내외) 및 2개 팀(제도기반·사무협업)' }],
        },
        { type: 'bullet', glyph: '※', level: 0, runs: [{ text: '제도기반팀(법규·예산·인력 등 9개부서)' }] },
      ],
    },
    { type: 'heading', level: 3, number: '□', text: '향후 계획' },
    { type: 'bullet', glyph: '○', level: 1, runs: [{ text: '주제 및 계절별(하절기 등) 민생현장 방문 : 연중 계속' }] },
  ],
};
