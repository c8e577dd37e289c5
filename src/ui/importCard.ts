/**
 * The sidebar's '집행내역 가져오기' card: the user picks a .csv, the browser decodes it (UTF-8 or
 * CP949; UTF-16 and other files are refused with a message saying so) and sends the text to the
 * `importRecords` server function, with the same choices as the CLI: the year and month of
 * year-less dates (--year/--month), the 과목 for rows without 비목 (--item), a department
 * (--dept) and a dry run. The card is built once and kept across dashboard redraws, so a chosen
 * file and the last result stay; `setImportItems` refreshes the 과목 choices.
 */
import type { ImportView } from '../core/sidebar';
import { decodeCsvBytes, type DecodedCsv } from './decode';
import { append, clear, h } from './dom';
import { detailsList } from './form';
import type { Client } from './rpc';

/** Larger files are refused in the browser (the local preview's request limit is 20 MB). */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;

export interface ImportCardDeps {
  readonly api: Client;
  /** Runs a call with a busy button and a progress line (status.ts `busy`). */
  busy<T>(button: HTMLButtonElement | null, label: string | null, fn: () => Promise<T>): Promise<T | undefined>;
  say(message: string, kind?: 'info' | 'ok' | 'error'): void;
  /** Called after rows were written (the dashboard's figures changed). */
  onImported(): void;
}

function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(new Error('파일을 읽지 못했습니다.'));
    r.readAsArrayBuffer(file);
  });
}

const won = (n: number): string => `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}원`;

const lineList = (cls: string, items: readonly { line: number; reason: string }[]): HTMLElement =>
  detailsList(
    items.map((j) => `${j.line}줄: ${j.reason}`),
    cls,
  );

function renderLines(box: HTMLElement, r: Extract<ImportView, { ok: true }>): void {
  const groups: [string, string, readonly { line: number; reason: string }[], number][] = [
    [
      'import-rejections',
      r.dryRun ? '거부될 행 (고친 뒤 다시 가져오세요):' : "거부된 행 ('가져오기 오류' 시트에도 있습니다):",
      r.rejections,
      r.rejected,
    ],
    ['import-reviews', '확인할 행 (같은 날 같은 금액의 다른 행이 있습니다):', r.reviews, r.reviewCount],
    ['import-warnings', '경고 (가져왔지만 바뀌거나 그대로 둔 값):', r.warnings, r.warningCount],
  ];
  for (const [cls, title, items, total] of groups) {
    if (!items.length) continue;
    const more = total - items.length;
    append(box, [
      h('p', { class: 'small', text: title }),
      lineList(cls, items),
      more > 0 ? h('p', { class: 'muted small', text: `… 외 ${more}건` }) : null,
    ]);
  }
}

function renderResult(box: HTMLElement, r: ImportView, decoded: DecodedCsv): void {
  clear(box);
  box.className = `result ${r.ok ? 'ok' : 'error'}`;
  if (!r.ok) {
    append(box, [h('p', { text: r.message })]);
    if (r.details?.length) append(box, [detailsList(r.details)]);
    return;
  }
  append(box, [
    h('p', { class: 'import-summary', text: r.message }),
    h(
      'dl',
      { class: 'kv import-counts' },
      h('dt', { text: '읽음' }),
      h('dd', { 'data-count': 'read', text: `${r.read}건` }),
      h('dt', { text: r.dryRun ? '가져올 행' : '가져옴' }),
      h('dd', { 'data-count': 'imported', text: `${r.imported}건` }),
      h('dt', { text: '건너뜀' }),
      h('dd', { 'data-count': 'skipped', text: `${r.skipped}건` }),
      h('dt', { text: '거부' }),
      h('dd', { 'data-count': 'rejected', text: `${r.rejected}건` }),
    ),
    h('p', { class: 'muted small', text: `파일: ${r.file} (${decoded.encoding}, 머리글 ${r.headerLine}줄)` }),
    decoded.note ? h('p', { class: 'small neg import-note', text: decoded.note }) : null,
    h('p', { class: 'small import-mapping', text: `열 연결: ${r.mappingText || '(없음)'}` }),
  ]);
  if (r.details.length) {
    append(box, [detailsList(r.details, 'import-details')]);
  }
  if (r.byItem.length) {
    append(box, [detailsList(r.byItem.map((b) => `${b.item}: ${b.count}건, ${won(b.amount)}`))]);
  }
  renderLines(box, r);
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    control,
    hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null,
  );
}

/** The 과목 choices for rows without 비목 (the dashboard's 예산 items); the current choice stays. */
export function setImportItems(card: HTMLElement, names: readonly string[]): void {
  const sel = card.querySelector<HTMLSelectElement>('#imp-item');
  if (!sel) return;
  const keep = sel.value;
  clear(sel);
  sel.appendChild(h('option', { value: '', text: '(가져오지 않고 거부)' }));
  for (const n of names) sel.appendChild(h('option', { value: n, text: n }));
  sel.value = names.includes(keep) ? keep : '';
}

