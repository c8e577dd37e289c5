/**
 * Recurrence in schedule text: 매주, 매월 (1회 이상), 격월, 분기별, 반기, 매년, 수시, 주 2회, and the
 * "ongoing" words (연중 계속, 상시), in a whole cell or inside a line of the report.
 *
 * This is the room for the office recurrence forms ('매주 월요일', '격주 수요일', '매월 둘째 주
 * 목요일', '매월 마지막 주 금요일', '분기별 첫째 주 월요일', with an end '~ 12월' / '10회'):
 * their words are read here. The calendar side of a recurrence is the 반복 column's rule
 * (REPEAT_RULES below → EventSpec.recurrence); it is turned into an RRULE in
 * ../calendar/ics.ts, into CalendarApp rules in ../../gas/calendar.ts, and into dates in
 * ../summary/occurrences.ts — the places a new form must reach.
 */
import type { LocalDate } from '../dates';
import type { Found, Frequency, Schedule } from './types';

const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  weekly: '매주',
  monthly: '매월',
  bimonthly: '격월',
  quarterly: '분기별',
  halfyearly: '반기별',
  yearly: '매년',
  asNeeded: '수시',
};

/** '매월', '격월', '수시' … */
export function frequencyLabel(f: Frequency): string {
  return FREQUENCY_LABELS[f];
}

const RECURRING_WORDS: ReadonlyArray<readonly [string, Frequency]> = [
  ['매주', 'weekly'],
  ['매월', 'monthly'],
  ['매달', 'monthly'],
  ['격월', 'bimonthly'],
  ['매분기', 'quarterly'],
  ['분기별', 'quarterly'],
  ['분기', 'quarterly'],
  ['매반기', 'halfyearly'],
  ['반기별', 'halfyearly'],
  ['반기', 'halfyearly'],
  ['매년', 'yearly'],
  ['연례', 'yearly'],
  ['수시', 'asNeeded'],
];
const PER_UNIT: Readonly<Record<string, Frequency>> = {
  주: 'weekly',
  월: 'monthly',
  분기: 'quarterly',
  반기: 'halfyearly',
  연: 'yearly',
  년: 'yearly',
};
const ONGOING_WORDS = new Set(['연중계속', '연중상시', '연중', '상시', '계속']);

const COUNT_SUFFIX = '(?:\\d+회(?:이상|이내|내외|정도)?)?';
const RECURRING_RE = new RegExp(`^(${RECURRING_WORDS.map(([w]) => w).join('|')})${COUNT_SUFFIX}$`);
const PER_UNIT_RE = /^(주|월|분기|반기|연|년)\d+회(?:이상|이내|내외|정도)?$/;

/** A keyword schedule from text without spaces, or null. */
export function keywordSchedule(compact: string, text: string): Schedule | null {
  if (ONGOING_WORDS.has(compact)) return { kind: 'ongoing', text };
  const r = RECURRING_RE.exec(compact);
  if (r) {
    const freq = RECURRING_WORDS.find(([w]) => w === r[1])?.[1];
    return freq ? { kind: 'recurring', text, freq } : null;
  }
  const u = PER_UNIT_RE.exec(compact);
  const freq = u ? PER_UNIT[u[1] ?? ''] : undefined;
  return freq ? { kind: 'recurring', text, freq } : null;
}

const KEYWORD_ALTERNATIVES =
  '연중\\s*계속|연중\\s*상시|매분기|분기별|매반기|반기별|매주|매월|매달|격월|매년|연례|수시|상시|연중|계속|분기|반기';
const KEYWORD_BODY =
  `(?:(?:${KEYWORD_ALTERNATIVES})|(?:주|월|분기|반기|연)\\s*(?=\\d))` +
  '(?:\\s*\\d+\\s*회(?:\\s*(?:이상|이내|내외|정도))?)?';
/** '(수시)', '(매월 1회)' */
const KEYWORD_IN_PARENS = new RegExp(`\\(\\s*(${KEYWORD_BODY})\\s*\\)`, 'dg');
/** '… : 연중 계속', '운영주기 : 매월 1회 이상 개최' */
const KEYWORD_AFTER_COLON = new RegExp(`:\\s*(${KEYWORD_BODY})(?![가-힣A-Za-z0-9])`, 'dg');
/** '연중 계속' anywhere. */
const KEYWORD_ANYWHERE = /(연중\s*(?:계속|상시))/dg;

export function keywordMatches(s: string, original: string): Found[] {
  const found: Found[] = [];
  for (const re of [KEYWORD_IN_PARENS, KEYWORD_AFTER_COLON, KEYWORD_ANYWHERE]) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      const span = m.indices?.[1];
      if (!span) continue;
      const [start, end] = span;
      const text = original.slice(start, end);
      const schedule = keywordSchedule(s.slice(start, end).replace(/\s+/g, ''), text);
      if (schedule) found.push({ start, end, schedule });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The 반복 column's rule: what the calendar repeats (EventSpec.recurrence, the RRULE).

/** FREQ of the rule. */
export type RuleFrequency = 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface Recurrence {
  readonly freq: RuleFrequency;
  readonly interval: number;
  /** Last day (inclusive, Seoul) an occurrence may start on; null = no end. */
  readonly until: LocalDate | null;
}

/** 반복 → recurrence rule ('없음' → null). */
export const REPEAT_RULES: Readonly<Record<string, { freq: RuleFrequency; interval: number } | null>> = {
  없음: null,
  매주: { freq: 'WEEKLY', interval: 1 },
  매월: { freq: 'MONTHLY', interval: 1 },
  격월: { freq: 'MONTHLY', interval: 2 },
  분기: { freq: 'MONTHLY', interval: 3 },
  매년: { freq: 'YEARLY', interval: 1 },
};
