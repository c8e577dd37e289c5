/**
 * The sample workbook (the seed office's 2019 data, as `Range.getValues()` would return it) and a
 * deterministic synthetic office of any size for scale tests. Pure: no globals, no Math.random.
 */
import type { Cell } from './coerce';
import { addDays, type LocalDate } from './dates';
import { isNonWorkingDay } from './holidays';
import { DISTRICTS, EVENT_TYPES, SETTING_ITEMS, SHEET, SHEETS, THEMES, type SheetSpec } from './sheets';

export type SheetRows = Cell[][];
export type Workbook = Record<string, SheetRows>;

/** The sample office's name (설정 기관명, 집행내역 부서). */
export const SAMPLE_ORG_NAME = '서울특별시 시장비서실';
export const SAMPLE_AS_OF: LocalDate = '2019-03-31';
export const SAMPLE_FISCAL_YEAR = 2019;
/** 집행액 per 과목 up to 기준일, as printed in the seed (in 원). */
export const SAMPLE_SPENT: Readonly<Record<string, number>> = {
  기관운영업무추진비: 58_964_000,
  시책추진업무추진비: 28_218_000,
};

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rand {
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

function rand(seed: number): Rand {
  const next = rng(seed);
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p) => next() < p,
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const hhmm = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/** Working days (Mon–Fri, not public holidays) in [from, to]. */
function workingDays(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isNonWorkingDay(d)) out.push(d);
  return out;
}

const headers = (spec: SheetSpec): Cell[] => spec.columns.map((c) => c.header);

