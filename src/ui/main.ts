/**
 * The sidebar: dashboard, actions, the 일정 form and settings. Plain DOM; every value that comes
 * from the workbook is put on the page with textContent (see dom.ts), never as HTML.
 */
import type {
  ActionName,
  ActionResult,
  BudgetBar,
  Dashboard,
  DeadlineItem,
  EventFormData,
  SaveResult,
  SettingsData,
} from '../core/sidebar';
import type { EventFormKey, EventFormValues } from '../core/eventSchema';
import { append, byId, clear, h, uid } from './dom';
import { importCard } from './importCard';
import { createClient } from './rpc';
import { SETTING_CONTROLS } from './settingControls';

const api = createClient();

// ---------------------------------------------------------------------------------------------
// Status line and busy state

/** A failed answer's message with its details on the following lines. */
function messageOf(r: { readonly message: string; readonly details?: readonly string[] }): string {
  return [r.message, ...(r.details ?? [])].join('\n');
}

function say(message: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const el = byId('status');
  el.className = `status ${kind}`;
  el.textContent = message;
}

/** Runs a server call with a busy button and a progress line; `label` null = a quiet background call. */
async function busy<T>(
  button: HTMLButtonElement | null,
  label: string | null,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  const old = button?.textContent ?? '';
  if (button && label) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = label;
  }
  if (label) say(label);
  try {
    return await fn();
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), 'error');
    return undefined;
  } finally {
    if (button && label) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = old;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Tabs

function showPanel(id: string): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    const on = b.dataset.panel === id;
    b.setAttribute('aria-pressed', String(on));
    byId(b.dataset.panel ?? '').hidden = !on;
  }
  if (id === 'panel-dash') void loadDashboard();
  if (id === 'panel-event') void loadEventForm();
  if (id === 'panel-settings') void loadSettings();
}

// ---------------------------------------------------------------------------------------------
// Dashboard

function section(title: string, ...body: (Node | null | false)[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id, text: title }), ...body);
}

function bar(b: BudgetBar, elapsed: number, elapsedText: string): HTMLElement {
  const pct = b.rate === null ? 0 : Math.min(100, b.rate * 100);
  const fill = h('div', { class: `fill${b.ahead ? ' ahead' : ''}` });
  fill.style.width = `${pct.toFixed(1)}%`;
  const marker = h('div', { class: 'marker', title: `경과율 ${elapsedText}` });
  marker.style.left = `${Math.min(100, elapsed * 100).toFixed(1)}%`;
  return h(
    'li',
    { class: 'bar' },
    h(
      'div',
      { class: 'bar-head' },
      h('span', { class: 'name', text: b.name }),
      h('span', { class: 'rate', text: b.rateText }),
    ),
    h(
      'div',
      {
        class: 'track',
        role: 'img',
        'aria-label': `${b.name} 집행률 ${b.rateText}, 경과율 ${elapsedText}`,
      },
      fill,
      marker,
    ),
    h('div', {
      class: `bar-foot muted${b.flag ? ' neg' : ''}`,
      text: `${b.spentText} / ${b.budgetText} · 경과율 대비 ${b.paceText}`,
    }),
  );
}

function deadlineLi(d: DeadlineItem, overdue: boolean): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: `badge${overdue ? ' late' : ''}`, text: d.badge }),
    ' ',
    h('span', { text: d.text }),
    h('div', {
      class: 'muted small',
      text: `${d.scheduleText} · 업무 ${d.taskNo}${d.owner ? ` · ${d.owner}` : ''}${d.status ? ` · ${d.status}` : ''}`,
    }),
  );
}

