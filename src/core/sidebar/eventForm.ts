/** The 일정 form: the dropdowns and the rows to edit, and saving one row (usecases/saveEvent.ts). */
import { toText } from '../coerce';
import { checkEventForm, type EventFormValues } from '../eventSchema';
import type { EventRow } from '../model';
import { loadOffice } from '../office';
import { DISTRICTS, EVENT_STATUS, EVENT_TYPES, REPEATS, THEMES } from '../sheets';
import { eventFormText, saveEvent as saveEventRow } from '../usecases/saveEvent';
import type { ServerDeps } from './context';
import { checkInput, eventSaveSchema, refused } from './input';
import type { EventFormData, EventSaveInput, SaveResult } from './views';

function formValuesOf(e: EventRow): EventFormValues {
  return { row: e.row, ...eventFormText(e) };
}

const BLANK_EVENT: EventFormValues = {
  row: null,
  date: '',
  start: '',
  end: '',
  type: '현장방문',
  title: '',
  theme: '',
  place: '',
  district: '',
  attendees: '',
  repeat: '없음',
  repeatUntil: '',
  status: '예정',
  relatedTask: '',
  result: '',
};

export function getEventForm(deps: ServerDeps): EventFormData {
  const { office } = loadOffice(deps.ports);
  return {
    options: { types: EVENT_TYPES, themes: THEMES, districts: DISTRICTS, repeats: REPEATS, statuses: EVENT_STATUS },
    rows: [...office.events]
      .sort((a, b) => b.date.localeCompare(a.date) || b.row - a.row)
      .map((e) => ({
        row: e.row,
        label: `${e.date} ${e.title} (${e.row}행)`,
        values: formValuesOf(e),
        ref: { key: e.key, date: e.date, title: e.title },
      })),
    blank: BLANK_EVENT,
  };
}

/** Adds (row = null) or edits one 일정 row; nothing is written when a field is wrong. */
export function saveEvent(deps: ServerDeps, input: EventSaveInput): SaveResult {
  const args = checkInput(eventSaveSchema, input, '일정 입력값');
  if (!args.ok) return refused(args);
  const check = checkEventForm(args.value);
  if (!check.ok) return { ok: false, message: '입력한 값을 확인하세요.', fields: check.fields };
  const v = check.value;
  const saved = saveEventRow(deps.ports, { row: args.value.row, ref: args.value.ref, value: v });
  const done = {
    added: '추가했습니다',
    edited: '수정했습니다',
    unchanged: '바뀐 내용이 없어 저장하지 않았습니다',
  }[saved.change];
  return {
    ok: true,
    message: `${done}: 일정 ${saved.row}행 (${v.date} ${toText(v.title)})`,
    row: saved.row,
    warnings: [...check.warnings],
  };
}