/** Builds a sheet's rows from objects keyed by header; missing headers become ''. */
function sheet(name: string, rows: readonly Readonly<Record<string, Cell>>[]): SheetRows {
  const spec = SHEETS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown sheet ${name}`);
  const hs = spec.columns.map((c) => c.header);
  return [headers(spec), ...rows.map((r) => hs.map((h) => r[h] ?? ''))];
}

// ---------------------------------------------------------------------------------------------
// 설정

function settingsRows(orgName: string): SheetRows {
  const values: Record<string, Cell> = {
    기관명: orgName,
    '보고서 제목': '업무보고',
    기준일: SAMPLE_AS_OF,
    회계연도: SAMPLE_FISCAL_YEAR,
    '금액 단위': '천원',
    '캘린더 ID': 'sijeong-sample@group.calendar.google.com',
    '초대장 발송': '아니오',
    '동기화 우선': '시트',
    '요약 수신자': 'team@example.go.kr',
    '요약 요일': '월',
    '요약 시각': 8,
    '보고서 폴더 ID': '',
  };
  return sheet(
    SHEET.settings,
    SETTING_ITEMS.map(([k, fallback]) => ({ 항목: k, 값: values[k] ?? fallback })),
  );
}

// ---------------------------------------------------------------------------------------------
// 주요기능, 인력현황, 예산 (seed)

const FUNCTIONS: readonly (readonly [1 | 2, string])[] = [
  [1, '시정 성과 극대화를 위한 정책 지원'],
  [2, '시장 공약사업 등 시정 핵심과제 수립 및 추진 지원'],
  [1, '민생현장 중심 시장 일정기획 및 시정 메시지 지원'],
  [2, '민생문제 및 시정현안 해결을 위한 현장방문 등 시민 중심 일정 수립․추진'],
  [2, '시정 이해도 제고 및 성과 홍보를 위한 메시지 지원'],
  [1, '시의회 및 국내·외 기관 소통․협력 가교 역할'],
  [2, '시의회, 중앙정부 및 타 지방자치단체, 해외정부 및 국제기구 등과 소통 및 협력 확대'],
];

const STAFF: readonly (readonly [string, string, number, number])[] = [
  ['일반직', '5급', 2, 2],
  ['일반직', '6급', 2, 2],
  ['일반직', '7급', 1, 0],
  ['일반직', '8~9급', 1, 2],
  ['별정직', '2~3급', 1, 1],
  ['별정직', '4급상당', 2, 2],
  ['별정직', '5급상당', 11, 11],
  ['별정직', '6급이하', 2, 2],
];
const STAFF_NOTE = '※ 전문임기제 3명(행정안전부 협의완료) : 민생정책보좌관, 공보특보, 젠더특보';

const BUDGET: readonly (readonly [string, number, string])[] = [
  ['기관운영업무추진비', 277_200_000, '조직운영, 홍보 및 대민활동, 유관기관 협조, 직책수행 등 제반 경비'],
  ['시책추진업무추진비', 80_000_000, '주요행사, 시책사업, 투자사업의 원활한 추진을 위한 경비'],
];

// ---------------------------------------------------------------------------------------------
// 주요업무 (seed, Ⅱ. 주요 업무): [구분, 수준, 내용, 일정, 상태, 섹션명]

type TaskRow = readonly [
  kind: string,
  level: number,
  text: string,
  schedule?: string,
  status?: string,
  section?: string,
];

interface SeedTask {
  readonly no: number;
  readonly owner: string;
  readonly rows: readonly TaskRow[];
}

const TREND = '중앙정부 주요 동향';

const TASKS: readonly SeedTask[] = [
  {
    no: 1,
    owner: '일정기획팀',
    rows: [
      ['제목', 0, '민생 중심의 현장방문 일정 기획'],
      [
        '개요',
        0,
        '시민의 삶과 밀접하고 돌봄이 필요한 민생 분야의 현장방문을 추진하고, 자치구와 사안별 소통․협력을 강화하여 시민 정책체감도 제고',
      ],
      ['추진방향', 1, '시기별․현안별 민생 현장방문을 위한 일정 기획', '', '진행'],
      ['추진방향', 1, '자치구와 소통 및 협력을 강화하여 시책사업의 체감도와 성과를 제고', '', '진행'],
      ['추진내용', 1, '주요 정책 테마별 민생돌봄 현장방문 추진', '', '진행'],
      ['추진내용', 2, '주제별(경제․안전․관광 등) 현장방문을 통해 시책사업 추진력 확보', '', '진행'],
      ['추진내용', 2, '직접 체험 및 시민들과 소통을 통해 문제점 진단 및 현장목소리 시정에 반영', '', '진행'],
      ['추진내용', 1, '시와 자치구간 ‘소통 협의체’ 운영을 통한 지역현안 해결방안 모색', '', '진행'],
      ['추진내용', 2, '시-구 간담회(수시), 구청장협의회(격월) 등 소통 정례화', '', '진행'],
      ['추진내용', 2, '자치구 주요 숙원사업 해결방안 모색을 위한 시장-구청장 면담 실시(수시)', '수시', '진행'],
      ['추진내용', 1, '시-구 공동협력으로 안전사고, 미세먼지 대책 등 재난상황 신속 대응', '', '진행'],
      ['추진내용', 2, '자치구 부구청장 회의 개최(매월), 자치구 핵심과장 실무 현안회의 개최(수시)', '', '진행'],
      ['추진내용', 1, '시와 자치구 협력 행정우수사례 공유 및 확산', '', '진행'],
      ['추진내용', 2, '정부 지방자치박람회 공동참가(10월), 자치구 행정우수사례 발표회 개최(12월)', '', '예정'],
      ['향후계획', 1, '주제 및 계절별(하절기 등) 민생현장 방문 : 연중 계속', '연중 계속', '예정'],
      ['향후계획', 1, '시책사업 추진 및 현장목소리 수렴을 위한 시-구 소통활성화 : 연중 계속', '연중 계속', '예정'],
    ],
  },
  {
    no: 2,
    owner: '의회협력팀',
    rows: [
      ['제목', 0, '시정 동반자인 시의회와 정책소통 활성화'],
      [
        '개요',
        0,
        '시민의 대의기관인 의회와 한층 강화된 의사소통 및 정보 공유로, 천만 시민의 대표성과 민주성을 제고하는 책임시정 구현',
      ],
      [
        '추진방향',
        1,
        '시의회와 다양한 창구를 통해 적극적인 소통 및 스킨십으로, 시정에 대한 동반자적 협력관계 구현',
        '',
        '진행',
      ],
      ['추진내용', 0, '정기․수시 소통활동 지속 추진'],
      [
        '추진내용',
        1,
        '(수시소통) 시의회와 소통 및 스킨십을 위한 상임위원회별 간담회, 워크숍, 시의원 개별면담 등을 통해 주요 현안에 대해 수시 업무협의 추진',
        '수시',
        '진행',
      ],
      [
        '추진내용',
        1,
        '(정기소통) 회기 개회 전 주요 현안에 대한 논의와 안건의 사전 설명을 위해 의장단 및 상임위원장단 간담회 개최 정례화',
        '',
        '진행',
      ],
      [
        '추진내용',
        1,
        '(현장소통) 민생과 현장에 정통한 의원들과 지역 현안 공유 및 주민의견 수렴을 위한 현장 행사나 회의 시 적극 안내하여 대화 소통 채널 마련',
        '',
        '진행',
      ],
      ['추진내용', 0, '의회와 원활한 정보공유 활동 강화'],
      [
        '추진내용',
        1,
        '(정보공유) 기자설명회 및 언론보도자료 배포시 소관 부서에서 소관 상임위, 의장단, 관련 지역 시의원 등에게 공유 및 사전 설명 의무화',
        '',
        '진행',
      ],
      ['향후계획', 1, '시정 추진 동반자인 시의회와 소통 활성화 : 연중 계속', '연중 계속', '예정'],
    ],
  },
  {
    no: 3,
    owner: '분권협력팀',
    rows: [
      ['제목', 0, '실질적 지방분권 확립을 위한 제도별 대응에 역량 집중'],
      [
        '개요',
        0,
        '지방자치법 개정 및 자치경찰제 시범실시 등 각종 분권제도가 확대 시행됨에 따라 서울시에 맞는 지방분권 확립을 위하여 제도별 대응방안 마련·추진',
      ],
      ['추진방향', 1, '올해 개정 시행되는 분권정책별로 선제적 대응하여 성공적인 제도 안착', '', '진행'],
      ['추진방향', 1, '분권 협력 네트워크와 공조 및 시민참여를 통한 ‘시민과 함께하는 지방분권’ 추진', '', '진행'],
      ['동향', 1, '대통령 소속 자치분권위원회「자치분권 시행계획」수립·통보 (’19.3.)', '’19.3.', '', TREND],
      ['동향', 2, '※ 자치분권위원회「자치분권 종합계획」(’18.9.) 후속 세부시행계획', '', '', TREND],
      ['동향', 1, '「지방자치법」전부개정법률안 국회 제출(’19.3.) → 4월 국회논의, 심의', '', '', TREND],
      ['동향', 1, '「지방자치법시행령」일부개정 시행(’19.3.) : 자치분권 사전협의제 도입(7월 예정) 등', '', '', TREND],
      [
        '동향',
        1,
        '정부보조(균특회계) 축소대상사업 검토(기재부·행안부) 및 지방정부 의견수렴(’19.2~4.)',
        '’19.2~4.',
        '',
        TREND,
      ],
      ['동향', 1, '「지방이양일괄법」12개 소관 상임위 검토 완료 및 운영위 소위원회 상정(’19.4.)', '’19.4.', '', TREND],
      [
        '동향',
        1,
        '자치경찰제「경찰법」및「경찰공무원법」전부개정안 의원발의(’19.3.) → 사개특위 심의',
        '’19.3.',
        '',
        TREND,
      ],
      ['추진내용', 1, '자치분권 현안 논의를 위한 시의회 및 타 지자체와 협력 네트워크 강화', '', '완료'],
      ['추진내용', 2, '시의회 지방분권TF와 간담회(’19.1), ‘전국지방분권협의회 서울시회’ 개최 (’19.3.)', '', '완료'],
      ['추진내용', 1, '「지방자치법」개정 및「지방일괄이양법」제정 촉구 등 대정부·국회 건의', '', '진행'],
      [
        '추진내용',
        2,
        '3급이상 기구수 및 부단체장 정수 확대 등 자치조직권 관련 시도협 의견서 발표(’19.1)',
        '’19.1',
        '완료',
      ],
      ['추진내용', 2, '「지방일괄이양법」제정 관련 시도협 국회 건의(’19.1), 지방4대협의체장 결의(’19.3)', '', '완료'],
      [
        '추진내용',
        2,
        '정부「자치분권 심포지엄」시 ‘지방의회와 자치경찰 발전과제’ 토론 참여 및 건의(’19.3)',
        '’19.3',
        '완료',
      ],
      ['향후계획', 0, '지방자치법 전면개정 등 정부 분권정책 추진에 맞춘 분야별 대응'],
      ['향후계획', 1, '‘지방자치법’ 개정안 국회 통과 촉구 및 추가 개선사항 반영 지속 건의', '', '예정'],
      ['향후계획', 2, '지방의회 독립성 및 주민참여 강화 등이 반영된 개정안 국회 통과 촉구(시도협과 협업)', '', '예정'],
      ['향후계획', 2, '3급이상 기구수 등 지방정부의 조직 설치․운영 자율성 확대 등 미반영 사항 지속 건의', '', '예정'],
      ['향후계획', 1, '재정분권 확대 및 정부보조(균특회계) 축소 시 지방정부 의견수렴 건의', '', '예정'],
      ['향후계획', 2, '정부 재정분권계획(지방소비세율 ’19년 15%→ ’20년 21%로 인상 등) 확실한 이행 요구', '', '예정'],
      ['향후계획', 2, '균특회계 지방 이양시 지방정부 부담 최소화를 위한 지방 의견수렴 및 참여 건의', '', '예정'],
      ['향후계획', 1, '지방이양일괄법 국회 통과 촉구 및 추가 이양사무 발굴·건의', '', '예정'],
      ['향후계획', 2, '이양일괄법 국회 통과 촉구 및 미반영된 이양요청 사무(’17~’18년 95건) 추가 이양 건의', '', '예정'],
      ['향후계획', 2, '사무이양에 따른 서울시 부담비용 추계 연구용역 선제적 진행(’19.4~7)', '’19.4~7', '예정'],
      ['향후계획', 1, '서울시 자치경찰준비TF 운영으로 자치경찰제 시범실시 준비 (’19.4~)', '’19.4~', '예정'],
      ['향후계획', 2, '국가경찰에서 자치경찰로 이관하는 사항(인력·재정·사무·공간 등)에 대한 사전 준비', '', '예정'],
      ['향후계획', 2, '생활안전·교통 등 일반행정과 치안행정간의 연계 서비스 강화방안 검토', '', '예정'],
      ['참고', 0, '<서울시 자치경찰준비 TF 구성안>'],
      ['참고', 2, '◼ 단장 : 기획조정실장 ◼ 운영주기 : 매월 1회 이상 개최', '매월'],
      ['참고', 2, '◼ 구성 : 자치경찰자문단(10명 내외) 및 2개 팀(제도기반·사무협업), 경찰청 연계·협업'],
      ['참고', 3, '※ 제도기반팀(법규·예산·인력 등 9개부서)/사무협업팀(여성·청소년·교통 등 사무관련 11개 실·국)'],
      ['향후계획', 0, '대내․외 분권 네트워크와 협력 및 시민참여로 시민과 하나되는 지방분권 조성'],
      ['향후계획', 1, '市-시의회-자치구-타 지자체와 공조체계 강화하여 대정부․국회 대응', '', '예정'],
      ['향후계획', 2, '시도지사협의회 등 지방정부간 협의체와 함께 국회․대정부 합동 방문 건의 등', '', '예정'],
      ['향후계획', 1, '전문가 위주에서 탈피, 시민들이 참여하는 ‘주민자치주간’ 행사 추진(’19.10)', '’19.10', '예정'],
      ['향후계획', 2, '시민참여행사(시민원탁회의 등) 추진으로 ‘체감할 수 있는 지방분권’ 공감대 형성', '', '예정'],
    ],
  },
  {
    no: 4,
    owner: '지속가능발전팀',
    rows: [
      ['제목', 0, '시민참여를 통한 지속가능발전 추진'],
      [
        '개요',
        0,
        '계획부터 실행 및 평가까지 시민이 주도하는 서울형 지속가능발전 체계를 정립하고 운용함으로써 시정 전반의 지속가능성 확산',
      ],
      ['추진방향', 1, 'UN SDGs 시대에 적합한 시민주도의 서울형 지속가능발전 체계 재정립', '', '진행'],
      ['추진방향', 2, '※ UN SDGs : ’30년까지 모든 국가가 달성해야 할 보편적·포괄적 목표'],
      ['추진내용', 1, '‘서울지속가능발전목표(SDGs)2030’ 지표 개발 (’19.3.)', '’19.3.', '완료'],
      ['추진내용', 2, 'UN이 제시한 보편적 목표 및 지표를 반영하여 서울에 적합한 형태로 재구성', '', '완료'],
      ['추진내용', 2, '17개 목표, 96개 세부목표 및 이를 측정할 수 있는 126개 지표(안) 수립', '', '완료'],
      ['추진내용', 1, '’19년 서울시 지속가능발전 추진 계획 수립 (’19.3.)', '’19.3.', '완료'],
      ['참고', 0, '주요 내용'],
      ['참고', 2, '∙ 추진체계 재구축 : 제 2차 지속가능발전 기본계획·이행 계획 수립'],
      ['참고', 3, '서울지속가능발전목표(SDGs)2030 지표 개발'],
      ['참고', 2, '∙ 평가체계 운영 : 지속가능발전지표평가 / 이행계획 성과평가 / 중장기 행정계획 평가'],
      ['참고', 2, '∙ 지속가능발전 확산 : 서울전환컨퍼런스 개최, 자치구 지속가능발전 컨설팅'],
      ['추진내용', 1, '2차 서울특별시 지속가능발전 기본계획·이행계획 수립 용역 착수보고(’19.3.)', '’19.3.', '완료'],
      ['추진내용', 1, '시정 전반 지속가능성 평가 (’19.3.~6.)', '’19.3.~6.', '진행'],
      ['추진내용', 2, '경제 / 사회 / 환경 분야별로 목표 대비 달성도 기관 자체평가 실시', '', '진행'],
      ['추진내용', 2, '향후 지속가능발전위원회 주도로 평가결과 상세분석 계획', '', '예정'],
      ['향후계획', 1, '지속가능발전 온라인 시민 평가 : ’19. 4. ~ 5.', '’19. 4. ~ 5.', '예정'],
      ['향후계획', 2, '지속가능발전지표 통계치와 시민 체감도 차이, 시민 선정 우선순위 지표 등 조사', '', '예정'],
      ['향후계획', 1, '‘서울지속가능발전목표(SDGs)2030’ 시민 토론회 개최 : ’19. 4.', '’19. 4.', '예정'],
      ['향후계획', 1, '시민참여형 지속가능발전 기본계획 수립을 위한 공청회 개최 : ’19. 4.', '’19. 4.', '예정'],
      [
        '향후계획',
        2,
        '시민 대상 지속가능발전정책 성과 평가 및 숙의를 통한 제2차 지속가능발전 기본계획의 발전 방향 정립',
        '',
        '예정',
      ],
      ['향후계획', 1, '‘2019 서울전환컨퍼런스’ 개최 : ’19. 4.', '’19. 4.', '예정'],
    ],
  },
  {
    no: 5,
    owner: '남북협력팀',
    rows: [
      ['제목', 0, '2032 하계올림픽 서울-평양 공동유치를 통한 도시교류 활성화'],
      [
        '개요',
        0,
        '2032 하계올림픽 공동 유치활동을 통해 서울-평양 간 문화․예술․체육 등 다양한 분야의 교류협력 활성화 도모',
      ],
      ['추진방향', 1, '올림픽 공동유치를 위한 선제적 대응 및 서울-평양 협력체계 신속 구축', '', '진행'],
      ['추진방향', 1, '올림픽 공동유치 활동 계기, 다방면의 교류협력 기회 모색', '', '진행'],
      ['추진계획', 1, '올림픽 공동유치를 위한 서울-평양 상시협력체계 구축', '', '진행'],
      ['추진계획', 2, '올림픽 공동준비를 위한 서울-평양 간 실무협의체 결성', '', '진행'],
      ['추진계획', 1, '‘서울-평양 공동협력단’ 활동 전개', '', '예정'],
      ['추진계획', 2, 'IOC 실사 대비 대회 기반시설(경기장, 숙박, 교통, 의료시설 등) 공동 점검', '', '예정'],
      ['추진계획', 1, '올림픽 공동유치 연계, 서울-평양 체육문화예술 교류협력 확대', '', '예정'],
      ['추진계획', 2, '서울-평양 축구대회, 교향악단 합동공연 등 올림픽 공동유치 기원행사 개최', '', '예정'],
      ['추진내용', 1, '서울-평양 공동협력단 구성을 위해 정부 유관기관 협의 진행 (’19.2.~3.)', '’19.2.~3.', '완료'],
      ['추진내용', 2, '통일부 등 유관부처 서울-평양 간 올림픽 의제 포함 협의채널 구축 필요성 동의', '', '완료'],
      ['추진내용', 2, '「서울-평양 공동협력단」역할, 운영 등에 관한 사항 의견 교환', '', '완료'],
      ['추진내용', 2, '북측 제안시기, 대북협의 방안, 부처 간 역할분담, 향후 추진일정 등 조율', '', '완료'],
      ['추진내용', 1, '2032 서울-평양올림픽 성공적 유치를 위한 서울시 남북체육교류 자문단 구성 추진', '', '진행'],
      ['추진내용', 2, '지속가능한 서울-평양 체육교류사업 발굴 및 올림픽 공동유치 국내외 홍보 등 지원', '', '진행'],
      ['추진내용', 2, '남북체육 전문가, 남북단일팀 유경험 선수 및 감독 등 10명으로 구성(5월 위촉)', '', '진행'],
      ['향후계획', 1, '2032 하계올림픽 서울-평양 공동협력단 구성 추진 : ’19. 5. ~', '’19. 5. ~', '예정'],
      ['향후계획', 1, '올림픽 공동유치 연계 서울-평양 교류행사 추진 : ’19. 7.~', '’19. 7.~', '예정'],
      ['향후계획', 1, '시민 참여행사 추진 등 공동유치 분위기 조성 : ’19. 7.~', '’19. 7.~', '예정'],
    ],
  },
];

function taskRecords(tasks: readonly SeedTask[]): Record<string, Cell>[] {
  const out: Record<string, Cell>[] = [];
  for (const t of tasks) {
    for (const [kind, level, text, schedule = '', status = '', section = ''] of t.rows) {
      out.push({
        업무번호: t.no,
        구분: kind,
        수준: level,
        내용: text,
        일정: schedule,
        담당: kind === '제목' || kind === '개요' ? '' : t.owner,
        상태: status,
        섹션명: section,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 일정 (seed meetings and events in 2019)

type EventSpec = readonly [
  date: string,
  start: string,
  end: string,
  type: string,
  title: string,
  theme: string,
  place: string,
  district: string,
  attendees: string,
  repeat: string,
  repeatUntil: string,
  status: string,
  task: string,
  result?: string,
];

const CITY_HALL = '서울시청 본관 영상회의실';
const COUNCIL = '서울특별시의회 의장 접견실';
const PLAN = '일정기획팀 <plan@example.go.kr>';
const COUNCIL_TEAM = '의회협력팀 <council@example.go.kr>';
const DECENTRAL = '분권협력팀 <decentral@example.go.kr>';
const SDGS = '지속가능발전팀 <sdgs@example.go.kr>';
const NK = '남북협력팀 <unikorea@example.go.kr>';

const EVENTS: readonly EventSpec[] = [
  [
    '2019-01-24',
    '15:00',
    '16:30',
    '간담회',
    '시의회 지방분권TF 간담회',
    '',
    '서울특별시의회 제2대회의실',
    '중구',
    `시의회 지방분권TF, ${DECENTRAL}`,
    '없음',
    '',
    '완료',
    '3',
    '지방자치법 개정 대응 방향 공유',
  ],
  [
    '2019-02-14',
    '10:00',
    '11:30',
    '회의',
    '자치구 부구청장 회의 (2월)',
    '',
    CITY_HALL,
    '서울 전역',
    `자치구 부구청장, ${PLAN}`,
    '없음',
    '',
    '완료',
    '1',
    '미세먼지 비상저감조치 공동 대응 협의',
  ],
  [
    '2019-02-18',
    '11:30',
    '13:00',
    '간담회',
    '의장단 및 상임위원장단 간담회 (제286회 임시회)',
    '',
    COUNCIL,
    '중구',
    `시의회 의장단, ${COUNCIL_TEAM}`,
    '없음',
    '',
    '완료',
    '2',
    '임시회 주요 안건 사전 설명',
  ],
  [
    '2019-02-28',
    '15:00',
    '17:00',
    '회의',
    '서울시 구청장협의회 (2월)',
    '',
    '서울시청 본관 간담회장',
    '서울 전역',
    `구청장협의회, ${PLAN}`,
    '없음',
    '',
    '완료',
    '1',
    '자치구 건의사항 6건 접수',
  ],
  [
    '2019-03-12',
    '10:00',
    '11:30',
    '현장방문',
    '미세먼지 저감 공사장 현장방문',
    '환경',
    '성수동 건설공사 현장',
    '성동구',
    PLAN,
    '없음',
    '',
    '완료',
    '1',
    '비산먼지 저감조치 점검, 현장 의견 3건 수렴',
  ],
  [
    '2019-03-14',
    '10:00',
    '11:30',
    '회의',
    '자치구 부구청장 회의 (3월)',
    '',
    CITY_HALL,
    '서울 전역',
    `자치구 부구청장, ${PLAN}`,
    '없음',
    '',
    '완료',
    '1',
    '해빙기 안전사고 예방 협조 요청',
  ],
  [
    '2019-03-20',
    '14:00',
    '16:00',
    '행사',
    '전국지방분권협의회 서울시회',
    '',
    '서울시청 다목적홀',
    '중구',
    DECENTRAL,
    '없음',
    '',
    '완료',
    '3',
    '지방일괄이양법 제정 촉구 결의',
  ],
  [
    '2019-03-26',
    '10:00',
    '12:00',
    '현장방문',
    '골목상권 활성화 현장방문',
    '경제',
    '망원시장',
    '마포구',
    `상인회, ${PLAN}`,
    '없음',
    '',
    '완료',
    '1',
    '상인회 건의 4건 접수',
  ],
  [
    '2019-04-02',
    '14:00',
    '16:00',
    '현장방문',
    '해빙기 노후 축대·옹벽 안전점검 현장방문',
    '안전',
    '노후 축대·옹벽 점검 현장',
    '관악구',
    `관악구청, ${PLAN}`,
    '없음',
    '',
    '확정',
    '1',
  ],
  [
    '2019-04-04',
    '15:00',
    '17:00',
    '회의',
    '자치구 핵심과장 실무 현안회의',
    '',
    CITY_HALL,
    '서울 전역',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-04-05',
    '11:00',
    '12:00',
    '간담회',
    '상임위원회별 간담회 (행정자치위원회)',
    '',
    '서울특별시의회 행정자치위원회 회의실',
    '중구',
    COUNCIL_TEAM,
    '없음',
    '',
    '예정',
    '2',
  ],
  [
    '2019-04-09',
    '10:00',
    '12:00',
    '현장방문',
    '외국인 관광객 안내 현장방문',
    '관광',
    '명동 관광정보센터',
    '중구',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-04-10',
    '14:00',
    '17:00',
    '행사',
    '‘서울지속가능발전목표(SDGs)2030’ 시민 토론회',
    '환경',
    '시민청 태평홀',
    '중구',
    SDGS,
    '없음',
    '',
    '예정',
    '4',
  ],
  [
    '2019-04-11',
    '10:00',
    '11:30',
    '회의',
    '자치구 부구청장 회의',
    '',
    CITY_HALL,
    '서울 전역',
    `자치구 부구청장, ${PLAN}`,
    '매월',
    '2019-12-31',
    '확정',
    '1',
  ],
  [
    '2019-04-15',
    '11:30',
    '13:00',
    '간담회',
    '의장단 및 상임위원장단 간담회 (제287회 임시회)',
    '',
    COUNCIL,
    '중구',
    `시의회 의장단, ${COUNCIL_TEAM}`,
    '없음',
    '',
    '예정',
    '2',
  ],
  [
    '2019-04-16',
    '14:00',
    '16:00',
    '현장방문',
    '우리동네 키움센터 돌봄 현장방문',
    '돌봄',
    '우리동네 키움센터',
    '성북구',
    `성북구청, ${PLAN}`,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-04-17',
    '14:00',
    '16:30',
    '행사',
    '시민참여형 지속가능발전 기본계획 수립 공청회',
    '환경',
    '서울시청 다목적홀',
    '중구',
    SDGS,
    '없음',
    '',
    '예정',
    '4',
  ],
  [
    '2019-04-18',
    '14:00',
    '15:30',
    '회의',
    '서울시 자치경찰준비TF 회의',
    '',
    '서울시청 본관 기획상황실',
    '중구',
    `기획조정실장, ${DECENTRAL}`,
    '매월',
    '2019-12-31',
    '예정',
    '3',
  ],
  [
    '2019-04-23',
    '10:00',
    '12:00',
    '현장방문',
    '찾아가는 동주민센터 복지 현장방문',
    '복지',
    '화곡동 주민센터',
    '강서구',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-04-24',
    '09:30',
    '18:00',
    '행사',
    '2019 서울전환컨퍼런스',
    '환경',
    '서울시청 다목적홀',
    '중구',
    SDGS,
    '없음',
    '',
    '예정',
    '4',
  ],
  [
    '2019-04-25',
    '15:00',
    '17:00',
    '회의',
    '서울시 구청장협의회',
    '',
    '서울시청 본관 간담회장',
    '서울 전역',
    `구청장협의회, ${PLAN}`,
    '격월',
    '2019-12-31',
    '확정',
    '1',
  ],
  [
    '2019-04-30',
    '10:00',
    '12:00',
    '현장방문',
    '청년 창업공간 현장방문',
    '경제',
    '서울창업허브',
    '마포구',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-05-07',
    '14:00',
    '16:00',
    '현장방문',
    '대중교통 환승센터 안전 현장방문',
    '교통',
    '서울역 버스환승센터',
    '용산구',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-05-16',
    '10:00',
    '12:00',
    '회의',
    '서울-평양 공동협력단 구성 협의',
    '',
    '서울시청 본관 회의실',
    '중구',
    `통일부, ${NK}`,
    '없음',
    '',
    '예정',
    '5',
  ],
  [
    '2019-05-21',
    '10:00',
    '12:00',
    '현장방문',
    '공공임대주택 주거환경 현장방문',
    '주거',
    '공공임대주택 단지',
    '노원구',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-05-28',
    '15:00',
    '16:00',
    '행사',
    '서울시 남북체육교류 자문단 위촉식',
    '문화',
    '서울시청 본관 접견실',
    '중구',
    NK,
    '없음',
    '',
    '예정',
    '5',
  ],
  [
    '2019-06-03',
    '11:30',
    '13:00',
    '간담회',
    '의장단 및 상임위원장단 간담회 (제288회 정례회)',
    '',
    COUNCIL,
    '중구',
    `시의회 의장단, ${COUNCIL_TEAM}`,
    '없음',
    '',
    '예정',
    '2',
  ],
  [
    '2019-09-02',
    '11:30',
    '13:00',
    '간담회',
    '의장단 및 상임위원장단 간담회 (제289회 임시회)',
    '',
    COUNCIL,
    '중구',
    `시의회 의장단, ${COUNCIL_TEAM}`,
    '없음',
    '',
    '예정',
    '2',
  ],
  [
    '2019-10-28',
    '',
    '',
    '행사',
    '주민자치주간 시민참여 행사',
    '',
    '서울광장',
    '중구',
    DECENTRAL,
    '없음',
    '',
    '예정',
    '3',
  ],
  [
    '2019-10-29',
    '',
    '',
    '행사',
    '정부 지방자치박람회 공동참가',
    '',
    '지방자치박람회 행사장',
    '',
    PLAN,
    '없음',
    '',
    '예정',
    '1',
  ],
  [
    '2019-10-30',
    '14:00',
    '17:00',
    '행사',
    '지방분권 시민원탁회의',
    '',
    '서울시청 다목적홀',
    '중구',
    DECENTRAL,
    '없음',
    '',
    '예정',
    '3',
  ],
  [
    '2019-12-05',
    '14:00',
    '17:00',
    '행사',
    '자치구 행정우수사례 발표회',
    '',
    '서울시청 다목적홀',
    '중구',
    `자치구, ${PLAN}`,
    '없음',
    '',
    '예정',
    '1',
  ],
];

function eventRecord(e: EventSpec): Record<string, Cell> {
  const [date, start, end, type, title, theme, place, district, attendees, repeat, until, status, task, result = ''] =
    e;
  return {
    일자: date,
    시작: start,
    종료: end,
    유형: type,
    제목: title,
    테마: theme,
    장소: place,
    자치구: district,
    참석자: attendees,
    반복: repeat,
    반복종료: until,
    상태: status,
    관련업무: task,
    결과: result,
  };
}

// ---------------------------------------------------------------------------------------------
// 집행내역 (sample ledger): generated once, deterministically, to the seed's exact totals

type Slot = 'morning' | 'lunch' | 'afternoon' | 'dinner';

interface Purpose {
  readonly text: string;
  /** Who was there: '{who} 등 N명'. */
  readonly who: string;
  readonly slot: Slot;
}

const PURPOSES: Readonly<Record<string, readonly Purpose[]>> = {
  기관운영업무추진비: [
    { text: '시정 현안 논의를 위한 시의회 의원 간담회', who: '시의회 의원', slot: 'dinner' },
    { text: '시정 현안 논의를 위한 시의회 의원 간담회', who: '시의회 의원', slot: 'lunch' },
    { text: '시정 주요업무 추진 직원 격려 간담회', who: '비서실 직원', slot: 'dinner' },
    { text: '현안업무 추진 직원 격려 오찬', who: '비서실 직원', slot: 'lunch' },
    { text: '유관기관 업무협조 간담회', who: '유관기관 관계자', slot: 'lunch' },
    { text: '유관기관 업무협조 간담회', who: '유관기관 관계자', slot: 'dinner' },
    { text: '시정 홍보 관련 언론인 간담회', who: '언론인', slot: 'dinner' },
    { text: '자치구 협력 업무협의 간담회', who: '자치구 관계자', slot: 'lunch' },
    { text: '시정 자문위원 업무협의 간담회', who: '자문위원', slot: 'dinner' },
    { text: '국제교류 업무협의 간담회', who: '유관기관 관계자', slot: 'lunch' },
    { text: '민원 현장 관계자 면담 다과', who: '시민', slot: 'afternoon' },
    { text: '조찬 간담회 (시정 현안 보고)', who: '실국장', slot: 'morning' },
  ],
  시책추진업무추진비: [
    { text: '민생 현장방문 일정 협의 간담회', who: '자치구 관계자', slot: 'lunch' },
    { text: '시-구 소통협의체 운영 관련 간담회', who: '자치구 관계자', slot: 'dinner' },
    { text: '자치분권 정책 협력 간담회', who: '시의회 지방분권TF 위원', slot: 'dinner' },
    { text: '자치경찰제 시범실시 준비 관계자 간담회', who: '유관기관 관계자', slot: 'lunch' },
    { text: '서울지속가능발전목표(SDGs) 지표 개발 자문 간담회', who: '전문가', slot: 'lunch' },
    { text: '지속가능발전 기본계획 수립 관련 업무협의', who: '지속가능발전위원회 위원', slot: 'dinner' },
    { text: '서울-평양 공동협력단 구성 관련 유관기관 협의', who: '유관기관 관계자', slot: 'dinner' },
    { text: '남북체육교류 자문 관련 간담회', who: '전문가', slot: 'lunch' },
    { text: '시책사업 현장 관계자 격려 다과', who: '현장 관계자', slot: 'afternoon' },
  ],
};

const RESTAURANTS = [
  '정동 한정식(중구)',
  '서소문 설렁탕(중구)',
  '무교 생태찌개(중구)',
  '북창 중식당(중구)',
  '을지 보쌈(중구)',
  '소공 일식(중구)',
  '태평 한우(중구)',
  '세종 비빔밥(종로구)',
  '덕수 국수(중구)',
  '다동 갈비(중구)',
  '광화문 한식뷔페(종로구)',
  '청계 추어탕(중구)',
] as const;
const CAFES = ['정동 카페(중구)', '시청 앞 커피(중구)', '무교 베이커리카페(중구)', '서울도서관 카페(중구)'] as const;

/** [first minute, last minute] of each slot; all within 07:30–21:30. */
const SLOT_MINUTES: Readonly<Record<Slot, readonly [number, number]>> = {
  morning: [7 * 60 + 30, 9 * 60 + 30],
  lunch: [11 * 60 + 30, 13 * 60 + 40],
  afternoon: [14 * 60, 17 * 60 + 30],
  dinner: [18 * 60, 21 * 60 + 30],
};
/** Per-person cost range (원) and head count range by slot. */
const SLOT_COST: Readonly<Record<Slot, { per: readonly [number, number]; people: readonly [number, number] }>> = {
  morning: { per: [15_000, 25_000], people: [6, 14] },
  lunch: { per: [18_000, 30_000], people: [8, 22] },
  afternoon: { per: [5_000, 9_000], people: [6, 16] },
  dinner: { per: [28_000, 42_000], people: [8, 22] },
};

const MIN_AMOUNT = 30_000;
const MAX_AMOUNT = 600_000;

interface LedgerRow {
  date: LocalDate;
  time: string;
  item: string;
  amount: number;
  purpose: string;
  place: string;
  people: string;
  payment: string;
  dept: string;
  user: string;
}

function ledgerRecord(r: LedgerRow): Record<string, Cell> {
  return {
    집행일자: r.date,
    사용시간: r.time,
    과목: r.item,
    금액: r.amount,
    사용목적: r.purpose,
    장소: r.place,
    대상인원: r.people,
    결제방법: r.payment,
    부서: r.dept,
    사용자: r.user,
  };
}

/** Amount, time, place, people for one expenditure of a purpose (amount may be overridden). */
function draw(r: Rand, p: Purpose, days: readonly LocalDate[], dept: string, item: string, amount?: number): LedgerRow {
  const cost = SLOT_COST[p.slot];
  const per = r.int(cost.per[0] / 100, cost.per[1] / 100) * 100;
  let n = r.int(cost.people[0], cost.people[1]);
  let value = amount ?? Math.min(MAX_AMOUNT, Math.max(MIN_AMOUNT, n * per));
  if (amount !== undefined) n = Math.min(30, Math.max(2, Math.round(amount / per)));
  value = Math.round(value / 100) * 100;
  const [lo, hi] = SLOT_MINUTES[p.slot];
  const minute = r.int(lo, hi);
  return {
    date: r.pick(days),
    time: hhmm(minute),
    item,
    amount: value,
    purpose: p.text,
    place: p.slot === 'afternoon' || (p.slot === 'morning' && r.chance(0.3)) ? r.pick(CAFES) : r.pick(RESTAURANTS),
    people: `${p.who} 등 ${n}명`,
    payment: r.chance(0.25) ? '제로페이' : '카드',
    dept,
    user: r.chance(0.8) ? '주무관' : '팀장',
  };
}

/**
 * Rows for one 과목 whose amounts sum exactly to `total` (a multiple of 100), each amount within
 * [MIN_AMOUNT, MAX_AMOUNT]; no two rows of `taken` share date+place+amount.
 */
function rowsToTotal(
  r: Rand,
  item: string,
  total: number,
  days: readonly LocalDate[],
  dept: string,
  taken: Set<string>,
): LedgerRow[] {
  const purposes = PURPOSES[item] ?? PURPOSES['기관운영업무추진비'] ?? [];
  const out: LedgerRow[] = [];
  const add = (row: LedgerRow): void => {
    for (let tries = 0; taken.has(`${row.date}|${row.place}|${row.amount}`) && tries < 1000; tries++) {
      row.date = r.pick(days);
    }
    taken.add(`${row.date}|${row.place}|${row.amount}`);
    out.push(row);
  };
  let rest = total;
  while (rest > MAX_AMOUNT) {
    const row = draw(r, r.pick(purposes), days, dept, item);
    // Keep at least MIN_AMOUNT for the last row.
    row.amount = Math.min(row.amount, rest - MIN_AMOUNT);
    rest -= row.amount;
    add(row);
  }
  const mealPurposes = purposes.filter((p) => p.slot === 'dinner' || p.slot === 'lunch');
  add(draw(r, r.pick(mealPurposes.length ? mealPurposes : purposes), days, dept, item, rest));
  return out;
}

const byDateTime = (a: LedgerRow, b: LedgerRow): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.time < b.time ? -1 : a.time > b.time ? 1 : 0;

function sampleLedger(): LedgerRow[] {
  const r = rand(20190331);
  const days = workingDays('2019-01-02', '2019-03-29');
  const taken = new Set<string>();
  const rows: LedgerRow[] = [];
  for (const [item, total] of Object.entries(SAMPLE_SPENT)) {
    rows.push(...rowsToTotal(r, item, total, days, SAMPLE_ORG_NAME, taken));
  }
  rows.sort(byDateTime);
  // After 기준일: shown in the sheet, not counted in the report.
  rows.push(
    {
      date: '2019-04-02',
      time: '12:10',
      item: '기관운영업무추진비',
      amount: 264_000,
      purpose: '시정 현안 논의를 위한 시의회 의원 간담회',
      place: '정동 한정식(중구)',
      people: '시의회 의원 등 9명',
      payment: '카드',
      dept: SAMPLE_ORG_NAME,
      user: '주무관',
    },
    {
      date: '2019-04-03',
      time: '19:20',
      item: '시책추진업무추진비',
      amount: 412_000,
      purpose: '지속가능발전 기본계획 수립 관련 업무협의',
      place: '다동 갈비(중구)',
      people: '지속가능발전위원회 위원 등 12명',
      payment: '제로페이',
      dept: SAMPLE_ORG_NAME,
      user: '주무관',
    },
    {
      date: '2019-04-05',
      time: '15:40',
      item: '기관운영업무추진비',
      amount: 86_500,
      purpose: '민원 현장 관계자 면담 다과',
      place: '시청 앞 커피(중구)',
      people: '시민 등 11명',
      payment: '카드',
      dept: SAMPLE_ORG_NAME,
      user: '팀장',
    },
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The sample workbook

/** The seed office's workbook: every sheet of SHEETS, header row first. */
export function sampleSheets(): Workbook {
  return {
    [SHEET.settings]: settingsRows(SAMPLE_ORG_NAME),
    [SHEET.functions]: sheet(
      SHEET.functions,
      FUNCTIONS.map(([level, text]) => ({ 수준: level, 내용: text })),
    ),
    [SHEET.staff]: sheet(SHEET.staff, [
      ...STAFF.map(([group, grade, quota, current]) => ({ 직종: group, 직급: grade, 정원: quota, 현원: current })),
      { 직종: STAFF_NOTE },
    ]),
    [SHEET.budget]: sheet(
      SHEET.budget,
      BUDGET.map(([name, amount, note]) => ({ 과목: name, 예산액: amount, 비고: note })),
    ),
    [SHEET.ledger]: sheet(SHEET.ledger, sampleLedger().map(ledgerRecord)),
    [SHEET.tasks]: sheet(SHEET.tasks, taskRecords(TASKS)),
    [SHEET.schedule]: sheet(SHEET.schedule, EVENTS.map(eventRecord)),
    [SHEET.log]: sheet(SHEET.log, []),
  };
}

// ---------------------------------------------------------------------------------------------
// Synthetic office for scale tests

/** Per unit of n: outline lines, 일정 rows, 집행내역 rows. */
export const SYNTHETIC_PER_N = { taskLines: 20, events: 50, ledger: 500 } as const;
const MAX_BUDGET_ITEMS = 50;
const MAX_STAFF_ROWS = 27;
const MAX_FUNCTION_LINES = 70;

const SYN_TOPICS = [
  '민생 현장 소통',
  '시의회 협력',
  '지방분권 대응',
  '지속가능발전',
  '남북 도시교류',
  '청년 일자리',
  '골목상권 활성화',
  '미세먼지 저감',
  '돌봄 체계 강화',
  '시민참여 확대',
  '안전 도시',
  '관광 활성화',
  '주거 안정',
  '교통 혁신',
  '문화 도시',
] as const;

const SYN_GRADES: readonly (readonly [string, string])[] = [
  ['일반직', '4급'],
  ['일반직', '5급'],
  ['일반직', '6급'],
  ['일반직', '7급'],
  ['일반직', '8~9급'],
  ['별정직', '2~3급'],
  ['별정직', '4급상당'],
  ['별정직', '5급상당'],
  ['별정직', '6급이하'],
  ['임기제', '일반임기제 5호'],
  ['임기제', '일반임기제 6호'],
  ['임기제', '전문임기제 가급'],
  ['임기제', '전문임기제 나급'],
  ['임기제', '전문임기제 다급'],
  ['임기제', '시간선택제 라급'],
  ['전문경력관', '가군'],
  ['전문경력관', '나군'],
  ['전문경력관', '다군'],
  ['공무직', '행정'],
  ['공무직', '운전'],
  ['공무직', '시설'],
  ['공무직', '조리'],
  ['기타', '파견 5급'],
  ['기타', '파견 6급'],
  ['기타', '파견 7급'],
  ['기타', '청원경찰'],
  ['기타', '시간제'],
];

const SYN_MONTH_TEXT = (m: number): string => `’19.${m}.`;

function syntheticTask(r: Rand, no: number): Record<string, Cell>[] {
  const topic = `${r.pick(SYN_TOPICS)} ${no}`;
  const owner = `${topic.split(' ')[0]}팀`;
  const done = r.int(1, 3);
  const next = r.int(4, 12);
  const lines: TaskRow[] = [
    ['제목', 0, `${topic} 사업 추진`],
    ['개요', 0, `${topic} 분야의 시민 체감도를 높이기 위해 관계기관과 협력하여 단계별 과제를 추진`],
    ['추진방향', 1, `${topic} 과제의 선제적 발굴 및 성과 제고`, '', '진행'],
    ['추진방향', 1, '시민·자치구·유관기관과 협력체계 강화', '', '진행'],
    ['추진내용', 0, `${topic} 기반 조성`],
    ['추진내용', 1, `${topic} 기본계획 수립 (${SYN_MONTH_TEXT(done)})`, SYN_MONTH_TEXT(done), '완료'],
    ['추진내용', 2, '관계부서 의견수렴 및 전문가 자문', '', '완료'],
    ['추진내용', 2, '자치구 설명회 개최', '', '완료'],
    ['추진내용', 1, `시범사업 추진 (’19.${done}~${done + 2})`, `’19.${done}~${done + 2}`, '진행'],
    ['참고', 0, '주요 내용'],
    ['참고', 2, `∙ 대상 : 자치구 ${r.int(3, 25)}곳`],
    ['참고', 2, `∙ 예산 : ${r.int(1, 90) * 10}백만원`],
    ['추진내용', 2, '시범사업 성과 점검 및 개선사항 도출', '', '진행'],
    ['향후계획', 1, `${topic} 확대 시행 : ’19. ${next}.`, `’19. ${next}.`, '예정'],
    ['향후계획', 2, '시범사업 결과를 반영한 세부 시행계획 마련', '', '예정'],
    ['향후계획', 1, '시민 의견수렴 및 홍보 : 연중 계속', '연중 계속', '예정'],
    ['향후계획', 2, '온라인 설문 및 시민토론회 병행', '', '예정'],
    ['향후계획', 1, '추진상황 점검회의 개최 : 매월', '매월', '예정'],
    ['향후계획', 2, '부진 과제 원인 분석 및 보완', '', '예정'],
    ['향후계획', 2, '우수사례 공유 및 확산', '', '예정'],
  ];
  return taskRecords([{ no, owner, rows: lines }]);
}

/**
 * A valid office about n times the sample's size, the same for the same n (seeded PRNG):
 * 20·n outline lines (n tasks), 50·n 일정 rows, 500·n 집행내역 rows, min(2n, 50) 과목,
 * up to 27 인력현황 grades. Settings match the sample's (기준일 2019-03-31, 회계연도 2019).
 */
export function syntheticSheets(n: number): Workbook {
  const size = Math.max(1, Math.floor(n));
  const r = rand(0x5eed + size * 7919);
  const org = `합성 시험기관 ×${size}`;

  // 주요기능
  const fnCount = Math.min(7 * size, MAX_FUNCTION_LINES);
  const functions: Record<string, Cell>[] = [];
  for (let i = 0; i < fnCount; i++) {
    const level = i % 3 === 0 ? 1 : 2;
    functions.push({
      수준: level,
      내용:
        level === 1 ? `${r.pick(SYN_TOPICS)} 정책 지원 ${i / 3 + 1}` : `세부 기능 ${i + 1}: 관계기관 협력 및 성과 관리`,
    });
  }

  // 인력현황
  const staffCount = Math.min(9 + 3 * (size - 1), MAX_STAFF_ROWS);
  const staff: Record<string, Cell>[] = SYN_GRADES.slice(0, staffCount).map(([group, grade]) => {
    const quota = r.int(1, 12);
    return { 직종: group, 직급: grade, 정원: quota, 현원: Math.max(0, quota - (r.chance(0.3) ? 1 : 0)) };
  });
  staff.push({ 직종: '※ 합성 자료: 실제 기관의 인력이 아닙니다' });

  // 예산 과목
  const itemCount = Math.min(2 * size, MAX_BUDGET_ITEMS);
  const items: string[] = [];
  for (let i = 0; i < itemCount; i++) {
    items.push(i === 0 ? '기관운영업무추진비' : i === 1 ? '시책추진업무추진비' : `사업추진비 ${i - 1}`);
  }

  // 집행내역
  const early = workingDays('2019-01-02', '2019-03-29');
  const late = workingDays('2019-04-01', '2019-12-31');
  const places = [...RESTAURANTS, ...CAFES];
  const purposes = [...(PURPOSES['기관운영업무추진비'] ?? []), ...(PURPOSES['시책추진업무추진비'] ?? [])];
  const spent = new Map<string, number>();
  const taken = new Set<string>();
  const ledger: LedgerRow[] = [];
  const ledgerCount = SYNTHETIC_PER_N.ledger * size;
  for (let i = 0; i < ledgerCount; i++) {
    const item = items[i % items.length] as string;
    const row = draw(r, r.pick(purposes), r.chance(0.95) ? early : late, org, item);
    row.place = r.pick(places);
    while (taken.has(`${row.date}|${row.place}|${row.amount}`)) {
      row.amount = row.amount >= MAX_AMOUNT ? MIN_AMOUNT : row.amount + 100;
    }
    taken.add(`${row.date}|${row.place}|${row.amount}`);
    spent.set(item, (spent.get(item) ?? 0) + row.amount);
    ledger.push(row);
  }
  ledger.sort(byDateTime);
  const budget = items.map((name) => {
    const total = spent.get(name) ?? 0;
    // Budget ≥ every row of the item (so ≥ 집행 at any 기준일), in whole millions.
    const amount = Math.ceil((total * (1.2 + r.int(0, 30) / 100) + 1) / 1_000_000) * 1_000_000;
    return { 과목: name, 예산액: amount, 비고: '합성 자료' };
  });

  // 주요업무
  const tasks: Record<string, Cell>[] = [];
  for (let no = 1; no <= size; no++) tasks.push(...syntheticTask(r, no));

  // 일정
  const eventDays = [...early, ...late];
  const people = [
    '일정기획팀 <plan@example.go.kr>',
    '의회협력팀 <council@example.go.kr>',
    '담당 주무관',
    '자치구 관계자',
    'team@example.go.kr',
  ];
  const districts = DISTRICTS.filter((d) => d !== '서울 전역');
  const events: Record<string, Cell>[] = [];
  const eventCount = SYNTHETIC_PER_N.events * size;
  for (let i = 0; i < eventCount; i++) {
    const date = r.pick(eventDays);
    const type = r.pick(EVENT_TYPES);
    const allDay = type === '행사' && r.chance(0.2);
    const startMin = r.int(18, 34) * 30; // 09:00 … 17:00
    const endMin = Math.min(startMin + r.int(2, 6) * 30, 21 * 60);
    const repeat = r.chance(0.05) ? r.pick(['매주', '매월', '격월', '분기'] as const) : '없음';
    const past = date <= SAMPLE_AS_OF;
    events.push({
      일자: date,
      시작: allDay ? '' : hhmm(startMin),
      종료: allDay ? '' : hhmm(endMin),
      유형: type,
      제목: `${r.pick(SYN_TOPICS)} ${type} ${i + 1}`,
      테마: type === '현장방문' ? r.pick(THEMES) : '',
      장소: type === '현장방문' ? `${r.pick(districts)} 현장` : '서울시청 본관 회의실',
      자치구: type === '현장방문' ? r.pick(districts) : '',
      참석자: r.chance(0.5) ? `${r.pick(people)}, ${r.pick(people)}` : '',
      반복: repeat,
      반복종료: repeat === '없음' ? '' : '2019-12-31',
      상태: past && repeat === '없음' ? '완료' : r.chance(0.5) ? '확정' : '예정',
      관련업무: String(r.int(1, size)),
      결과: past && repeat === '없음' ? '결과 보고 완료' : '',
    });
  }

  return {
    [SHEET.settings]: settingsRows(org),
    [SHEET.functions]: sheet(SHEET.functions, functions),
    [SHEET.staff]: sheet(SHEET.staff, staff),
    [SHEET.budget]: sheet(SHEET.budget, budget),
    [SHEET.ledger]: sheet(SHEET.ledger, ledger.map(ledgerRecord)),
    [SHEET.tasks]: sheet(SHEET.tasks, tasks),
    [SHEET.schedule]: sheet(SHEET.schedule, events),
    [SHEET.log]: sheet(SHEET.log, []),
  };
}
