/**
 * Saving one 일정 row from the sidebar's form. A new row is appended; an edit finds its row by the
 * hidden 키, or (no key yet) checks that the row still holds the 일자/제목 the form loaded, and
 * writes only the cells whose value changed (nothing when none did). Holds the lock; logs to 기록.
 * The values are already checked (`checkEventForm`): nothing here validates a field.
 */
import type * as z from 'zod';
import { toText, type Cell, type Person } from '../coerce';
import { seoulInstant } from '../dates';
import { EVENT_FIELDS, EVENT_FORM_KEYS, type EventFormKey, type EventFormParsed } from '../eventSchema';
import { appendLog } from '../log';
import { loadOffice } from '../office';
import { UserError, type Ports } from '../ports';
import { numberRuns } from '../runs';
import { SHEET } from '../sheets';
import type { Table } from '../table';
import { shortName } from '../text';

/**
 * What the 일정 form remembers of the row it loaded for editing: the hidden 키 (blank before the
 * first calendar sync) and the row's 일자 and 제목 at load time.
 */
export interface EventRef {
  readonly key: string;
  readonly date: string;
  readonly title: string;
}

export interface EventSave {
  /** The sheet row being edited; null = a new row. */
  readonly row: number | null;
  /** For an edit: the row as the form loaded it. */
  readonly ref?: EventRef | undefined;
  readonly value: EventFormParsed;
}

export interface EventSaved {
  /** 'unchanged': an edit whose cells already held these values (nothing written, nothing logged). */
  readonly change: 'added' | 'edited' | 'unchanged';
  readonly row: number;
}

/** A person list as the 참석자 cell writes it: '홍길동, 일정팀 <a@b.kr>'. */
function peopleText(people: readonly Person[]): string {
  return people
    .map((p) => (p.email ? (p.name && p.name !== p.email ? `${p.name} <${p.email}>` : p.email) : p.name))
    .join(', ');
}

export function saveEvent(ports: Ports, save: EventSave): EventSaved {
  return ports.lock.withLock(() => {
    const { tables } = loadOffice(ports);
    const table = tables[SHEET.schedule];
    if (!table) throw new UserError(`'${SHEET.schedule}' 시트가 없습니다. 메뉴의 '시트 준비'로 만드세요.`);
    const v = save.value;
    const cellsOf = eventCells(v);
    const missing = EVENT_FORM_KEYS.filter((k) => !table.columns.has(EVENT_FIELDS[k].header) && cellsOf[k] !== '').map(
      (k) => EVENT_FIELDS[k].header,
    );
    if (missing.length) {
      throw new UserError(`'일정' 시트에 열이 없습니다: ${missing.join(', ')}. 메뉴의 '시트 준비'로 열을 추가하세요.`);
    }
    const owned = EVENT_FORM_KEYS.map((k) => ({ k, idx: table.columns.get(EVENT_FIELDS[k].header) })).filter(
      (c): c is { k: EventFormKey; idx: number } => c.idx !== undefined,
    );
    let written: number;
    if (save.row === null) {
      const width = Math.max(table.width, ...owned.map((c) => c.idx + 1));
      const cells: Cell[] = new Array<Cell>(width).fill('');
      for (const c of owned) cells[c.idx] = cellsOf[c.k];
      written = ports.workbook.append(SHEET.schedule, [cells]);
    } else {
      const existing = findEventRow(table, save.row, save.ref);
      const changed = owned
        .filter((c) => !sameEventCell(c.k, existing.cells[c.idx], v[c.k]))
        .map((c) => c.idx)
        .sort((a, b) => a - b);
      if (!changed.length) return { change: 'unchanged', row: existing.row };
      const byIdx = new Map(owned.map((c) => [c.idx, cellsOf[c.k]]));
      ports.workbook.write(
        numberRuns(changed).map((run) => ({
          sheet: SHEET.schedule,
          row: existing.row,
          col: (run[0] ?? 0) + 1,
          values: [run.map((i) => byIdx.get(i) ?? '')],
        })),
      );
      written = existing.row;
    }
    appendLog(ports, save.row === null ? '일정 추가' : '일정 수정', '성공', `${written}행: ${v.date} ${v.title}`);
    return { change: save.row === null ? 'added' : 'edited', row: written };
  });
}

