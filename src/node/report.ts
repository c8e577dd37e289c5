/**
 * The 업무보고 as files: the table of output formats and the document sink of the CLI and the
 * local preview. A new format is one entry in REPORT_FORMATS (its renderer); `--format`, its
 * message and the default list follow from the table.
 */
import * as path from 'node:path';
import type { DocModel } from '../core/docmodel';
import type { MaybePromise } from '../core/maybe';
import type { DocumentSink, PreparedReport, PublishedReport } from '../core/usecases/report';
import { renderDocx } from '../render/docx';
import { renderHtml } from '../render/html';
import { renderHwpx } from '../render/hwpx';
import { fitFileName, writeFileAtomic } from './files';

/** Every output format and its renderer, in the order files are written (the first is the document). */
export const REPORT_FORMATS = {
  docx: (doc: DocModel): MaybePromise<Uint8Array | string> => renderDocx(doc, { creator: '시정 데스크' }),
  hwpx: (doc: DocModel): MaybePromise<Uint8Array | string> => renderHwpx(doc, { creator: '시정 데스크' }),
  html: (doc: DocModel): MaybePromise<Uint8Array | string> => renderHtml(doc),
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

/** The format names, in table order: the default of `--format`. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}

export async function writeReportFiles(
  prepared: PreparedReport,
  outDir: string,
  formats: readonly ReportFormat[],
): Promise<string[]> {
  const written: string[] = [];
  for (const f of formats) {
    // A long 기관명 and 보고서 제목 are shortened to a name file systems take, keeping (기준일) and .ext.
    const file = path.join(outDir, fitFileName(prepared.name, f, '업무보고'));
    await writeFileAtomic(file, await REPORT_FORMATS[f](prepared.doc));
    written.push(file);
  }
  return written;
}

/** What the file sink published, with the paths it wrote (the document first). */
export interface PublishedFiles extends PublishedReport {
  readonly files: readonly string[];
}

/**
 * The document sink offline: one file per format in `outDir`; the first is the document, the
 * others are extra links. `linkOf` gives a file's URL (file:// for the CLI, /files/… for the
 * preview).
 */
export function fileSink(
  outDir: string,
  formats: readonly ReportFormat[],
  linkOf: (file: string) => string,
): DocumentSink<PublishedFiles> {
  return {
    publish: async (prepared) => {
      const files = await writeReportFiles(prepared, outDir, formats);
      const [first = '', ...rest] = files;
      return {
        name: prepared.name,
        url: linkOf(first),
        extra: rest.map((f) => ({ name: path.basename(f), url: linkOf(f) })),
        notes: [],
        files,
      };
    },
  };
}
