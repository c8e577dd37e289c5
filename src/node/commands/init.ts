import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/ports';
import { sampleSheets, syntheticSheets } from '../../core/sample';
import { writeOffice } from '../../core/usecases/init';
import { planSetup } from '../../core/usecases/setup';
import { required, str, SWITCH, VALUE } from '../args';
import type { Command } from '../command';
import { makeFolderFor } from '../files';
import { lockWorkbook } from '../lock';
import { XlsxWorkbook } from '../xlsx';

export const init: Command = {
  name: 'init',
  summary: '새 통합문서를 만듭니다 (--sample: 예시 기관 자료, --synthetic N: N배 크기의 시험 자료)',
  usage: 'sijeong init <file.xlsx> [--sample | --synthetic N] [--force]',
  options: { sample: SWITCH, synthetic: VALUE, force: SWITCH },
  async run({ positionals, values }, io) {
    const file = required(positionals[0], '만들 파일 이름을 지정하세요', this.usage);
    makeFolderFor(file); // checked (no device, FIFO, folder; not under a file); the lock goes next to it
    await lockWorkbook(file, 'init');
    if (existsSync(file) && !values.force) {
      throw new UserError(`파일이 이미 있습니다: ${file} (덮어쓰려면 --force)`);
    }
    const syn = str(values, 'synthetic');
    if (values.sample && syn !== undefined) throw new UserError('--sample과 --synthetic은 함께 쓸 수 없습니다');
    let n = 0;
    if (syn !== undefined) {
      n = Number(syn);
      if (!Number.isInteger(n) || n < 1 || n > 1000)
        throw new UserError(`--synthetic에는 1부터 1000까지의 정수를 쓰세요 (입력값: ${syn})`);
    }
    const wb = XlsxWorkbook.create(file);
    if (values.sample) writeOffice(wb, sampleSheets());
    else if (n) writeOffice(wb, syntheticSheets(n));
    else wb.applySetup(planSetup({}));
    await wb.save(file);
    const kind = values.sample ? '예시 기관 자료' : n ? `시험 자료 ${n}배` : '빈 통합문서';
    io.out(`${kind}를 만들었습니다: ${path.resolve(file)}`);
    return 0;
  },
};