/** The values of an 일정 row (or of a checked form), as the form's text fields show them. */
export type EventValues = {
  readonly [K in Exclude<EventFormKey, 'attendees'>]: K extends 'start' | 'end' | 'repeatUntil'
    ? string | null
    : string;
} & { readonly attendees: readonly Person[] | null };

export function eventFormText(e: EventValues): Record<EventFormKey, string> {
  return {
    date: e.date,
    start: e.start ?? '',
    end: e.end ?? '',
    type: e.type,
    title: e.title,
    theme: e.theme,
    place: e.place,
    district: e.district,
    attendees: peopleText(e.attendees ?? []),
    repeat: e.repeat,
    repeatUntil: e.repeatUntil ?? '',
    status: e.status,
    relatedTask: e.relatedTask,
    result: e.result,
  };
}

/** The form's values as the 일정 cells hold them: dates as Seoul instants, the rest as text. */
function eventCells(v: EventFormParsed): Record<EventFormKey, Cell> {
  return {
    ...eventFormText(v),
    date: seoulInstant(v.date),
    repeatUntil: v.repeatUntil ? seoulInstant(v.repeatUntil) : '',
  };
}

/** True when a 일정 cell already holds the form's (parsed) value, compared as the parser reads the cell. */
function sameEventCell(k: EventFormKey, cell: Cell | undefined, value: unknown): boolean {
  const r = (EVENT_FIELDS[k].schema as z.ZodType).safeParse(cell ?? '');
  return r.success && JSON.stringify(r.data ?? null) === JSON.stringify(value ?? null);
}

const RELOAD = '사이드바를 새로 고친 뒤 다시 고르세요.';

/**
 * The 일정 row the form loaded: by its hidden 키 when it had one (rows may have moved since), else
 * the row number, refused unless it still holds the 일자 and 제목 it had when the form loaded.
 */
function findEventRow(table: Table, rowNo: number, ref: EventRef | undefined): Table['rows'][number] {
  if (!ref) throw new UserError(`고칠 일정의 정보가 없습니다. ${RELOAD}`);
  const what = `${ref.date} ${shortName(ref.title)}`;
  if (ref.key) {
    const keyIdx = table.columns.get(EVENT_FIELDS.key.header);
    const hits = keyIdx === undefined ? [] : table.rows.filter((r) => toText(r.cells[keyIdx]) === ref.key);
    if (hits.length > 1) {
      throw new UserError(
        `같은 키를 가진 일정 행이 여럿입니다 (${hits.map((r) => r.row).join(', ')}행). 복사한 행의 키 칸을 비운 뒤 다시 저장하세요.`,
      );
    }
    const hit = hits[0];
    if (!hit) throw new UserError(`고칠 일정(${what})을 찾지 못했습니다. 그 사이 행이 지워졌을 수 있습니다. ${RELOAD}`);
    return hit;
  }
  const existing = table.rows.find((r) => r.row === rowNo);
  if (!existing) throw new UserError(`일정 ${rowNo}행이 없습니다. ${RELOAD}`);
  const cellOf = (k: 'date' | 'title') => {
    const idx = table.columns.get(EVENT_FIELDS[k].header);
    return idx === undefined ? undefined : existing.cells[idx];
  };
  if (!sameEventCell('date', cellOf('date'), ref.date) || !sameEventCell('title', cellOf('title'), ref.title)) {
    throw new UserError(
      `일정 ${rowNo}행이 양식을 불러온 뒤 바뀌었습니다 (행을 넣거나 지우거나 정렬했을 수 있습니다). 다른 행을 덮어쓰지 않도록 저장하지 않았습니다. ${RELOAD}`,
    );
  }
  return existing;
}