/** The request's options from the form: blank fields are left out (old requests stay valid). */
function options(els: {
  dept: HTMLInputElement;
  item: HTMLSelectElement;
  year: HTMLInputElement;
  month: HTMLSelectElement;
}): {
  dept?: string;
  item?: string;
  year?: number;
  month?: number;
} {
  const y = els.year.value.trim();
  return {
    ...(els.dept.value.trim() ? { dept: els.dept.value.trim() } : {}),
    ...(els.item.value ? { item: els.item.value } : {}),
    ...(/^\d{4}$/.test(y) ? { year: Number(y) } : {}),
    ...(els.month.value ? { month: Number(els.month.value) } : {}),
  };
}

export function importCard(deps: ImportCardDeps): HTMLElement {
  const file = h('input', {
    type: 'file',
    id: 'imp-file',
    name: 'file',
    accept: '.csv,text/csv',
    'aria-describedby': 'imp-file-hint',
  });
  const dept = h('input', {
    type: 'text',
    id: 'imp-dept',
    name: 'dept',
    autocomplete: 'off',
    'aria-describedby': 'imp-dept-hint',
  });
  const year = h('input', {
    type: 'number',
    id: 'imp-year',
    name: 'year',
    min: 2000,
    max: 2100,
    inputmode: 'numeric',
    placeholder: '파일에서',
    'aria-describedby': 'imp-year-hint',
  });
  const month = h('select', { id: 'imp-month', name: 'month' }, h('option', { value: '', text: '파일에서' }));
  for (let m = 1; m <= 12; m++) month.appendChild(h('option', { value: String(m), text: `${m}월` }));
  const item = h('select', { id: 'imp-item', name: 'item', 'aria-describedby': 'imp-item-hint' });
  const dry = h('input', { type: 'checkbox', id: 'imp-dry', name: 'dryRun' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'imp-run', text: '가져오기' });
  const box = h('div', { class: 'result', id: 'imp-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { novalidate: true },
    field('imp-file', '업무추진비 CSV 파일', file, '카드 내역·e-호조·공개 자료의 .csv (UTF-8 또는 CP949)'),
    field(
      'imp-year',
      '연도 (선택)',
      year,
      '연도 없는 날짜(3.10.)의 연도. 비우면 제목 행·파일 이름·회계연도에서 찾습니다',
    ),
    field('imp-month', '월 (선택)', month),
    field('imp-item', '비목이 빈 행의 과목', item, '비목 칸이 빈 행을 이 과목으로 가져옵니다'),
    field('imp-dept', '부서 (선택)', dept, '적으면 이 부서의 행만 가져옵니다'),
    h('div', { class: 'switch' }, dry, h('label', { for: 'imp-dry', text: '미리 확인(저장 안 함)' })),
    h('div', { class: 'actions import-actions' }, submit),
    box,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      deps.say('가져올 .csv 파일을 고르세요.', 'error');
      file.focus();
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      deps.say(`파일이 너무 큽니다 (${Math.round(MAX_FILE_BYTES / 1024 / 1024)}MB까지). 나누어 가져오세요.`, 'error');
      return;
    }
    const dryRun = dry.checked;
    clear(box);
    box.className = 'result progress';
    append(box, [h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' 가져오는 중…']);
    void deps
      .busy(submit, dryRun ? '확인하는 중…' : '가져오는 중…', async () => {
        let decoded: DecodedCsv;
        try {
          decoded = decodeCsvBytes(await readBytes(chosen));
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          return { r: { ok: false, message } as ImportView, decoded: { text: '', encoding: 'UTF-8' } as DecodedCsv };
        }
        const r = await deps.api.importRecords({
          text: decoded.text,
          fileName: chosen.name,
          encoding: decoded.encoding,
          ...options({ dept, item, year, month }),
          dryRun,
        });
        return { r, decoded };
      })
      .then((out) => {
        if (!out) {
          box.className = 'result error';
          box.textContent = '가져오지 못했습니다.';
          return;
        }
        renderResult(box, out.r, out.decoded);
        deps.say(out.r.message, out.r.ok ? 'ok' : 'error');
        if (out.r.ok && !out.r.dryRun && out.r.imported > 0) deps.onImported();
      });
  });
  const id = 'imp-title';
  setImportItems(form, []);
  return h(
    'section',
    { class: 'card', id: 'import-card', 'aria-labelledby': id },
    h('h2', { id, text: '집행내역 가져오기' }),
    form,
  );
}
