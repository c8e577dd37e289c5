/**
 * The one report run (src/core/usecases/report.ts): validate → publish through the sink → 기록,
 * with a synchronous sink (Apps Script) and an asynchronous one (Node), and every failure logged.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { isPromise } from '../../src/core/maybe';
import { memoryStore, noLock, UserError, type Ports } from '../../src/core/ports';
import { sampleSheets } from '../../src/core/sample';
import { SHEET } from '../../src/core/sheets';
import { writeOffice } from '../../src/core/usecases/init';
import {
  LATEST_REPORT_KEY,
  reportResult,
  runReport,
  type DocumentSink,
  type PreparedReport,
  type PublishedReport,
} from '../../src/core/usecases/report';
import { fixedClock } from '../../src/node/ports';
import { XlsxWorkbook } from '../../src/node/xlsx';

const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

function world(edit: (s: Record<string, Cell[][]>) => void = () => {}) {
  const sheets = sampleSheets();
  edit(sheets);
  const wb = XlsxWorkbook.create('/tmp/never-saved.xlsx');
  writeOffice(wb, sheets);
  const store = memoryStore();
  const ports: Ports = { workbook: wb, clock: fixedClock('2019-04-01'), store, lock: noLock, user: () => 'tester' };
  const log = () => (wb.read([SHEET.log])[SHEET.log] ?? []).slice(1);
  return { ports, store, log };
}

const published = (p: PreparedReport): PublishedReport => ({
  name: p.name,
  url: 'https://docs.example/d/1',
  extra: [{ name: `${p.name}.pdf`, url: 'https://docs.example/f/2' }],
  notes: ["'내 드라이브'에 만들었습니다."],
});

const invalid = (s: Record<string, Cell[][]>) => {
  ((s['인력현황'] as Cell[][])[2] as Cell[])[2] = '스물둘';
};

describe('runReport with a synchronous sink', () => {
  it('returns the run at once, records it in 기록 and remembers the newest report', () => {
    const { ports, store, log } = world();
    const seen: string[] = [];
    const run = runReport(ports, { publish: (p) => (seen.push(p.name), published(p)) });
    expect(isPromise(run)).toBe(false);
    expect(seen).toEqual([NAME]);
    expect(run.name).toBe(NAME);
    // The sink's notes first, then the sample's one warning with its address.
    expect(run.warnings[0]).toBe("'내 드라이브'에 만들었습니다.");
    expect(run.warnings[1]).toMatch(/인력현황!D5/);
    const last = log().at(-1) as Cell[];
    expect([last[2], last[3]]).toEqual(['업무보고 생성', '경고']);
    expect(String(last[4])).toContain('https://docs.example/d/1');
    expect(JSON.parse(store.get(LATEST_REPORT_KEY) ?? '{}')).toMatchObject({ name: NAME });
  });

  it('an invalid workbook throws a validation error before the sink is asked, and 기록 says 실패', () => {
    const { ports, store, log } = world(invalid);
    let asked = false;
    const sink = {
      publish: (p: PreparedReport) => {
        asked = true;
        return published(p);
      },
    };
    let thrown: unknown;
    try {
      runReport(ports, sink);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).kind).toBe('validation');
    expect((thrown as UserError).details.join('\n')).toMatch(/인력현황!C3/);
    expect(asked).toBe(false);
    expect((log().at(-1) as Cell[])[3]).toBe('실패');
    expect(store.get(LATEST_REPORT_KEY)).toBeNull();
  });

  it('a sink that throws is logged as 실패 and rethrown; no newest report is remembered', () => {
    const { ports, store, log } = world();
    const boom = new Error('저장용량이 가득 찼습니다');
    expect(() =>
      runReport(ports, {
        publish: () => {
          throw boom;
        },
      }),
    ).toThrow(boom);
    const last = log().at(-1) as Cell[];
    expect([last[2], last[3]]).toEqual(['업무보고 생성', '실패']);
    expect(String(last[4])).toContain('저장용량');
    expect(store.get(LATEST_REPORT_KEY)).toBeNull();
  });
});

describe('runReport with an asynchronous sink', () => {
  it('answers with a Promise and records only after the sink resolved', async () => {
    const { ports, log } = world();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const sink: DocumentSink = { publish: async (p) => (await gate, published(p)) };
    const before = log().length;
    const run = runReport(ports, sink);
    expect(isPromise(run)).toBe(true);
    await Promise.resolve();
    expect(log().length).toBe(before);
    release();
    const done = await run;
    expect(done.name).toBe(NAME);
    expect(log().length).toBe(before + 1);
    expect((log().at(-1) as Cell[])[3]).toBe('경고');
  });

  it('validation errors still throw synchronously (nothing is rendered)', () => {
    const { ports } = world(invalid);
    const sink: DocumentSink = { publish: async (p) => published(p) };
    expect(() => runReport(ports, sink)).toThrow(/업무보고를 만들지 않았습니다/);
  });

  it('a rejected publish is logged as 실패 and the Promise rejects with it', async () => {
    const { ports, store, log } = world();
    const sink: DocumentSink = {
      publish: async () => {
        throw new Error('EACCES: permission denied');
      },
    };
    await expect(runReport(ports, sink)).rejects.toThrow(/EACCES/);
    expect((log().at(-1) as Cell[])[3]).toBe('실패');
    expect(store.get(LATEST_REPORT_KEY)).toBeNull();
  });
});

describe('reportResult', () => {
  it('shapes a run for the sidebar: message, the document link (its caption when given), extra links, then notes and warnings', () => {
    const { ports } = world();
    const run = runReport(ports, { publish: published });
    expect(reportResult(run)).toEqual({
      ok: true,
      message: `업무보고를 만들었습니다: ${NAME}`,
      link: { title: NAME, url: 'https://docs.example/d/1' },
      links: [{ title: `${NAME}.pdf`, url: 'https://docs.example/f/2' }],
      details: run.warnings,
    });
    const captioned = runReport(ports, { publish: (p) => ({ ...published(p), caption: 'a.docx', extra: [] }) });
    expect(reportResult(captioned).link).toEqual({ title: 'a.docx', url: 'https://docs.example/d/1' });
    expect(reportResult(captioned).details).toEqual(captioned.warnings);
    expect(reportResult(captioned).links).toEqual([]);
  });
});
