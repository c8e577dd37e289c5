/** The 일정 입력 panel: pick a row to edit (or a new one), fill the form, save through saveEvent. */
import type { EventFormKey, EventFormValues } from '../core/eventSchema';
import type { EventFormData, SaveResult } from '../core/sidebar';
import { api } from './api';
import { byId, clear, h } from './dom';
import { fieldUi, type FieldUi, section, select, setFieldErrors } from './form';
import { busy, messageOf, say } from './status';

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

/** A text input with suggestions: the office forms of 반복 are typed freely ('매월 셋째 주 화요일'). */
function suggest(id: string, options: readonly string[]): HTMLInputElement {
  const input = h('input', { type: 'text', autocomplete: 'off', list: id });
  input.appendChild(
    h(
      'datalist',
      { id },
      options.map((o) => h('option', { value: o })),
    ),
  );
  return input;
}

function eventFields(o: EventFormData['options']): Record<EventFormKey, FieldUi> {
  const f = (key: EventFormKey, control: FieldUi['control'], opts: { hint?: string; required?: boolean } = {}) =>
    fieldUi('ev', key, EVENT_LABELS[key], control, opts);
  const text = () => h('input', { type: 'text', autocomplete: 'off' });
  return {
    date: f('date', h('input', { type: 'date' }), { required: true }),
    start: f('start', h('input', { type: 'time' })),
    end: f('end', h('input', { type: 'time' })),
    type: f('type', select(o.types), { required: true }),
    title: f('title', text(), { required: true }),
    theme: f('theme', select(o.themes, '(없음)')),
    place: f('place', text()),
    district: f('district', select(o.districts, '(없음)')),
    attendees: f('attendees', h('textarea', { rows: 2 }), {
      hint: '이름 또는 이메일, 쉼표로 구분 (예: 홍길동, 일정팀 <plan@example.go.kr>)',
    }),
    repeat: f('repeat', suggest('ev-repeat-list', o.repeats), {
      required: true,
      hint: '예: 매주 월요일, 격주 수요일, 매월 둘째 주 목요일, 매월 15일 (끝: ~ 12월, 10회)',
    }),
    repeatUntil: f('repeatUntil', h('input', { type: 'date' })),
    status: f('status', select(o.statuses), { required: true }),
    relatedTask: f('relatedTask', text()),
    result: f('result', h('textarea', { rows: 2 })),
  };
}

/** The row picker: '새 일정 추가', then the existing rows by label (the row number is the value). */
function rowPicker(data: EventFormData): HTMLSelectElement {
  const pick = select(
    data.rows.map((r) => String(r.row)),
    '새 일정 추가',
  );
  Array.from(pick.options).forEach((opt, i) => {
    if (i > 0) opt.textContent = data.rows[i - 1]?.label ?? opt.value;
  });
  return pick;
}

function renderEventForm(data: EventFormData): void {
  const panel = byId('panel-event');
  clear(panel);
  const fields = eventFields(data.options);
  const pick = rowPicker(data);
  const pickUi = fieldUi('ev', 'row', '고칠 일정', pick);
  const submit = h('button', { type: 'submit', class: 'primary', text: '일정 추가' });
  const formMsg = h('p', { class: 'form-msg', id: 'ev-form-msg', role: 'alert' });

  const fill = (v: EventFormValues): void => {
    for (const k of Object.keys(fields) as EventFormKey[]) fields[k].control.value = v[k];
    setFieldErrors(fields, {});
  };
  pick.addEventListener('change', () => {
    const row = data.rows.find((r) => String(r.row) === pick.value);
    fill(row ? row.values : data.blank);
    submit.textContent = row ? '일정 수정' : '일정 추가';
  });

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
    fields.repeat.wrap,
    h('div', { class: 'row2' }, fields.repeatUntil.wrap, fields.status.wrap),
    fields.relatedTask.wrap,
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

export async function loadEventForm(announce = true): Promise<void> {
  const d = await busy(null, announce ? '일정 양식을 불러오는 중…' : null, () => api.getEventForm());
  if (!d) return;
  renderEventForm(d);
  if (announce) say('일정 양식을 불러왔습니다.');
}
