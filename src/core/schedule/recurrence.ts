/**
 * Recurrence in schedule text: 매주, 매월 (1회 이상), 격월, 분기별, 반기, 매년, 수시, 주 2회, and the
 * "ongoing" words (연중 계속, 상시), in a whole cell or inside a line of the report.
 *
 * The office recurrence forms ('매주 월요일', '격주 수요일', '매월 둘째 주 목요일', '매월 마지막 주
 * 금요일', '분기별 첫째 주 월요일', with an end '~ 12월' / '10회') are read in ./rule.ts and expanded
 * into dates in ./series.ts; a whole cell of that form is a recurring schedule here too (in
 * words). The places a 반복 form reaches: ../eventSchema.ts (the cell and the row rules),
 * ../calendar/spec.ts (EventSpec.recurrence and its exceptions), ../calendar/ics.ts (RRULE,
 * EXDATE, RECURRENCE-ID), ../../gas/calendarApi.ts (the Calendar API's recurrence lines),
 * ../summary/occurrences.ts (the summary's dates) and the sidebar's 일정 form (suggestions).
 */
import { isPlainRule, parseRepeat, type RepeatRule } from './rule';
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
// The office forms ('매월 둘째 주 목요일 ~ 12월') as a schedule of the report: recurring, in words.

const FREQ_OF_RULE = (r: RepeatRule): Frequency => {
  if (r.freq === 'WEEKLY') return 'weekly';
  if (r.freq === 'YEARLY') return 'yearly';
  return r.interval === 2 ? 'bimonthly' : r.interval === 3 ? 'quarterly' : r.interval === 6 ? 'halfyearly' : 'monthly';
};

/** A whole cell in one of the 반복 forms with a day ('매월 둘째 주 목요일', '격주 수요일 10회'), or null. */
export function officeRuleSchedule(text: string): Schedule | null {
  const p = parseRepeat(text);
  if ('error' in p || !p.rule || (isPlainRule(p.rule) && !p.end)) return null;
  return { kind: 'recurring', text, freq: FREQ_OF_RULE(p.rule), rule: p.text };
}
