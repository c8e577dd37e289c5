/** Ports over the Apps Script fake, for adapter contract tests. */
import { sampleSheets } from '../../src/core/sample';
import { typedRows } from '../../src/core/usecases/init';
import type { Ports } from '../../src/core/ports';
import { SheetsWorkbook } from '../../src/gas/sheets';
import { propertiesStore, scriptLock } from '../../src/gas/services';
import type { Cell } from '../../src/core/coerce';
import { createGasFake, sheetFromValues, type GasFake, type GasFakeOptions } from '../fakes/gas';

export function fakePorts(fake: GasFake): Ports {
  const s = fake.services;
  return {
    workbook: new SheetsWorkbook(s.SpreadsheetApp.getActiveSpreadsheet(), s.SpreadsheetApp),
    clock: { now: fake.now },
    store: propertiesStore(s.PropertiesService.getDocumentProperties()),
    lock: scriptLock(s.LockService.getDocumentLock()),
    user: () => s.Session.getActiveUser().getEmail(),
  };
}

/** A fake whose active spreadsheet holds the given sheets (dates as Date cells). */
export function fakeWith(sheets: Record<string, Cell[][]>, opts: GasFakeOptions = {}): GasFake {
  const fake = createGasFake({ now: () => new Date('2019-04-01T00:00:00Z'), user: 'staff@example.go.kr', ...opts });
  for (const [name, rows] of Object.entries(sheets)) sheetFromValues(fake, name, typedRows(name, rows));
  return fake;
}

export const sampleFake = (opts: GasFakeOptions = {}): GasFake => fakeWith(sampleSheets(), opts);
