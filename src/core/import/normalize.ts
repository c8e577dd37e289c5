/**
 * Normalising the values of 업무추진비 records as offices and districts publish them: text
 * cleaning, payment methods, the place when 식당명 is longer, department filters. Pure.
 */
import { normalizeText, toText, type Cell } from '../coerce';
import type { PAYMENT_METHODS } from '../sheets';
import { cleanText, unsafeCharacters } from '../text';
import { letters, withinOneEdit } from './items';

type Payment = (typeof PAYMENT_METHODS)[number];

const squash = (s: string): string => normalizeText(s).replace(/\s+/g, '');

/**
 * A cell's text as it goes into 집행내역: the one cleaning step `cleanText` (XML-illegal characters
 * removed, separators between words turned into a space), trimmed; `multiline` keeps line breaks
 * (사용목적), otherwise every run of spaces and line breaks is one space. `removed` lists what
 * cleanText took out ('U+0000'), for the row's warning.
 */
export function cleanCell(v: Cell, multiline = false): { text: string; removed: string[] } {
  const raw = toText(v);
  const removed = unsafeCharacters(raw);
  const clean = cleanText(raw);
  const text = multiline
    ? clean
        .split('\n')
        .map((l) => l.replace(/[ \t\u00A0\u3000]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{2,}/g, '\n')
        .trim()
    : clean.replace(/[\s\u00A0\u3000]+/g, ' ').trim();
  return { text, removed };
}

// Words of the payment column → the 결제방법 dropdown, for one-typo matching ('법인키드').
const PAYMENT_WORDS: readonly (readonly [string, Payment])[] = [
  ['카드', '카드'],
  ['법인카드', '카드'],
  ['신용카드', '카드'],
  ['체크카드', '카드'],
  ['클린카드', '카드'],
  ['제로페이', '제로페이'],
  ['현금', '현금'],
  ['계좌이체', '계좌이체'],
];

/**
 * A payment method written as records write it ('제로', '페이', '법인카드 결제 후 정산',
 * '신용카드', '법인', '법인키드', '카드,제로페이' …) → one of PAYMENT_METHODS, or null when it is
 * not one ('개별지급', a shop's name): the caller keeps such text with a warning.
 */
export function normalizePayment(raw: string): Payment | null {
  const k = squash(cleanText(raw)).toLowerCase();
  if (!k) return null;
  const zero = /제로|페이|zeropay/.test(k);
  const card = /카드|card/.test(k);
  if (zero && card) return '기타';
  if (zero) return '제로페이';
  if (card) return '카드';
  if (/현금|cash/.test(k)) return '현금';
  if (/계좌|이체/.test(k)) return '계좌이체';
  if (k === '기타') return '기타';
  // '법인' alone is the office's card (법인카드).
  if (k === '법인' || k === '법인결제') return '카드';
  const typed = letters(k);
  const near = new Set(PAYMENT_WORDS.filter(([w]) => withinOneEdit(typed, letters(w))).map(([, p]) => p));
  return near.size === 1 ? ([...near][0] ?? null) : null;
}

/** Text used as a department filter matches when it is part of the department (spaces ignored). */
export function deptMatches(dept: string, filter: string): boolean {
  const f = squash(filter);
  return !f || squash(dept).includes(f);
}

/**
 * 사용장소, or the file's 식당명 when that is the same name written out longer ('서대문안동집((주)'
 * cut short, '서대문안동집((주))' in 식당명); a blank 사용장소 takes 식당명.
 */
export function fullPlace(place: string, shop: string): string {
  if (!shop) return place;
  if (!place) return shop;
  const p = squash(place);
  const s = squash(shop);
  return s.length > p.length && s.startsWith(p) ? shop : place;
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