function renderActionResult(box: HTMLElement, r: ActionResult): void {
  clear(box);
  box.className = `result ${r.ok ? 'ok' : 'error'}`;
  append(box, [h('p', { text: r.message })]);
  if (r.details?.length)
    append(box, [
      h(
        'ul',
        { class: 'details' },
        r.details.map((d) => h('li', { text: d })),
      ),
    ]);
  if (r.link) {
    append(box, [
      h(
        'p',
        {},
        h('a', { href: safeUrl(r.link.url), target: '_blank', rel: 'noopener noreferrer', text: r.link.title }),
      ),
    ]);
  }
  if (r.html !== undefined) {
    const frame = h('iframe', { class: 'preview', title: '주간 요약 미리보기', sandbox: '' });
    frame.srcdoc = r.html;
    append(box, [frame]);
  }
}

/** Only http(s) and relative links become hrefs; anything else (javascript:, data:) is dropped. */
function safeUrl(url: string): string {
  return /^(https?:\/\/|\/)/i.test(url) ? url : '#';
}

/** The last action's result, kept when the dashboard is redrawn. */
let lastResult: ActionResult | null = null;

async function runAction(name: ActionName, label: string, button: HTMLButtonElement, box: HTMLElement): Promise<void> {
  clear(box);
  box.className = 'result progress';
  append(box, [h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` ${label} 실행 중…`]);
  const r = await busy(button, `${label}…`, () => api.runAction(name));
  if (!r) {
    box.className = 'result error';
    box.textContent = byId('status').textContent ?? '실패했습니다.';
    return;
  }
  lastResult = r;
  renderActionResult(box, r);
  say(r.message, r.ok ? 'ok' : 'error');
  // The dashboard is redrawn (e.g. the new report link); the result stays shown.
  if (r.ok && name !== 'summaryPreview') void loadDashboard(false);
}

/** The import card, built once and re-attached on every redraw (keeps the chosen file and result). */
let importSection: HTMLElement | null = null;

