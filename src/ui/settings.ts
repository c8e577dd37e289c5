/** The 설정 panel: the weekly trigger switch and the settings form, one control per item's kind. */
import type { SettingItem, SettingsData } from '../core/sidebar';
import { api } from './api';
import { byId, clear, h } from './dom';
import { type Control, type FieldUi, fieldUi, section, select, setFieldErrors } from './form';
import { SETTING_CONTROLS } from './settingControls';
import { busy, messageOf, say } from './status';

/** The control of an item's kind (settingControls.ts), holding its value. */
function settingControl(item: SettingItem): Control {
  const spec = SETTING_CONTROLS[item.kind];
  let control: Control;
  if (spec.tag === 'select') {
    const known = item.options?.includes(item.value) ?? false;
    control = select(item.options ?? [], known || item.value === '' ? '(선택)' : undefined);
    // A value outside the list (typed in the sheet) stays selectable as it is.
    if (item.value && !known) control.appendChild(h('option', { value: item.value, text: item.value }));
  } else {
    control = h('input', { type: spec.type, inputmode: spec.inputmode, autocomplete: spec.autocomplete });
  }
  control.value = item.value;
  return control;
}

function settingsForm(data: SettingsData): HTMLElement {
  const fields: Record<string, FieldUi> = {};
  for (const item of data.items) {
    fields[item.key] = fieldUi('set', item.key, item.key, settingControl(item), item.hint ? { hint: item.hint } : {});
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
  return form;
}

function triggerSwitch(trigger: SettingsData['trigger']): HTMLElement {
  const toggle = h('input', { type: 'checkbox', id: 'weekly-trigger', role: 'switch' });
  toggle.checked = trigger.on;
  toggle.disabled = !trigger.available || !trigger.mine;
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
  return section(
    '주간 요약 자동 발송',
    h('div', { class: 'switch' }, toggle, h('label', { for: 'weekly-trigger', text: '매주 요약 메일 자동 발송' })),
    h('p', {
      class: 'hint',
      id: 'weekly-trigger-hint',
      text: trigger.note,
    }),
  );
}

function renderSettings(data: SettingsData): void {
  const panel = byId('panel-settings');
  clear(panel);
  const form = settingsForm(data);
  panel.appendChild(triggerSwitch(data.trigger));
  panel.appendChild(section('설정 (설정 시트)', form));
}

export async function loadSettings(announce = true): Promise<void> {
  const d = await busy(null, announce ? '설정을 불러오는 중…' : null, () => api.getSettings());
  if (!d) return;
  renderSettings(d);
  if (announce) say('설정을 불러왔습니다.');
}
