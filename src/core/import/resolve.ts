/**
 * A record's 과목 (from 비목, else from the words of Seoul's `title`, else the user's --item) and
 * its 결제방법, or why the row cannot be filed. Pure.
 */
import { PAYMENT_METHODS } from '../sheets';
import { itemsFromTitle, matchItem, type BudgetName } from './items';
import { normalizePayment } from './normalize';

/** Why a row was rejected, for the summary's counts (a row may have several). */
export type ReasonCode =
  | 'date-blank'
  | 'date-unreadable'
  | 'date-future'
  | 'date-old'
  | 'amount-unreadable'
  | 'amount-zero'
  | 'amount-limit'
  | 'purpose-number'
  | 'item-blank'
  | 'item-unknown'
  | 'item-ambiguous'
  | 'item-payment';

export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = {
  'date-blank': '사용일 없음',
  'date-unreadable': '사용일을 읽을 수 없음',
  'date-future': '사용일이 가져오는 날보다 뒤',
  'date-old': '사용일이 너무 오래됨',
  'amount-unreadable': '사용금액을 읽을 수 없음',
  'amount-zero': '사용금액 0원',
  'amount-limit': '사용금액이 1건 한도를 넘음',
  'purpose-number': '열이 밀린 행',
  'item-blank': '비목 없음',
  'item-unknown': '예산에 없는 비목',
  'item-ambiguous': '여러 과목에 맞는 비목',
  'item-payment': '비목 칸에 결제방법',
};

/** How to file rows without a usable 비목: the CLI flag and the sidebar's choice. */
export const ITEM_CHOICE_HINT = "--item 과목(사이드바에서는 '비목이 빈 행의 과목')으로 과목을 정해 다시 가져오세요";

export type Resolved =
  | {
      readonly item: string;
      readonly sourceItem: string;
      readonly payment: string;
      /** A warning for the row (a typo read as a 과목, a payment kept as written). */
      readonly note: string;
    }
  | { readonly reason: string; readonly code: ReasonCode };

interface ResolveOptions {
  readonly budgetItems: readonly (string | BudgetName)[];
  readonly defaultItem?: string;
}

const names = (opts: ResolveOptions): string =>
  opts.budgetItems.map((b) => (typeof b === 'string' ? b : b.name)).join(', ') || '없음';

/** 과목 from the words of a `title` ('… 업무추진비 - 기관운영 시책추진'), or why not. */
function fromTitle(title: string, opts: ResolveOptions): { item: string; sourceItem: string } | Resolved {
  const words = itemsFromTitle(title);
  const hits = [
    ...new Set(
      words.flatMap((w) => {
        const m = matchItem(w, opts.budgetItems);
        return 'item' in m ? [m.item] : [];
      }),
    ),
  ];
  const sourceItem = words.join(' ');
  if (hits.length === 1 && hits[0]) return { item: hits[0], sourceItem };
  // Filed by --item (the sidebar's choice), not by the file: no 비목 of the row's own, as for a blank
  // 비목, so the 과목 never tells this expense apart from the same one filed another way.
  if (opts.defaultItem) return { item: opts.defaultItem, sourceItem: '' };
  return hits.length
    ? { reason: `제목의 비목이 여러 개입니다 (${hits.join(', ')}): ${ITEM_CHOICE_HINT}`, code: 'item-ambiguous' }
    : { reason: `제목에서 비목을 찾지 못했습니다 ('${title}'): ${ITEM_CHOICE_HINT}`, code: 'item-blank' };
}

/**
 * The row's 과목 and 결제방법. 비목 and 결제방법 written in each other's column are swapped back.
 * A payment that is none of the dropdown's values is kept as written, with a warning.
 */
export function resolveItem(v: { item: string; payment: string; title: string }, opts: ResolveOptions): Resolved {
  let itemText = v.item;
  let paymentText = v.payment;
  if (
    itemText &&
    normalizePayment(itemText) &&
    paymentText &&
    !normalizePayment(paymentText) &&
    'item' in matchItem(paymentText, opts.budgetItems)
  ) {
    [itemText, paymentText] = [paymentText, itemText];
  }
  const notes: string[] = [];
  let item: string;
  let sourceItem = itemText;
  if (itemText) {
    const m = matchItem(itemText, opts.budgetItems);
    if ('ambiguous' in m) {
      return {
        reason: `비목 '${itemText}'이(가) 예산의 여러 과목에 맞습니다 (${m.ambiguous.join(', ')}): 예산 시트 '별칭' 열로 정하세요`,
        code: 'item-ambiguous',
      };
    }
    if ('none' in m) {
      if (normalizePayment(itemText)) {
        return {
          reason: `비목 칸에 결제방법('${itemText}')이 있습니다. 비목을 고쳐 다시 가져오거나 ${ITEM_CHOICE_HINT}`,
          code: 'item-payment',
        };
      }
      return {
        reason: `비목 '${itemText}'에 맞는 과목이 예산 시트에 없습니다 (있는 과목: ${names(opts)}). 같은 과목의 다른 이름이면 예산 시트의 '별칭' 열에 적으세요`,
        code: 'item-unknown',
      };
    }
    item = m.item;
    if (m.how === 'typo') notes.push(`비목 '${itemText}'을(를) 한 글자 다른 '${m.item}'(으)로 읽었습니다`);
  } else if (v.title) {
    const t = fromTitle(v.title, opts);
    if ('reason' in t) return t;
    item = t.item;
    sourceItem = t.sourceItem;
  } else if (opts.defaultItem) {
    item = opts.defaultItem;
  } else {
    return { reason: `비목이 비어 있습니다: ${ITEM_CHOICE_HINT}`, code: 'item-blank' };
  }
  let payment = '';
  if (paymentText) {
    const p = normalizePayment(paymentText);
    payment = p ?? paymentText;
    if (!p) notes.push(`결제방법 '${paymentText}'은(는) 목록(${PAYMENT_METHODS.join(', ')})에 없어 그대로 두었습니다`);
  }
  return { item, sourceItem, payment, note: notes.join('; ') };
}
