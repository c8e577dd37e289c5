/**
 * 비목 → 과목: which 예산 item a record's 비목 text means. An accountant steers it with the
 * optional 예산 column '별칭' (names that mean the item, e.g. '국시책, 부서시책').
 *
 * Tolerated: spaces anywhere ('시 책', '시책추진업 무추진비'), a leading budget code
 * ('203-03 시책추진업무추진비'), the '업무추진비' suffix written short, doubled or left out
 * ('시책', '시책업무추진비', '부서운영업 업무추진비', '시책업추비'), and one typo (one Hangul
 * letter (자모) added, left out or changed: '시챚' → 시책추진업무추진비) when exactly one item is
 * that close. Pure.
 */
import { normalizeText } from '../coerce';
import { cleanText } from '../text';

/** A 예산 과목 and the other names it goes by. */
export interface BudgetName {
  readonly name: string;
  readonly aliases?: readonly string[];
}

export type ItemMatch =
  | { readonly item: string; readonly how: 'exact' | 'alias' | 'stem' | 'typo' }
  | { readonly ambiguous: readonly string[] }
  | { readonly none: true };

const SUFFIX = '업무추진비';

/** Leading budget codes such as '203-01 ' in '203-01 기관운영업무추진비'. */
const CODE_PREFIX = /^[([]?\d{3}(?:-\d{2})*[)\]]?[\s.:]*/;

/**
 * The comparable form of an item name: no spaces or separators, no budget code, the suffix
 * written one way ('업 업무추진비', '업추비' → '업무추진비').
 */
export function itemKey(raw: string): string {
  return normalizeText(cleanText(raw))
    .replace(CODE_PREFIX, '')
    .replace(/[\s·ㆍ・.,\-_/]+/g, '')
    .replace(/업+무추진비$/, SUFFIX)
    .replace(/업추비$/, SUFFIX)
    .toLowerCase();
}

/** '시책추진업무추진비' → '시책추진'; '시책' → '시책'. */
const stemOf = (k: string): string => (k.endsWith(SUFFIX) && k.length > SUFFIX.length ? k.slice(0, -SUFFIX.length) : k);

/** Splits the 별칭 cell: commas, semicolons, middle dots of lists or line breaks. */
export function splitAliases(cell: string): string[] {
  return cleanText(cell)
    .split(/[,，、;；\n]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

// Hangul syllables → 자모 (initial, medial, final), so that one mistyped key is one edit.
const HANGUL_BASE = 0xac00;
const HANGUL_LAST = 0xd7a3;

/** A text as Hangul letters (자모) and other characters, for typo distances. */
export function letters(s: string): string[] {
  const out: string[] = [];
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= HANGUL_BASE && c <= HANGUL_LAST) {
      const i = c - HANGUL_BASE;
      out.push(`L${Math.floor(i / 588)}`, `V${Math.floor((i % 588) / 28)}`);
      if (i % 28) out.push(`T${i % 28}`);
    } else out.push(ch);
  }
  return out;
}

/** True when a and b are at most one insertion, deletion, substitution or swap apart. */
export function withinOneEdit(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: number, y: number): boolean => a.slice(x).join('\u0001') === b.slice(y).join('\u0001');
  if (a.length === b.length)
    return rest(i + 1, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
  return a.length > b.length ? rest(i + 1, i) : rest(i, i + 1);
}

interface Entry {
  readonly name: string;
  readonly key: string;
  readonly stem: string;
  readonly promotion: boolean;
  readonly aliasKeys: readonly string[];
}

const entriesCache = new WeakMap<readonly (string | BudgetName)[], Entry[]>();

function entriesOf(items: readonly (string | BudgetName)[]): Entry[] {
  const hit = entriesCache.get(items);
  if (hit) return hit;
  const out = items.map((it) => {
    const b = typeof it === 'string' ? { name: it } : it;
    const key = itemKey(b.name);
    const aliasKeys = (b.aliases ?? []).flatMap((a) => {
      const k = itemKey(a);
      return k ? [k, stemOf(k)] : [];
    });
    return { name: b.name, key, stem: stemOf(key), promotion: key.endsWith(SUFFIX), aliasKeys };
  });
  entriesCache.set(items, out);
  return out;
}

const one = (hits: readonly Entry[], how: 'exact' | 'alias' | 'stem' | 'typo'): ItemMatch | null => {
  const names = [...new Set(hits.map((h) => h.name))];
  if (names.length === 1 && names[0] !== undefined) return { item: names[0], how };
  if (names.length > 1) return { ambiguous: names };
  return null;
};

/**
 * The 과목 a 비목 text means, in this order: its name (spaces, code and suffix forms ignored);
 * one of its 별칭; the one 업무추진비 item whose stem starts with the text's stem ('기관' →
 * 기관운영업무추진비), or the one item whose name starts with the text; one typo away from a
 * name, an alias or the start of a stem. Stems shorter than two letters never match.
 */
export function matchItem(raw: string, items: readonly (string | BudgetName)[]): ItemMatch {
  const k = itemKey(raw);
  if (!k) return { none: true };
  const stem = stemOf(k);
  const entries = entriesOf(items);
  const exact = one(
    entries.filter((e) => e.key === k || (e.promotion && e.stem === stem)),
    'exact',
  );
  if (exact) return exact;
  const alias = one(
    entries.filter((e) => e.aliasKeys.includes(k) || e.aliasKeys.includes(stem)),
    'alias',
  );
  if (alias) return alias;
  if (stem.length < 2) return { none: true };
  const prefixed = entries.filter((e) => e.promotion && e.stem.startsWith(stem));
  const byStem = one(prefixed.length ? prefixed : entries.filter((e) => e.key.startsWith(k)), 'stem');
  if (byStem) return byStem;
  const typed = letters(stem);
  const near = entries.filter((e) => {
    const forms = [e.key, e.stem, ...e.aliasKeys];
    if (e.promotion)
      forms.push(...[-1, 0, 1].map((d) => e.stem.slice(0, stem.length + d)).filter((f) => f.length >= 2));
    return forms.some((f) => withinOneEdit(typed, letters(f)));
  });
  return one(near, 'typo') ?? { none: true };
}

/**
 * The 비목 of Seoul's open-data CSV, from the end of its `title`
 * ('2019년 9월 … 업무추진비 - 기관운영 시책추진 부서운영'): the words after the last ' - '.
 */
export function itemsFromTitle(title: string): string[] {
  const t = cleanText(title).trim();
  const i = t.lastIndexOf(' - ');
  if (i < 0) return [];
  return t
    .slice(i + 3)
    .split(/[\s,·/]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}
