/** Writes the 업무보고 as .docx and/or .html files. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { PreparedReport } from '../core/usecases/report';
import { renderDocx } from '../render/docx';
import { renderHtml } from '../render/html';

export type ReportFormat = 'docx' | 'html';

/** A file name without characters that file systems refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '업무보고';
}

export async function writeReportFiles(
  prepared: PreparedReport,
  outDir: string,
  formats: readonly ReportFormat[],
): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const base = path.join(outDir, safeFileName(prepared.name));
  const written: string[] = [];
  for (const f of formats) {
    const file = `${base}.${f}`;
    const data = f === 'docx' ? await renderDocx(prepared.doc, { creator: '시정 데스크' }) : renderHtml(prepared.doc);
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
    written.push(file);
  }
  return written;
}
