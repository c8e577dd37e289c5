/**
 * The sidebar's '집행내역 가져오기' card: the user picks a .csv, the browser decodes it (UTF-8 or
 * CP949) and sends the text to the `importRecords` server function. The card is built once and
 * kept across dashboard redraws, so a chosen file and the last result stay.
 */
import type { ImportView } from '../core/sidebar';
import { decodeCsvBytes, type CsvEncoding } from './decode';
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

function renderResult(box: HTMLElement, r: ImportView, encoding: CsvEncoding): void {
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
    h('p', { class: 'muted small', text: `파일: ${r.file} (${encoding}, 머리글 ${r.headerLine}줄)` }),
    h('p', { class: 'small import-mapping', text: `열 연결: ${r.mappingText || '(없음)'}` }),
  ]);
  if (r.byItem.length) {
    append(box, [
      h(
        'ul',
        { class: 'details' },
        r.byItem.map((b) => h('li', { text: `${b.item}: ${b.count}건, ${won(b.amount)}` })),
      ),
    ]);
  }
  if (r.rejections.length) {
    const more = r.rejected - r.rejections.length;
    append(box, [
      h('p', {
        class: 'small',
        text: r.dryRun ? '거부될 행 (고친 뒤 다시 가져오세요):' : "거부된 행 ('가져오기 오류' 시트에도 있습니다):",
      }),
      h(
        'ul',
        { class: 'details import-rejections' },
        r.rejections.map((j) => h('li', { text: `${j.line}줄: ${j.reason}` })),
      ),
      more > 0 ? h('p', { class: 'muted small', text: `… 외 ${more}건` }) : null,
    ]);
  }
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
  const dry = h('input', { type: 'checkbox', id: 'imp-dry', name: 'dryRun' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'imp-run', text: '가져오기' });
  const box = h('div', { class: 'result', id: 'imp-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'imp-file', text: '업무추진비 CSV 파일' }),
      file,
      h('p', { class: 'hint', id: 'imp-file-hint', text: '카드 내역·e-호조·공개 자료의 .csv (UTF-8 또는 CP949)' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'imp-dept', text: '부서 (선택)' }),
      dept,
      h('p', { class: 'hint', id: 'imp-dept-hint', text: '적으면 이 부서의 행만 가져옵니다' }),
    ),
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
        const { text, encoding } = decodeCsvBytes(await readBytes(chosen));
        const r = await deps.api.importRecords({
          text,
          fileName: chosen.name,
          ...(dept.value.trim() ? { dept: dept.value.trim() } : {}),
          dryRun,
        });
        return { r, encoding };
      })
      .then((out) => {
        if (!out) {
          box.className = 'result error';
          box.textContent = '가져오지 못했습니다.';
          return;
        }
        renderResult(box, out.r, out.encoding);
        deps.say(out.r.message, out.r.ok ? 'ok' : 'error');
        if (out.r.ok && !out.r.dryRun && out.r.imported > 0) deps.onImported();
      });
  });
  const id = 'imp-title';
  return h(
    'section',
    { class: 'card', id: 'import-card', 'aria-labelledby': id },
    h('h2', { id, text: '집행내역 가져오기' }),
    form,
  );
}
