/**
 * Property (issue 11, "Must show"): any string — controls U+0000–U+001F, U+FFFE, lone surrogates,
 * CR/LF, markup characters, anything — typed into any text cell of any sheet leaves a workbook
 * that every reader opens alike, and the string minus what cleanText removes is what the report,
 * the e-mail, the sidebar and the .ics show (each escaped in its own way).
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { IcsCalendar } from '../../src/core/calendar/ics';
import { toText } from '../../src/core/coerce';
import { loadOffice } from '../../src/core/office';
import { OFFICE_SHEETS } from '../../src/core/parse';
import { memoryStore, noLock, type Ports } from '../../src/core/ports';
import { SHEET, SHEETS } from '../../src/core/sheets';
import { createServer, type Dashboard } from '../../src/core/sidebar';
import { syncCalendar } from '../../src/core/usecases/calendarSync';
import { printed } from '../../src/core/report';
import { prepareReport } from '../../src/core/usecases/report';
import { previewSummary } from '../../src/core/usecases/summary';
import { writeOffice } from '../../src/core/usecases/init';
import { fixedClock } from '../../src/node/ports';
import { ValuesWorkbook, XlsxWorkbook } from '../../src/node/xlsx';
import { renderHtml } from '../../src/render/html';
import { smallOffice } from '../support/office';
import { rewritePart, tmpDir } from '../support/xlsxParts';
import { textOf } from '../render/readback';

const SPECIAL = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007F',
  '\u0085',
  '\u2028',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\r\n',
  '&',
  '<',
  '>',
  '"',
  "'",
  ';',
  ',',
  '\\',
  ' ',
  '  ',
  '가',
  '😀',
];

/** Strings mixing the characters above with any Unicode. */
const hostile = fc.string({
  unit: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 24,
});

/** Every text column of every sheet, as (sheet, 1-based column). */
const TEXT_CELLS = SHEETS.flatMap((s) =>
  s.columns.flatMap((c, i) => (c.kind === 'text' ? [{ sheet: s.name, col: i + 1, header: c.header }] : [])),
);

const ports = (workbook: Ports['workbook']): Ports => ({
  workbook,
  clock: fixedClock('2019-04-01'),
  store: memoryStore(),
  lock: noLock,
  user: () => 'tester',
});

/** A saved small office with `value` written through the adapter into (sheet, row 2, col). */
async function savedWith(dir: string, cells: { sheet: string; row: number; col: number; value: string }[]) {
  const file = path.join(dir, `w${Math.random().toString(36).slice(2)}.xlsx`);
  const wb = XlsxWorkbook.create(file);
  writeOffice(wb, smallOffice());
  wb.write(cells.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, values: [[c.value]] })));
  await wb.save();
  return file;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

const PLACEHOLDER = 'ZZ-PLACEHOLDER-ZZ';

/** XML text as another program might write it: markup escaped, everything else raw (UTF-8 cannot hold a lone surrogate, so those as references). */
function rawXml(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s.charAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += `&#x${c.toString(16)};`;
    else out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch;
  }
  return out;
}

describe('any string typed into any text cell', () => {
  const dir = tmpDir('sijeong-hostile-');

  it('leaves a workbook both readers open alike, holding the string as cleanText leaves it', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom(...TEXT_CELLS), fc.boolean(), async (s, at, raw) => {
        // Typed through the add-on (the adapter writes it), or saved raw by another program.
        const file = await savedWith(dir, [{ sheet: at.sheet, row: 2, col: at.col, value: raw ? PLACEHOLDER : s }]);
        if (raw) await rewritePart(file, 'xl/sharedStrings.xml', (xml) => xml.replace(PLACEHOLDER, () => rawXml(s)));
        const wb = await XlsxWorkbook.open(file);
        const lean = await ValuesWorkbook.open(file);
        expect(lean.read(OFFICE_SHEETS)).toEqual(wb.read(OFFICE_SHEETS));
        const cell = wb.read([at.sheet])[at.sheet]?.[1]?.[at.col - 1] ?? '';
        expect(toText(cell)).toBe(toText(s));
        // Every command starts by parsing the workbook: it never throws.
        loadOffice(ports(wb));
      }),
      { numRuns: 25 },
    );
  });

  it('is shown, minus what cleanText removes, by the report, the e-mail, the sidebar and the .ics', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        const typed = `가${s}나`;
        const expected = toText(typed);
        const file = await savedWith(dir, [
          { sheet: SHEET.settings, row: 2, col: 2, value: typed }, // 기관명
          { sheet: SHEET.tasks, row: 3, col: 4, value: typed }, // 개요 of task 1
          { sheet: SHEET.schedule, row: 2, col: 5, value: typed }, // 제목 of this week's visit
          { sheet: SHEET.schedule, row: 2, col: 7, value: typed }, // 장소
        ]);
        const p = ports(await XlsxWorkbook.open(file));

        const report = textOf(renderHtml(prepareReport(p).doc));
        expect(norm(report)).toContain(norm(`${expected} 업무보고`));
        expect(norm(report)).toContain(norm(printed(expected)));

        const mail = previewSummary(p);
        expect(mail.text).toContain(expected);
        expect(norm(textOf(mail.html))).toContain(norm(expected));

        const dashboard = createServer({ ports: p }).getDashboard() as Dashboard;
        expect(dashboard.orgName).toBe(expected);
        expect(dashboard.week.items.map((i) => i.title)).toContain(expected);

        const cal = new IcsCalendar(null, { now: () => new Date('2019-04-01T00:00:00Z'), name: '일정' });
        syncCalendar(p, cal, { budgetMs: Number.POSITIVE_INFINITY });
        const icsFile = path.join(dir, 'x.ics');
        writeFileSync(icsFile, cal.text());
        const events = Object.values(ical.sync.parseFile(icsFile)).filter(
          (e): e is ical.VEvent => e?.type === 'VEVENT',
        );
        // SUMMARY is '[유형·테마] 제목', LOCATION '장소 (자치구)'.
        const visit = events.find((e) => String(e.summary).startsWith('[현장방문'));
        expect(visit?.summary).toBe(`[현장방문·경제] ${expected}`);
        expect(visit?.location).toBe(`${expected} (마포구)`);
      }),
      { numRuns: 20 },
    );
  });
});
