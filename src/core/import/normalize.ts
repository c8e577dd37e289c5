/**
 * Normalising the values of 업무추진비 records as offices and districts publish them:
 * 비목 variants to the 예산 sheet's 과목, payment methods, dates with times in them.
 * Pure; no Node or Apps Script globals.
 */
import { normalizeText, toText } from '../coerce';
import type { PAYMENT_METHODS } from '../sheets';

type Payment = (typeof PAYMENT_METHODS)[number];

const squash = (s: string): string => normalizeText(s).replace(/\s+/g, '');

/** Leading budget codes such as '203-01 ' in '203-01 기관운영업무추진비'. */
const CODE_PREFIX = /^\(?\d{3}(?:-\d{2})*\)?[\s.]*/;
const SUFFIX = '업무추진비';

/** '시책추진업무추진비' → '시책추진'; '시책' → '시책'. */
const core = (k: string): string => (k.endsWith(SUFFIX) && k.length > SUFFIX.length ? k.slice(0, -SUFFIX.length) : k);

export type ItemMatch = { readonly item: string } | { readonly ambiguous: readonly string[] } | { readonly none: true };

/**
 * Finds the 예산 과목 that a 비목 text means: an exact name (spaces ignored), or the one
 * 업무추진비 과목 whose stem starts with the text's stem ('시책', '시 책', '시책추진',
 * '시책업무추진비', '시책추진업 무추진비' → 시책추진업무추진비; '기관' → 기관운영업무추진비;
 * '부서' → 부서운영업무추진비), or the one 과목 that starts with the text. Stems shorter than two
 * letters never match.
 */
export function matchItem(raw: string, budgetItems: readonly string[]): ItemMatch {
  const k = squash(raw).replace(CODE_PREFIX, '');
  if (!k) return { none: true };
  const names = budgetItems.map((n) => ({ n, k: squash(n) }));
  const exact = names.find((x) => x.k === k);
  if (exact) return { item: exact.n };
  const stem = core(k);
  if (stem.length < 2) return { none: true };
  let hits = names.filter((x) => x.k.endsWith(SUFFIX) && core(x.k).startsWith(stem));
  if (!hits.length) hits = names.filter((x) => x.k.startsWith(k));
  if (hits.length === 1 && hits[0]) return { item: hits[0].n };
  if (hits.length > 1) return { ambiguous: hits.map((h) => h.n) };
  return { none: true };
}

/**
 * The 비목 of Seoul's open-data CSV, from the end of its `title`
 * ('2019년 9월 … 업무추진비 - 기관운영 시책추진 부서운영'): the words after the last ' - '.
 */
export function itemsFromTitle(title: string): string[] {
  const t = toText(title);
  const i = t.lastIndexOf(' - ');
  if (i < 0) return [];
  return t
    .slice(i + 3)
    .split(/[\s,·/]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/**
 * A payment method written as records write it ('제로', '페이', '법인카드 결제 후 정산',
 * '신용카드', '카드,제로페이' …) → one of PAYMENT_METHODS, or null when it is not one.
 */
export function normalizePayment(raw: string): Payment | null {
  const k = squash(raw).toLowerCase();
  if (!k) return null;
  const zero = /제로|페이|zeropay/.test(k);
  const card = /카드|card/.test(k);
  if (zero && card) return '기타';
  if (zero) return '제로페이';
  if (card) return '카드';
  if (/현금|cash/.test(k)) return '현금';
  if (/계좌|이체/.test(k)) return '계좌이체';
  if (k === '기타') return '기타';
  return null;
}

/** The time written inside a date cell ('20251210 12:20', '2019-09-30 20:24:10'), or null. */
export function timeInDate(raw: string): string | null {
  const m = /\s(\d{1,2}:\d{2})(?::\d{2})?$/.exec(normalizeText(raw));
  return m ? (m[1] ?? null) : null;
}

/** Text used as a department filter matches when it is part of the department (spaces ignored). */
export function deptMatches(dept: string, filter: string): boolean {
  const f = squash(filter);
  return !f || squash(dept).includes(f);
}

/**
 * cyrb53: a fast 53-bit string hash (public domain, bryc). Used for import keys, not for
 * security: collisions only matter between rows of one ledger.
 */
export function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
