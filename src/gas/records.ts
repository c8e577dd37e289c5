/**
 * Apps Script side of 업무추진비 records: the monthly disclosure as a new Google Sheets file. (The
 * CSV import needs no adapter of its own: the sidebar's `importRecords` server function runs the
 * core use-case over the workbook port.)
 *
 * The disclosure is created with one Drive API call (advanced service v3, Files.create with the
 * Google Sheets MIME type and the table as a CSV blob, which Drive converts), placed in the
 * 설정 '보고서 폴더 ID' folder when it is set. That needs no scope beyond the Drive scope the
 * report already uses (SpreadsheetApp.create would add the all-spreadsheets scope), and the call
 * count does not depend on the number of rows.
 */
import { toCsv } from '../core/disclosure';
import { UserError, type Ports } from '../core/ports';
import { disclose } from '../core/usecases/disclose';
import { deployment } from './deployment';
import { advancedDrive, reportFolder } from './folder';

const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';

export interface DisclosureFile {
  readonly name: string;
  readonly url: string;
  readonly rows: number;
  readonly total: number;
}

/** Creates the month's disclosure spreadsheet; returns its name and link. */
export function discloseToDrive(ports: Ports, month: string): DisclosureFile {
  const { disclosure: d, reportFolderId } = disclose(ports, month);
  const Drive = advancedDrive();
  // The add-on writes only into its own folder (drive.file); the bound script into 설정's or 내 드라이브.
  const folderId = deployment().driveFileOnly
    ? reportFolder(reportFolderId, SpreadsheetApp.getActiveSpreadsheet().getId()).id
    : reportFolderId;
  const blob = Utilities.newBlob(toCsv(d.table), 'text/csv', `${d.fileBase}.csv`);
  const resource: Record<string, unknown> = { name: d.fileBase, mimeType: SHEET_MIME };
  if (folderId) resource.parents = [folderId];
  let file: { id?: string; webViewLink?: string };
  try {
    file = Drive.Files.create(resource, blob, { supportsAllDrives: true, fields: 'id,webViewLink' }) as {
      id?: string;
      webViewLink?: string;
    };
  } catch (e) {
    if (folderId) {
      throw new UserError(
        `설정의 '보고서 폴더 ID'(${folderId})인 폴더에 파일을 만들 수 없습니다. 폴더 ID와 권한을 확인하거나 비워 두세요.`,
      );
    }
    throw e;
  }
  const url = file.webViewLink ?? (file.id ? `https://docs.google.com/spreadsheets/d/${file.id}/edit` : '');
  return { name: d.fileBase, url, rows: d.rows.length, total: d.total };
}

/** The month before today's (Seoul) as 'YYYY-MM' (the usual month to publish). */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return `${py}-${pm < 10 ? '0' : ''}${pm}`;
}
