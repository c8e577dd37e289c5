/** Opening the workbook a command names, with Korean errors. */
import { UserError } from '../../core/ports';
import { XlsxWorkbook } from '../xlsx';

export async function openWorkbook(file: string | undefined, usage: string): Promise<XlsxWorkbook> {
  if (!file) throw new UserError(`통합문서 파일을 지정하세요. 사용법: ${usage}`);
  return XlsxWorkbook.open(file);
}
