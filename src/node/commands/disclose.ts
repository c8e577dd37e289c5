import { parseMonth } from '../../core/disclosure';
import { groupDigits } from '../../core/format';
import { UserError } from '../../core/ports';
import { disclose } from '../../core/usecases/disclose';
import { openWorkbook, outDirOf, required, str, VALUE, workbookArg } from '../args';
import type { Command } from '../command';
import { nodePorts } from '../ports';
import { writeDisclosureFiles } from '../disclosure';

export const discloseCommand: Command = {
  name: 'disclose',
  summary: '한 달의 업무추진비 사용 내역을 서울시 공개 양식(.xlsx, .csv)으로 만듭니다',
  usage: 'sijeong disclose <file.xlsx> --month YYYY-MM [--out DIR]',
  options: { month: VALUE, out: VALUE },
  async run({ positionals, values }, io) {
    const month = required(str(values, 'month'), '--month YYYY-MM을 지정하세요', this.usage);
    if (!parseMonth(month)) throw new UserError(`--month에는 YYYY-MM 형식의 달을 쓰세요 (입력값: '${month}')`);
    const outDir = outDirOf(values, workbookArg(positionals, this.usage));
    const wb = await openWorkbook(positionals[0], this.usage);
    const ports = nodePorts(wb);
    const { disclosure: d } = disclose(ports, month);
    const files = await writeDisclosureFiles(d, outDir);
    // The run's 기록 row is the only write (as in Apps Script); saveChanges saves only what was written.
    await wb.saveChanges();
    io.out(`${d.title}: ${d.rows.length}건, 합계 ${groupDigits(d.total)}원`);
    for (const f of files) io.out(f);
    return 0;
  },
};
