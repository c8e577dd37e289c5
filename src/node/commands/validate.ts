import { formatIssue } from '../../core/issues';
import { validate as runValidate } from '../../core/usecases/validate';
import type { Command } from '../command';
import { SWITCH, workbookArg } from '../args';
import { systemClock } from '../ports';
import { ValuesWorkbook } from '../xlsx';

export const validate: Command = {
  name: 'validate',
  summary: '모든 시트를 검사하고 문제를 시트·행·열(A1)과 함께 보여 줍니다 (오류가 있으면 종료 코드 1)',
  usage: 'sijeong validate <file.xlsx> [--json]',
  options: { json: SWITCH },
  async run({ positionals, values }, io) {
    const file = workbookArg(positionals, this.usage);
    // Validation only reads: the streaming reader needs a fraction of the memory.
    const r = runValidate({ workbook: await ValuesWorkbook.open(file), clock: systemClock });
    if (values.json) {
      io.out(
        JSON.stringify(
          r.issues.map((i) => ({
            severity: i.severity,
            sheet: i.sheet,
            row: i.row,
            column: i.column,
            a1: i.a1,
            message: i.message,
          })),
          null,
          2,
        ),
      );
    } else {
      for (const i of r.issues) io.out(formatIssue(i));
      io.out(
        r.ok ? `검사 통과: 오류 0건, 경고 ${r.warnings}건` : `검사 실패: 오류 ${r.errors}건, 경고 ${r.warnings}건`,
      );
    }
    return r.ok ? 0 : 1;
  },
};