function renderDashboard(d: Dashboard): void {
  byId('org').textContent = `${d.orgName || '(기관명 없음)'} · ${d.refLabel}`;
  const panel = byId('panel-dash');
  clear(panel);

  // Actions
  const resultBox = h('div', { class: 'result', 'aria-live': 'polite' });
  if (lastResult) renderActionResult(resultBox, lastResult);
  const actionButtons = d.actions.map((a) => {
    const b = h('button', { type: 'button', class: 'action', 'data-action': a.name, text: a.label });
    b.addEventListener('click', () => void runAction(a.name, a.label, b, resultBox));
    return b;
  });
  panel.appendChild(
    section(
      '작업',
      actionButtons.length
        ? h('div', { class: 'actions' }, actionButtons)
        : h('p', { class: 'muted', text: '이 환경에서 쓸 수 있는 작업이 없습니다.' }),
      resultBox,
    ),
  );

  // 집행내역 가져오기
  importSection ??= importCard({ api, busy, say, onImported: () => void loadDashboard(false) });
  panel.appendChild(importSection);

  // Report link
  panel.appendChild(
    section(
      '최근 업무보고',
      d.report
        ? h(
            'p',
            {},
            h('a', { href: safeUrl(d.report.url), target: '_blank', rel: 'noopener noreferrer', text: d.report.name }),
            h('span', { class: 'muted small', text: d.report.at ? ` (${d.report.at})` : '' }),
          )
        : h('p', { class: 'muted', text: '아직 만든 업무보고가 없습니다.' }),
    ),
  );

  // Budget
  panel.appendChild(
    section(
      `예산 집행률 (단위: ${d.unit})`,
      ...d.budget.notes.map((n) => h('p', { class: 'small neg', role: 'note', text: n })),
      h('p', {
        class: 'muted small',
        text: `경과율 ${d.elapsed.rateText} (${d.elapsed.days}/${d.elapsed.total}일) — 세로선`,
      }),
      h(
        'ul',
        { class: 'bars' },
        d.budget.bars.map((b) => bar(b, d.elapsed.rate, d.elapsed.rateText)),
        d.budget.bars.length > 1 ? bar(d.budget.total, d.elapsed.rate, d.elapsed.rateText) : null,
      ),
    ),
  );

  // Staffing
  panel.appendChild(
    section(
      '인력',
      h(
        'dl',
        { class: 'kv' },
        h('dt', { text: '정원' }),
        h('dd', { text: `${d.staffing.quota}명` }),
        h('dt', { text: '현원' }),
        h('dd', { text: `${d.staffing.current}명` }),
        h('dt', { text: '과부족' }),
        h('dd', { class: d.staffing.diff < 0 ? 'neg' : d.staffing.diff > 0 ? 'pos' : '', text: d.staffing.diffText }),
      ),
      d.staffing.gaps.length
        ? h(
            'ul',
            { class: 'plain small' },
            d.staffing.gaps.map((g) => h('li', { text: `${g.label}: ${g.diffText}` })),
          )
        : null,
    ),
  );

  // Week
  panel.appendChild(
    section(
      `이번 주 일정 (${d.week.label})`,
      d.week.items.length
        ? h(
            'ul',
            { class: 'week' },
            d.week.items.map((i) =>
              h(
                'li',
                { class: i.status === '완료' ? 'done' : '' },
                h('div', { class: 'when', text: `${i.dayText} ${i.time}` }),
                h(
                  'div',
                  { class: 'what' },
                  h('span', { class: 'tag', text: i.type }),
                  ' ',
                  h('span', { class: 'title', text: i.title }),
                ),
                i.place || i.recurring
                  ? h('div', {
                      class: 'muted small',
                      text: [i.place, i.recurring ? '반복' : ''].filter(Boolean).join(' · '),
                    })
                  : null,
              ),
            ),
          )
        : h('p', { class: 'muted', text: '이번 주 일정이 없습니다.' }),
    ),
  );

  // Deadlines
  const { upcoming, overdue } = d.deadlines;
  panel.appendChild(
    section(
      '다가오는 업무 (14일 이내 · 기한 지난 것)',
      overdue.length
        ? h(
            'ul',
            { class: 'deadlines' },
            overdue.map((x) => deadlineLi(x, true)),
          )
        : null,
      upcoming.length
        ? h(
            'ul',
            { class: 'deadlines' },
            upcoming.map((x) => deadlineLi(x, false)),
          )
        : null,
      !overdue.length && !upcoming.length ? h('p', { class: 'muted', text: '가까운 마감이 없습니다.' }) : null,
    ),
  );

  // Problems
  const pc = d.problemCounts;
  panel.appendChild(
    section(
      `입력 검사 (오류 ${pc.errors} · 경고 ${pc.warnings})`,
      d.problems.length
        ? h(
            'ul',
            { class: 'problems' },
            d.problems.map((p) => {
              const b = h(
                'button',
                {
                  type: 'button',
                  class: `problem ${p.severity}`,
                  'aria-label': `${p.severity === 'error' ? '오류' : '경고'} ${p.where}${p.column ? ` ${p.column}` : ''}: ${p.message}`,
                },
                h('span', { class: 'where', text: `${p.severity === 'error' ? '오류' : '경고'} ${p.where}` }),
                h('span', { class: 'msg', text: p.message }),
              );
              b.addEventListener('click', () => {
                void busy(null, `${p.where}로 이동하는 중…`, async () => {
                  const r = await api.selectIssue(p.sheet, p.a1);
                  say(messageOf(r), r.ok ? 'ok' : 'error');
                });
              });
              return h('li', {}, b);
            }),
          )
        : h('p', { class: 'muted', text: '문제가 없습니다.' }),
      pc.errors + pc.warnings > pc.shown
        ? h('p', { class: 'muted small', text: `… 외 ${pc.errors + pc.warnings - pc.shown}건` })
        : null,
    ),
  );

  const refresh = h('button', { type: 'button', class: 'secondary', text: '새로 고침' });
  refresh.addEventListener('click', () => void loadDashboard());
  panel.appendChild(h('p', { class: 'footer' }, refresh));
}

