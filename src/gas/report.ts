/**
 * The document sink of Apps Script: the 업무보고 as a Google Doc. The report's HTML is converted by
 * one Drive API call (Drive advanced service v3, Files.create with the Google Docs MIME type), so
 * the number of service calls does not depend on the number of rows. The same report as a 한글
 * file (.hwpx, made by our own renderer: Drive has no conversion to it) is saved next to the Doc.
 * The run itself (validate, publish, 기록) is the core use-case `runReport`.
 */
import type { PreparedReport, PublishedReport, SyncDocumentSink } from '../core/usecases/report';
import { renderHtml } from '../render/html';
import { renderHwpx } from '../render/hwpx';
import { advancedDrive, pdfOf, reportFolder, rootFolder, saveFile } from './folder';

const DOC_MIME = 'application/vnd.google-apps.document';
const HWPX_MIME = 'application/hwp+zip';

/** Apps Script takes bytes as a Byte[]: an array of numbers from −128 to 127. */
function byteArray(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ((bytes[i] as number) << 24) >> 24;
  return out;
}

/** The .hwpx in the Doc's folder: one blob and one file, whatever the report's length. */
function saveHwpx(prepared: PreparedReport, folder: string): { name: string; url: string } {
  const name = `${prepared.name}.hwpx`;
  const bytes = renderHwpx(prepared.doc, { creator: '시정 데스크' });
  const blob = Utilities.newBlob(byteArray(bytes), HWPX_MIME, name);
  return { name, url: saveFile(folder, blob).url };
}

export function createReportDocument(prepared: PreparedReport, spreadsheetId: string): PublishedReport {
  const s = prepared.office.settings;
  const target = reportFolder(s.reportFolderId, spreadsheetId);
  let folder = target.id;
  const html = renderHtml(prepared.doc, { fonts: 'docs' });
  const blob = Utilities.newBlob(html, 'text/html', `${prepared.name}.html`);
  const create = (parent: string) =>
    advancedDrive().Files.create({ name: prepared.name, mimeType: DOC_MIME, parents: [parent] }, blob, {
      supportsAllDrives: true,
      fields: 'id,name,webViewLink',
    });
  const notes: string[] = [...target.notes];
  let file: ReturnType<typeof create>;
  try {
    file = create(folder);
  } catch (e) {
    // The spreadsheet may sit in a folder shared read-only with this user: use 내 드라이브 then.
    if (!target.fallback) throw e;
    folder = rootFolder();
    file = create(folder);
    notes.push(
      "스프레드시트가 있는 폴더에 파일을 만들 수 없어 '내 드라이브'에 만들었습니다. 설정의 '보고서 폴더 ID'로 폴더를 정할 수 있습니다.",
    );
  }
  const id = file.id ?? '';
  const url = file.webViewLink ?? `https://docs.google.com/document/d/${id}/edit`;
  const extra: { name: string; url: string }[] = [saveHwpx(prepared, folder)];
  if (s.reportPdf) extra.push(saveFile(folder, pdfOf(id, html, prepared.name)));
  return { name: prepared.name, url, extra, notes };
}

/**
 * Google Docs in the 설정 folder, or in the spreadsheet's folder (내 드라이브 when that is
 * read-only); the add-on's in its own folder (./folder.ts).
 */
export function driveSink(spreadsheetId: string): SyncDocumentSink {
  return { publish: (prepared) => createReportDocument(prepared, spreadsheetId) };
}
