import { describeSetup, setup as runSetup } from '../../core/usecases/setup';
import type { Command } from '../command';
import { nodePorts } from '../ports';
import { openWorkbook } from '../args';

export const setup: Command = {
  name: 'setup',
  summary: '빠진 시트와 열을 만들고 서식·목록을 맞춥니다 (기존 행은 바꾸지 않음)',
  usage: 'sijeong setup <file.xlsx>',
  options: {},
  async run({ positionals }, io) {
    const wb = await openWorkbook(positionals[0], this.usage);
    const r = runSetup(nodePorts(wb));
    await wb.saveChanges();
    io.out(`시트 준비: ${describeSetup(r)}`);
    return 0;
  },
};
