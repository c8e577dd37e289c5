/**
 * Where the add-on's files go, and how they are written, in both deployments (./deployment.ts).
 *
 * - Bound script (`drive` scope): the folder of 설정 '보고서 폴더 ID', else the folder that holds
 *   the spreadsheet (내 드라이브 when that one is read-only for the user); files through DriveApp.
 * - Add-on (`drive.file` scope: only files the add-on created are reachable, Drive API scopes
 *   guide): a folder the add-on makes for each user and spreadsheet, '시정 데스크 보고서
 *   (스프레드시트 이름)' in 내 드라이브 (the user may move it anywhere: it keeps its id); 설정
 *   '보고서 폴더 ID' may name a folder the add-on made. Files through the Drive advanced service
 *   only (DriveApp asks for the whole Drive). Chosen instead of Google Picker: no API key or
 *   Cloud project setting, and the folder can still be moved or shared like any other.
 */
import { UserError } from '../core/ports';
import { deployment } from './deployment';

const FOLDER_MIME = 'application/vnd.google-apps.folder';
const FOLDER_KEY = 'sijeong.reportFolder.';
export const ADDON_FOLDER_NAME = '시정 데스크 보고서';

export function advancedDrive(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new UserError(
      "Drive 고급 서비스가 켜져 있지 않습니다. 스크립트 편집기의 '서비스'에서 Drive API(v3)를 추가하세요.",
    );
  }
  return Drive;
}

export interface Folder {
  readonly id: string;
  /** Said to the user with the result (e.g. that a folder was made, or another one used). */
  readonly notes: readonly string[];
  /** The spreadsheet's own folder was chosen and may turn out read-only (bound script only). */
  readonly fallback: boolean;
}

/** A folder the add-on may write into (it made it, it is not in the trash), or null. */
function reachableFolder(id: string): string | null {
  try {
    const f = advancedDrive().Files.get(id, { fields: 'id,mimeType,trashed', supportsAllDrives: true }) as {
      id?: string;
      mimeType?: string;
      trashed?: boolean;
    };
    return f.mimeType === FOLDER_MIME && !f.trashed ? (f.id ?? id) : null;
  } catch {
    return null;
  }
}

/** The add-on's folder for this user and spreadsheet: the one 설정 names, the one it made, or a new one. */
function addonFolder(settingId: string): Folder {
  if (settingId) {
    const id = reachableFolder(settingId);
    if (id) return { id, notes: [], fallback: false };
    throw new UserError(
      `설정의 '보고서 폴더 ID'(${settingId})인 폴더에 저장할 수 없습니다. Marketplace에서 설치한 시정 데스크는 ` +
        `스스로 만든 폴더에만 파일을 만듭니다(권한 drive.file). '보고서 폴더 ID'를 비워 두면 '${ADDON_FOLDER_NAME}' ` +
        '폴더를 만들어 저장하며, 그 폴더는 원하는 곳으로 옮겨도 됩니다.',
    );
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const key = `${FOLDER_KEY}${Session.getEffectiveUser().getEmail().toLowerCase()}`;
  const known = props.getProperty(key);
  const id = known ? reachableFolder(known) : null;
  if (id) return { id, notes: [], fallback: false };
  const name = `${ADDON_FOLDER_NAME} (${ss.getName()})`;
  // The advanced Drive guide's own example makes a folder with the resource alone.
  const files = advancedDrive().Files as unknown as { create(resource: object): { id?: string } };
  const made = files.create({ name, mimeType: FOLDER_MIME });
  if (!made.id) throw new UserError('보고서 폴더를 만들지 못했습니다. 잠시 후 다시 시도하세요.', { kind: 'io' });
  props.setProperty(key, made.id);
  return {
    id: made.id,
    notes: [`'${name}' 폴더를 내 드라이브에 만들어 저장했습니다. 폴더는 원하는 곳으로 옮겨도 됩니다.`],
    fallback: false,
  };
}

/** The folder from 설정, or the folder that holds the spreadsheet (bound script). */
function boundFolder(settingId: string, spreadsheetId: string): Folder {
  if (settingId) {
    try {
      return { id: DriveApp.getFolderById(settingId).getId(), notes: [], fallback: false };
    } catch {
      throw new UserError(
        `설정의 '보고서 폴더 ID'(${settingId})인 폴더를 찾을 수 없거나 권한이 없습니다. 폴더 ID를 확인하거나 비워 두세요(스프레드시트가 있는 폴더에 저장).`,
      );
    }
  }
  const parents = DriveApp.getFileById(spreadsheetId).getParents();
  return {
    id: parents.hasNext() ? parents.next().getId() : DriveApp.getRootFolder().getId(),
    notes: [],
    fallback: true,
  };
}

/** Where this run's files go. */
export function reportFolder(settingId: string, spreadsheetId: string): Folder {
  return deployment().driveFileOnly ? addonFolder(settingId.trim()) : boundFolder(settingId.trim(), spreadsheetId);
}

/** 내 드라이브, when the spreadsheet's folder turned out read-only (bound script). */
export function rootFolder(): string {
  return DriveApp.getRootFolder().getId();
}

/** Saves a blob as a file in the folder; its name and link. */
export function saveFile(folder: string, blob: GoogleAppsScript.Base.Blob): { name: string; url: string } {
  if (!deployment().driveFileOnly) {
    const f = DriveApp.getFolderById(folder).createFile(blob);
    return { name: f.getName(), url: f.getUrl() };
  }
  const name = blob.getName() ?? '';
  const f = advancedDrive().Files.create(
    { name, parents: [folder], mimeType: blob.getContentType() ?? undefined },
    blob,
    {
      supportsAllDrives: true,
      fields: 'id,name,webViewLink',
    },
  ) as { id?: string; name?: string; webViewLink?: string };
  return { name: f.name ?? name, url: f.webViewLink ?? `https://drive.google.com/file/d/${f.id ?? ''}/view` };
}

/**
 * The report as a PDF: Drive's export of the Google Doc (bound script), or the report's HTML
 * converted by Blob.getAs (add-on: DriveApp's export needs the whole Drive; the Doc is made from
 * the same HTML).
 */
export function pdfOf(docId: string, html: string, name: string): GoogleAppsScript.Base.Blob {
  const pdf = deployment().driveFileOnly
    ? Utilities.newBlob(html, 'text/html', `${name}.html`).getAs('application/pdf')
    : DriveApp.getFileById(docId).getAs('application/pdf');
  return pdf.setName(`${name}.pdf`);
}