async function loadDashboard(announce = true): Promise<void> {
  const d = await busy(null, announce ? '현황을 불러오는 중…' : null, () => api.getDashboard());
  if (!d) return;
  renderDashboard(d);
  if (announce) say('현황을 불러왔습니다.', 'ok');
}

// ---------------------------------------------------------------------------------------------
// 일정 form

const EVENT_LABELS: Record<EventFormKey, string> = {
  date: '일자',
  start: '시작',
  end: '종료',
  type: '유형',
  title: '제목',
  theme: '테마',
  place: '장소',
  district: '자치구',
  attendees: '참석자',
  repeat: '반복',
  repeatUntil: '반복종료',
  status: '상태',
  relatedTask: '관련업무',
  result: '결과',
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FieldUi {
  readonly wrap: HTMLElement;
  readonly control: Control;
  readonly error: HTMLElement;
}

function fieldUi(
  prefix: string,
  key: string,
  label: string,
  control: Control,
  opts: { hint?: string; required?: boolean } = {},
): FieldUi {
  const id = `${prefix}-${key.replace(/\s+/g, '_')}`;
  control.id = id;
  control.name = key;
  const errId = `${id}-err`;
  const hintId = opts.hint ? `${id}-hint` : '';
  control.setAttribute('aria-describedby', [errId, hintId].filter(Boolean).join(' '));
  if (opts.required) control.setAttribute('aria-required', 'true');
  const error = h('p', { class: 'field-error', id: errId });
  const wrap = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      label,
      opts.required ? h('span', { class: 'req', 'aria-hidden': 'true', text: ' *' }) : null,
    ),
    control,
    opts.hint ? h('p', { class: 'hint', id: hintId, text: opts.hint }) : null,
    error,
  );
  return { wrap, control, error };
}

function select(options: readonly string[], blank?: string): HTMLSelectElement {
  const s = h('select', {});
  if (blank !== undefined) s.appendChild(h('option', { value: '', text: blank }));
  for (const o of options) s.appendChild(h('option', { value: o, text: o }));
  return s;
}

function setFieldErrors(fields: Record<string, FieldUi>, errors: Readonly<Record<string, string>>): void {
  let first: Control | null = null;
  for (const [k, f] of Object.entries(fields)) {
    const msg = errors[k];
    f.error.textContent = msg ?? '';
    if (msg) {
      f.control.setAttribute('aria-invalid', 'true');
      first ??= f.control;
    } else f.control.removeAttribute('aria-invalid');
  }
  first?.focus();
}

