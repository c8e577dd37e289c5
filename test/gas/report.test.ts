import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/coerce';
import { parseOffice } from '../../src/core/parse';
import { buildReport } from '../../src/core/report';
import { sampleSheets } from '../../src/core/sample';
import { renderHwpx } from '../../src/render/hwpx';
import type { ActionResult } from '../../src/core/sidebar';
import { DOC_MIME } from '../fakes/gas-drive';
import { readSheet, sheetFromValues, type GasFake } from '../fakes/gas';
import { call, loadBundle } from '../support/bundle';
import { fakeWith, sampleFake } from '../support/gas';

const NAME = '서울특별시 시장비서실 업무보고 (2019-03-31)';

function setSetting(sheets: Record<string, Cell[][]>, key: string, value: Cell): void {
  const row = sheets['설정']?.find((r) => r[0] === key);
  if (!row) throw new Error(key);
  row[1] = value;
}

/** The sample with 주요업무 replaced by one task of n outline lines. */
function withOutline(n: number): Record<string, Cell[][]> {
  const sheets = sampleSheets();
  const header = sheets['주요업무']?.[0] ?? [];
  const rows: Cell[][] = [header, [1, '제목', 0, '시험 업무', '', '', '', '']];
  for (let i = 1; i < n; i++)
    rows.push([1, i % 2 ? '추진내용' : '향후계획', 1 + (i % 3), `세부 내용 ${i}`, '', '', '', '']);
  sheets['주요업무'] = rows;
  return sheets;
}

/** The sidebar's 업무보고 생성: the bundle's runAction('report'). */
const sidebarReport = (ctx: ReturnType<typeof loadBundle>) => call(ctx, 'runAction', 'report') as ActionResult;

const docs = (fake: GasFake) => [...fake.drive.files.values()].filter((f) => f.mimeType === DOC_MIME && !f.trashed);
const hwpxFiles = (fake: GasFake) =>
  [...fake.drive.files.values()].filter((f) => f.mimeType === 'application/hwp+zip' && !f.trashed);

describe('업무보고 생성 in Apps Script', () => {
  it('creates the Google Doc in the spreadsheet folder with one Drive conversion, and shows its link', () => {
    const fake = sampleFake();
    const folder = fake.drive.addFolder('기획팀');
    const ssFile = fake.drive.files.get(fake.spreadsheet.id);
    if (ssFile) ssFile.parents = [folder];
    const ctx = loadBundle(fake);
    fake.calls.reset();
    call(ctx, 'menuReport');
    const [doc] = docs(fake);
    expect(doc?.name).toBe(NAME);
    expect(doc?.parents).toEqual([folder]);
    expect(fake.calls.byMethod['Drive.Files.create']).toBe(1);
    for (const figure of [
      '357,200',
      '87,182',
      '(집행률 24.4%)',
      '270,018',
      '58,964',
      '28,218',
      '51,782',
      '민생 중심의 현장방문 일정 기획',
    ]) {
      expect(doc?.html).toContain(figure);
    }
    // The 한글 file next to the Doc, in the same folder, and linked in the dialog.
    const [hwpx] = hwpxFiles(fake);
    expect([hwpx?.name, hwpx?.parents]).toEqual([`${NAME}.hwpx`, [folder]]);
    expect(
      Buffer.from(hwpx?.bytes ?? [])
        .subarray(30, 57)
        .toString(),
    ).toBe('mimetypeapplication/hwp+zip');
    const dialog = fake.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('업무보고 생성');
    expect(dialog?.content).toContain(NAME);
    expect(dialog?.content).toContain('href="https://');
    expect(dialog?.content).toContain(`${NAME}.hwpx`);
    // The one warning of the sample is shown, not hidden.
    expect(dialog?.content).toContain('인력현황!D5');
    const log = readSheet(fake, '기록').at(-1);
    expect(log?.[2]).toBe('업무보고 생성');
    expect(log?.[3]).toBe('경고');
    expect(JSON.parse(fake.properties.document.get('report.latest') ?? '{}')).toMatchObject({ name: NAME });
  });

  it('uses the folder from 설정 and can save a PDF copy next to the Doc', () => {
    const fake = sampleFake();
    const folder = fake.drive.addFolder('보고서');
    const sheets = sampleSheets();
    setSetting(sheets, '보고서 폴더 ID', folder);
    setSetting(sheets, 'PDF 사본', '예');
    sheetFromValues(fake, '설정', sheets['설정'] as Cell[][]);
    const ctx = loadBundle(fake);
    const r = sidebarReport(ctx);
    expect(r.ok).toBe(true);
    expect(r.link?.title).toBe(NAME);
    expect(docs(fake)[0]?.parents).toEqual([folder]);
    // The .hwpx and the PDF copy are links of their own under the Doc's, not lines of text.
    expect(r.links?.map((l) => l.title)).toEqual([`${NAME}.hwpx`, `${NAME}.pdf`]);
    expect(r.links?.every((l) => l.url.startsWith('https://'))).toBe(true);
    expect(r.details?.some((d) => d.includes('https://'))).toBe(false);
    expect(hwpxFiles(fake)[0]?.parents).toEqual([folder]);
    const pdf = [...fake.drive.files.values()].find((f) => f.name === `${NAME}.pdf`);
    expect(pdf?.parents).toEqual([folder]);
  });

  it('an unknown folder id is a Korean message and nothing is created', () => {
    const sheets = sampleSheets();
    setSetting(sheets, '보고서 폴더 ID', 'no-such-folder');
    const fake = fakeWith(sheets);
    const ctx = loadBundle(fake);
    call(ctx, 'menuReport');
    expect(docs(fake)).toEqual([]);
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/보고서 폴더 ID.*찾을 수 없거나/);
  });

  it('with a validation error no document is created and the problems are listed with A1 addresses', () => {
    const sheets = sampleSheets();
    const staff = sheets['인력현황'] as Cell[][];
    (staff[2] as Cell[])[2] = '스물둘';
    const fake = fakeWith(sheets);
    const ctx = loadBundle(fake);
    call(ctx, 'menuReport');
    expect(docs(fake)).toEqual([]);
    expect(fake.calls.count('Drive')).toBe(0);
    const msg = fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(msg).toMatch(/업무보고를 만들지 않았습니다/);
    expect(msg).toMatch(/인력현황!C3 \(정원\)/);
    expect(readSheet(fake, '기록').at(-1)?.[3]).toBe('실패');
  });

  it('costs the same number of service calls for 10 and for 2,000 outline lines', () => {
    const counts = [10, 2000].map((n) => {
      const fake = fakeWith(withOutline(n));
      const ctx = loadBundle(fake);
      fake.calls.reset();
      expect(sidebarReport(ctx).ok).toBe(true);
      expect(docs(fake)).toHaveLength(1);
      expect(docs(fake)[0]?.html).toContain(`세부 내용 ${n - 1}`);
      return { total: fake.calls.total, byMethod: fake.calls.byMethod };
    });
    expect(counts[1]?.byMethod).toEqual(counts[0]?.byMethod);
    expect(counts[1]?.total).toBe(counts[0]?.total);
    // The .hwpx is one blob, one file in the Doc's folder and its link, whatever the length.
    expect(counts[0]?.byMethod['Utilities.newBlob']).toBe(2);
    expect(counts[0]?.byMethod['Folder.createFile']).toBe(1);
    expect(counts[0]?.byMethod['File.getUrl']).toBe(1);
    // A constant handful: settings/folder lookups, one conversion, 기록, the store.
    expect(counts[0]?.total).toBeLessThan(60);
  });
});

