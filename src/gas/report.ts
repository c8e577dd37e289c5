/**
 * The document sink of Apps Script: the 업무보고 as a Google Doc. The report's HTML is converted by
 * one Drive API call (Drive advanced service v3, Files.create with the Google Docs MIME type), so
 * the number of service calls does not depend on the number of rows. The same report as a 한글
 * file (.hwpx, made by our own renderer: Drive has no conversion to it) is saved next to the Doc.
 * The run itself (validate, publish, 기록) is the core use-case `runReport`.
 */
import { UserError } from '../core/ports';
import type { PreparedReport, PublishedReport, SyncDocumentSink } from '../core/usecases/report';
import { renderHtml } from '../render/html';
import { renderHwpx } from '../render/hwpx';

const DOC_MIME = 'application/vnd.google-apps.document';
const HWPX_MIME = 'application/hwp+zip';

function drive(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new UserError(
      "Drive 고급 서비스가 켜져 있지 않습니다. 스크립트 편집기의 '서비스'에서 Drive API(v3)를 추가하세요.",
    );
  }
  return Drive;
}

/** The folder from 설정, or the folder that holds the spreadsheet. */
function targetFolder(folderId: string, spreadsheetId: string): string {
  if (folderId) {
    try {
      return DriveApp.getFolderById(folderId).getId();
    } catch {
      throw new UserError(
        `설정의 '보고서 폴더 ID'(${folderId})인 폴더를 찾을 수 없거나 권한이 없습니다. 폴더 ID를 확인하거나 비워 두세요(스프레드시트가 있는 폴더에 저장).`,
      );
    }
  }
  const parents = DriveApp.getFileById(spreadsheetId).getParents();
  return parents.hasNext() ? parents.next().getId() : DriveApp.getRootFolder().getId();
}

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
  return { name, url: DriveApp.getFolderById(folder).createFile(blob).getUrl() };
}

export function createReportDocument(prepared: PreparedReport, spreadsheetId: string): PublishedReport {
  const s = prepared.office.settings;
  let folder = targetFolder(s.reportFolderId, spreadsheetId);
  const html = renderHtml(prepared.doc, { fonts: 'docs' });
  const blob = Utilities.newBlob(html, 'text/html', `${prepared.name}.html`);
  const create = (parent: string) =>
    drive().Files.create({ name: prepared.name, mimeType: DOC_MIME, parents: [parent] }, blob, {
      supportsAllDrives: true,
      fields: 'id,name,webViewLink',
    });
  const notes: string[] = [];
  let file: ReturnType<typeof create>;
  try {
    file = create(folder);
  } catch (e) {
    // The spreadsheet may sit in a folder shared read-only with this user: use 내 드라이브 then.
    if (s.reportFolderId) throw e;
    folder = DriveApp.getRootFolder().getId();
    file = create(folder);
    notes.push(
      "스프레드시트가 있는 폴더에 파일을 만들 수 없어 '내 드라이브'에 만들었습니다. 설정의 '보고서 폴더 ID'로 폴더를 정할 수 있습니다.",
    );
  }
  const id = file.id ?? '';
  const url = file.webViewLink ?? `https://docs.google.com/document/d/${id}/edit`;
  const extra: { name: string; url: string }[] = [saveHwpx(prepared, folder)];
  if (s.reportPdf) {
    const pdf = DriveApp.getFileById(id).getAs('application/pdf').setName(`${prepared.name}.pdf`);
    const saved = DriveApp.getFolderById(folder).createFile(pdf);
    extra.push({ name: saved.getName(), url: saved.getUrl() });
  }
  return { name: prepared.name, url, extra, notes };
}

/** Google Docs in the 설정 folder, or in the spreadsheet's folder (내 드라이브 when that is read-only). */
export function driveSink(spreadsheetId: string): SyncDocumentSink {
  return { publish: (prepared) => createReportDocument(prepared, spreadsheetId) };
}
