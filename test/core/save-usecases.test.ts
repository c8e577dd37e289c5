/** The use-cases behind the sidebar's saves: they take checked values and return what they did. */
import { describe, expect, it } from 'vitest';
import { checkEventForm } from '../../src/core/eventSchema';
import { loadOffice } from '../../src/core/office';
import { saveEvent } from '../../src/core/usecases/saveEvent';
import { saveSettings } from '../../src/core/usecases/saveSettings';
import { eventForm, serverOn } from '../support/server';

const checked = (over = {}) => {
  const c = checkEventForm(eventForm(over));
  if (!c.ok) throw new Error(JSON.stringify(c.fields));
  return c.value;
};

describe('saveEvent (use-case)', () => {
  it('adds a row, then an edit with the same values is unchanged and writes nothing', () => {
    const { ports, writes } = serverOn();
    expect(saveEvent(ports, { row: null, value: checked() })).toEqual({ change: 'added', row: 4 });
    const row = loadOffice(ports).office.events.find((e) => e.row === 4)!;
    const ref = { key: row.key, date: row.date, title: row.title };
    writes.length = 0;
    expect(saveEvent(ports, { row: 4, ref, value: checked() })).toEqual({ change: 'unchanged', row: 4 });
    expect(writes).toEqual([]);
    expect(saveEvent(ports, { row: 4, ref, value: checked({ place: '서울창업허브 2층' }) })).toEqual({
      change: 'edited',
      row: 4,
    });
    expect(writes).toEqual(['일정!R4C7', '기록+1']);
  });

  it('an edit without the loaded row’s ref is refused with a Korean UserError', () => {
    const { ports } = serverOn();
    expect(() => saveEvent(ports, { row: 2, value: checked() })).toThrow(/고칠 일정의 정보가 없습니다/);
  });
});

describe('saveSettings (use-case)', () => {
  it('returns the changes it wrote, nothing when nothing changed, and the parser’s messages when a value is wrong', () => {
    const { ports, writes } = serverOn();
    expect(saveSettings(ports, [['기관명', '시험구청 기획과']])).toEqual({ ok: true, changes: [], warnings: [] });
    expect(writes).toEqual([]);
    expect(saveSettings(ports, [['요약 시각', '오후']])).toEqual({
      ok: false,
      fields: { '요약 시각': "0부터 23까지의 시각(시)을 입력하세요 (입력값: '오후')" },
    });
    expect(writes).toEqual([]);
    expect(saveSettings(ports, [['PDF 사본', ' 예 ']])).toEqual({
      ok: true,
      changes: [['PDF 사본', '예']],
      warnings: [],
    });
    expect(writes).toEqual(['설정+1', '기록+1']);
    expect(loadOffice(ports).office.settings.reportPdf).toBe(true);
  });
});
