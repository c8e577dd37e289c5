/** The sidebar's server over an in-memory .xlsx workbook, recording every write. */
import type { Cell } from '../../src/core/coerce';
import { memoryStore, noLock, type Ports, type WorkbookPort } from '../../src/core/ports';
import type { EventFormValues } from '../../src/core/eventSchema';
import { createServer, type ServerDeps } from '../../src/core/sidebar';
import { writeOffice } from '../../src/core/usecases/init';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';
import { smallOffice } from './office';

export function serverOn(opts: { today?: string; deps?: Partial<ServerDeps>; sheets?: Record<string, Cell[][]> } = {}) {
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, opts.sheets ?? smallOffice());
  /** 'sheet!R2C1' per block written, 'sheet+N' per append, 'setup:…' per setup. */
  const writes: string[] = [];
  const workbook: WorkbookPort = {
    read: (n) => wb.read(n),
    write: (b) => {
      writes.push(...b.map((x) => `${x.sheet}!R${x.row}C${x.col}`));
      wb.write(b);
    },
    append: (s, rows) => {
      writes.push(`${s}+${rows.length}`);
      return wb.append(s, rows);
    },
    applySetup: (p) => {
      writes.push(`setup:${p.sheets.map((s) => s.name).join(',')}`);
      wb.applySetup(p);
    },
    info: () => wb.info(),
  };
  const ports: Ports = {
    workbook,
    clock: fixedClock(opts.today ?? '2019-04-01'),
    store: memoryStore(),
    lock: noLock,
    user: () => 'tester',
  };
  return { wb, ports, writes, server: createServer({ ports, ...opts.deps }) };
}

/** A valid 일정 form for a new visit, with fields replaced as given. */
export const eventForm = (over: Partial<EventFormValues> = {}): EventFormValues => ({
  row: null,
  date: '2019-04-05',
  start: '14:00',
  end: '15:30',
  type: '현장방문',
  title: '청년 창업공간 현장방문',
  theme: '경제',
  place: '서울창업허브',
  district: '마포구',
  attendees: '',
  repeat: '없음',
  repeatUntil: '',
  status: '예정',
  relatedTask: '',
  result: '',
  ...over,
});