function renderEventForm(data: EventFormData): void {
  const panel = byId('panel-event');
  clear(panel);
  const o = data.options;
  const fields: Record<EventFormKey, FieldUi> = {
    date: fieldUi('ev', 'date', EVENT_LABELS.date, h('input', { type: 'date' }), { required: true }),
    start: fieldUi('ev', 'start', EVENT_LABELS.start, h('input', { type: 'time' })),
    end: fieldUi('ev', 'end', EVENT_LABELS.end, h('input', { type: 'time' })),
    type: fieldUi('ev', 'type', EVENT_LABELS.type, select(o.types), { required: true }),
    title: fieldUi('ev', 'title', EVENT_LABELS.title, h('input', { type: 'text', autocomplete: 'off' }), {
      required: true,
    }),
    theme: fieldUi('ev', 'theme', EVENT_LABELS.theme, select(o.themes, '(없음)')),
    place: fieldUi('ev', 'place', EVENT_LABELS.place, h('input', { type: 'text', autocomplete: 'off' })),
    district: fieldUi('ev', 'district', EVENT_LABELS.district, select(o.districts, '(없음)')),
    attendees: fieldUi('ev', 'attendees', EVENT_LABELS.attendees, h('textarea', { rows: 2 }), {
      hint: '이름 또는 이메일, 쉼표로 구분 (예: 홍길동, 일정팀 <plan@example.go.kr>)',
    }),
    repeat: fieldUi('ev', 'repeat', EVENT_LABELS.repeat, select(o.repeats), { required: true }),
    repeatUntil: fieldUi('ev', 'repeatUntil', EVENT_LABELS.repeatUntil, h('input', { type: 'date' })),
    status: fieldUi('ev', 'status', EVENT_LABELS.status, select(o.statuses), { required: true }),
    relatedTask: fieldUi(
      'ev',
      'relatedTask',
      EVENT_LABELS.relatedTask,
      h('input', { type: 'text', autocomplete: 'off' }),
    ),
    result: fieldUi('ev', 'result', EVENT_LABELS.result, h('textarea', { rows: 2 })),
  };
  const pick = select(
    data.rows.map((r) => String(r.row)),
    '새 일정 추가',
  );
  // Show labels for the existing rows, keep the row number as value.
  Array.from(pick.options).forEach((opt, i) => {
    if (i > 0) opt.textContent = data.rows[i - 1]?.label ?? opt.value;
  });
  const pickUi = fieldUi('ev', 'row', '고칠 일정', pick);

  const fill = (v: EventFormValues): void => {
    for (const k of Object.keys(fields) as EventFormKey[]) fields[k].control.value = v[k];
    setFieldErrors(fields, {});
  };
  pick.addEventListener('change', () => {
    const row = data.rows.find((r) => String(r.row) === pick.value);
    fill(row ? row.values : data.blank);
    submit.textContent = row ? '일정 수정' : '일정 추가';
  });

  const submit = h('button', { type: 'submit', class: 'primary', text: '일정 추가' });
  const formMsg = h('p', { class: 'form-msg', id: 'ev-form-msg', role: 'alert' });
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': 'ev-form-msg' },
    pickUi.wrap,
    h('div', { class: 'row2' }, fields.date.wrap, fields.type.wrap),
    h('div', { class: 'row2' }, fields.start.wrap, fields.end.wrap),
    fields.title.wrap,
    h('div', { class: 'row2' }, fields.theme.wrap, fields.district.wrap),
    fields.place.wrap,
    fields.attendees.wrap,
    h('div', { class: 'row2' }, fields.repeat.wrap, fields.repeatUntil.wrap),
    h('div', { class: 'row2' }, fields.status.wrap, fields.relatedTask.wrap),
    fields.result.wrap,
    formMsg,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(
      (Object.keys(fields) as EventFormKey[]).map((k) => [k, fields[k].control.value]),
    ) as Record<EventFormKey, string>;
    // An edit sends the row's ref (hidden 키, 일자, 제목 as loaded) so the server finds the same row.
    const chosen = data.rows.find((r) => String(r.row) === pick.value);
    const input: EventFormValues & { ref?: (typeof data.rows)[number]['ref'] } = chosen
      ? { ...values, row: chosen.row, ref: chosen.ref }
      : { ...values, row: null };
    // Light checks here; the server checks everything with the sheet's own schema.
    const local: Record<string, string> = {};
    if (!input.date) local.date = '일자를 입력하세요';
    if (!input.title.trim()) local.title = '제목을 입력하세요';
    // The server still checks everything, so every field's message shows at once.
    void busy(submit, '저장하는 중…', () => api.saveEvent(input)).then((r?: SaveResult) => {
      if (!r) return;
      setFieldErrors(fields, { ...(r.fields ?? {}), ...(r.ok ? {} : local) });
      formMsg.textContent = r.ok ? '' : messageOf(r);
      say(r.ok ? [r.message, ...(r.warnings ?? [])].join(' ') : messageOf(r), r.ok ? 'ok' : 'error');
      if (r.ok) void loadEventForm(false);
    });
  });
  panel.appendChild(section('일정 추가·수정', form));
  fill(data.blank);
}