describe('업무보고 생성: the .hwpx made in Apps Script', () => {
  it('is made in the bare vm context and has the same bytes as the Node renderer’s for the same office', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    expect(sidebarReport(ctx).ok).toBe(true);
    const [hwpx] = hwpxFiles(fake);
    const node = renderHwpx(buildReport(parseOffice(sampleSheets()).office), { creator: '시정 데스크' });
    expect(hwpx?.bytes.length).toBeGreaterThan(10_000);
    expect(Buffer.from(hwpx?.bytes ?? []).equals(Buffer.from(node))).toBe(true);
  });
});

describe('업무보고 생성 when Drive fails', () => {
  it('logs the failure to 기록 and shows a Korean message; no link is remembered', () => {
    const fake = sampleFake();
    const ctx = loadBundle(fake);
    const drive = fake.services.Drive as unknown as { Files: { create: (...a: unknown[]) => unknown } };
    drive.Files.create = () => {
      throw new Error('Exception: 사용자의 Drive 저장용량이 가득 찼습니다.');
    };
    call(ctx, 'menuReport');
    expect(docs(fake)).toEqual([]);
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/예상하지 못한 오류|저장용량/);
    const log = readSheet(fake, '기록').at(-1);
    expect(log?.[2]).toBe('업무보고 생성');
    expect(log?.[3]).toBe('실패');
    expect(String(log?.[4])).toMatch(/저장용량/);
    expect(fake.properties.document.get('report.latest')).toBeUndefined();
  });
});

describe('업무보고 생성 when the spreadsheet folder is read-only', () => {
  it('falls back to 내 드라이브 and says so', () => {
    const fake = sampleFake();
    const shared = fake.drive.addFolder('공유받은 폴더');
    const ssFile = fake.drive.files.get(fake.spreadsheet.id);
    if (ssFile) ssFile.parents = [shared];
    const ctx = loadBundle(fake);
    const drive = fake.services.Drive as unknown as {
      Files: { create: (r: { parents?: string[] }, ...a: unknown[]) => unknown };
    };
    const original = drive.Files.create.bind(drive.Files);
    drive.Files.create = (resource, ...rest) => {
      if (resource.parents?.includes(shared))
        throw new Error('Exception: The user does not have sufficient permissions for this file.');
      return original(resource, ...rest);
    };
    const r = sidebarReport(ctx);
    expect(r.link?.title).toBe(NAME);
    expect(docs(fake)[0]?.parents).toEqual([fake.drive.rootId]);
    // After the links (the .hwpx), the note says where the files went.
    expect(r.details?.filter((d) => !/^.+: https:\/\//.test(d))[0]).toMatch(/내 드라이브/);
  });
});
