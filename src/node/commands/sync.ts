import { syncActionResult, type SyncResult } from '../../core/calendar/result';
import { syncCalendar } from '../../core/usecases/calendarSync';
import { UserError } from '../../core/ports';
import { IcsFile } from '../calendar';
import { openWorkbook, str } from '../args';
import type { Command } from '../command';
import { checkOutFile } from '../files';
import { nodePorts } from '../ports';

export const sync: Command = {
  name: 'sync',
  summary: '일정 시트를 .ics 캘린더 파일과 맞춥니다 (키·해시는 통합문서에 저장, 바뀐 것이 없으면 파일도 그대로)',
  usage: 'sijeong sync <file.xlsx> --ics <file.ics> [--json]',
  options: { ics: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const icsPath = str(values, 'ics');
    if (!positionals[0]) throw new UserError(`통합문서 파일을 지정하세요. 사용법: ${this.usage}`);
    if (!icsPath)
      throw new UserError(
        `--ics로 캘린더 파일을 지정하세요 (오프라인에서는 .ics 파일과 동기화합니다). 사용법: ${this.usage}`,
      );
    checkOutFile(icsPath, '--ics'); // before the workbook is locked or read
    const wb = await openWorkbook(positionals[0], this.usage);
    const ports = nodePorts(wb);
    const ics = await IcsFile.open(icsPath, ports.clock);
    let result: SyncResult;
    try {
      result = syncCalendar(ports, ics.calendar, { budgetMs: Number.POSITIVE_INFINITY });
    } catch (e) {
      await wb.saveChanges(); // the failure is in 기록
      throw e;
    }
    // The .ics first: if saving the workbook then fails, the rerun finds every event by its key.
    const wrote = await ics.save();
    await wb.saveChanges();
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else {
      const shaped = syncActionResult(result);
      io.out([shaped.message, ...shaped.details].join('\n'));
    }
    io.out(`${wrote ? '캘린더 파일을 썼습니다' : '캘린더 파일은 바뀐 것이 없습니다'}: ${ics.path}`);
    io.out(`통합문서: ${wb.info().id}`);
    return 0;
  },
};