async function loadEventForm(announce = true): Promise<void> {
  const d = await busy(null, announce ? '일정 양식을 불러오는 중…' : null, () => api.getEventForm());
  if (!d) return;
  renderEventForm(d);
  if (announce) say('일정 양식을 불러왔습니다.');
}

// ---------------------------------------------------------------------------------------------
// Settings

function renderSettings(data: SettingsData): void {
  const panel = byId('panel-settings');
  clear(panel);
  const fields: Record<string, FieldUi> = {};
  for (const item of data.items) {
    const spec = SETTING_CONTROLS[item.kind];
    let control: Control;
    if (spec.tag === 'select') {
      control = select(
        item.options ?? [],
        item.options?.includes(item.value) || item.value === '' ? '(선택)' : undefined,
      );
      if (item.value && !item.options?.includes(item.value))
        control.appendChild(h('option', { value: item.value, text: item.value }));
    } else {
      control = h('input', { type: spec.type, inputmode: spec.inputmode, autocomplete: spec.autocomplete });
    }
    control.value = item.value;
    fields[item.key] = fieldUi('set', item.key, item.key, control, item.hint ? { hint: item.hint } : {});
  }
  const submit = h('button', { type: 'submit', class: 'primary', text: '설정 저장' });
  const formMsg = h('p', { class: 'form-msg', id: 'set-form-msg', role: 'alert' });
  const form = h(
    'form',
    { novalidate: true },
    Object.values(fields).map((f) => f.wrap),
    formMsg,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values: Record<string, string> = {};
    for (const [k, f] of Object.entries(fields)) values[k] = f.control.value;
    void busy(submit, '저장하는 중…', () => api.saveSettings(values)).then((r) => {
      if (!r) return;
      setFieldErrors(fields, r.fields ?? {});
      formMsg.textContent = r.ok ? '' : [messageOf(r), r.fields?.[''] ?? ''].filter(Boolean).join(' ');
      say(r.ok ? [r.message, ...(r.warnings ?? [])].join(' ') : messageOf(r), r.ok ? 'ok' : 'error');
    });
  });

  const toggle = h('input', { type: 'checkbox', id: 'weekly-trigger', role: 'switch' });
  toggle.checked = data.trigger.on;
  toggle.disabled = !data.trigger.available;
  toggle.setAttribute('aria-describedby', 'weekly-trigger-hint');
  toggle.addEventListener('change', () => {
    const want = toggle.checked;
    void busy(null, want ? '자동 발송을 켜는 중…' : '자동 발송을 끄는 중…', () => api.toggleWeeklyTrigger(want)).then(
      (r) => {
        if (!r) {
          toggle.checked = !want;
          return;
        }
        if (!r.ok) toggle.checked = !want;
        say(messageOf(r), r.ok ? 'ok' : 'error');
      },
    );
  });
  panel.appendChild(
    section(
      '주간 요약 자동 발송',
      h('div', { class: 'switch' }, toggle, h('label', { for: 'weekly-trigger', text: '매주 요약 메일 자동 발송' })),
      h('p', {
        class: 'hint',
        id: 'weekly-trigger-hint',
        text: data.trigger.available ? "'요약 요일'과 '요약 시각'에 보냅니다." : '이 환경에서는 설정할 수 없습니다.',
      }),
    ),
  );
  panel.appendChild(section('설정 (설정 시트)', form));
}

async function loadSettings(announce = true): Promise<void> {
  const d = await busy(null, announce ? '설정을 불러오는 중…' : null, () => api.getSettings());
  if (!d) return;
  renderSettings(d);
  if (announce) say('설정을 불러왔습니다.');
}

// ---------------------------------------------------------------------------------------------

function start(): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    b.addEventListener('click', () => showPanel(b.dataset.panel ?? 'panel-dash'));
  }
  void loadDashboard();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
