/** The sidebar's server over an in-memory .xlsx workbook, recording every write. */
import type { Cell } from '../../src/core/coerce';
import { memoryStore, noLock, type Ports, type WorkbookPort } from '../../src/core/ports';
import { createServer, type ServerDeps } from '../../src/core/server';
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
  const ports: Ports = { workbook, clock: fixedClock(opts.today ?? '2019-04-01'), store: memoryStore(), lock: noLock, user: () => 'tester' };
  return { wb, ports, writes, server: createServer({ ports, ...opts.deps }) };
}
