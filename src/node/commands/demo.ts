/** `npm start`: the main job on the bundled sample workbook, step by step. */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { outFlag, SWITCH, VALUE } from '../args';
import type { Command } from '../command';
import type { Io } from '../io';
import { discloseCommand } from './disclose';
import { init } from './init';
import { report } from './report';
import { summary } from './summary';
import { sync } from './sync';
import { validate } from './validate';

export interface DemoContext {
  readonly workbook: string;
  readonly outDir: string;
  /** --force: make the sample workbook again even when one is there. */
  readonly force: boolean;
}

export interface DemoStep {
  readonly title: string;
  run(ctx: DemoContext, io: Io): Promise<number>;
}

/**
 * The sample workbook, unless one is already there: what the user did in it (through the sidebar
 * preview, say) is kept and the steps run on it; --force makes it again, like `init --force`.
 */
async function sampleWorkbook({ workbook, force }: DemoContext, io: Io): Promise<number> {
  if (existsSync(workbook) && !force) {
    io.out(`이미 있는 예시 통합문서를 그대로 씁니다: ${workbook}`);
    io.out('  (바꾼 내용이 남아 있습니다. 처음부터 다시 만들려면: npm start -- --force)');
    return 0;
  }
  await fs.mkdir(path.dirname(workbook), { recursive: true });
  return init.run({ positionals: [workbook], values: { sample: true, force: true } }, io);
}

/** Steps run in order; features add theirs here. */
export const DEMO_STEPS: DemoStep[] = [
  {
    title: '예시 통합문서 만들기',
    run: sampleWorkbook,
  },
  {
    title: '입력 검사',
    run: ({ workbook }, io) => validate.run({ positionals: [workbook], values: {} }, io),
  },
  {
    title: '업무보고 만들기 (.docx, .hwpx, .html)',
    run: ({ workbook, outDir }, io) => report.run({ positionals: [workbook], values: { out: outDir } }, io),
  },
  {
    title: '일정 → 캘린더 파일 (.ics, 반복 회의 포함)',
    run: ({ workbook, outDir }, io) =>
      sync.run({ positionals: [workbook], values: { ics: path.join(outDir, 'sample.ics') } }, io),
  },
  {
    title: '주간 요약 메일 만들기 (기준일 다음 주, 2019-04-01 → .eml)',
    run: ({ workbook, outDir }, io) =>
      summary.run({ positionals: [workbook], values: { today: '2019-04-01', out: outDir } }, io),
  },
  {
    title: '업무추진비 공개 자료 (2019년 3월, .xlsx·.csv)',
    run: ({ workbook, outDir }, io) =>
      discloseCommand.run({ positionals: [workbook], values: { month: '2019-03', out: outDir } }, io),
  },
  {
    title: '사이드바 미리보기 안내',
    run: async ({ workbook }, io) => {
      const rel = path.relative(process.cwd(), workbook) || workbook;
      io.out('사이드바를 브라우저에서 열어 보려면 다음 명령을 실행하고, 출력된 주소(http://127.0.0.1:…)를 여세요.');
      io.out('예시 자료는 2019년 것이라, 기준일 다음 날(2019-04-01)을 오늘로 보고 엽니다:');
      io.out(`  npx sijeong serve ${rel.includes(' ') ? JSON.stringify(rel) : rel} --today 2019-04-01`);
      return 0;
    },
  },
];

export const demo: Command = {
  name: 'demo',
  summary: '예시 기관 자료로 전체 작업을 한 번 실행합니다 (npm start)',
  usage: 'sijeong demo [--out DIR] [--force]',
  options: { out: VALUE, force: SWITCH },
  async run({ values }, io) {
    const outDir = outFlag(values) ?? path.resolve('out');
    const workbook = path.join(outDir, 'sample.xlsx');
    const kept = existsSync(workbook) && values.force !== true;
    for (const [i, step] of DEMO_STEPS.entries()) {
      io.out(`\n[${i + 1}/${DEMO_STEPS.length}] ${step.title}`);
      const code = await step.run({ workbook, outDir, force: values.force === true }, io);
      if (code !== 0) {
        io.err(`'${step.title}' 단계가 실패했습니다 (종료 코드 ${code})`);
        if (kept) io.err('이미 있던 예시 통합문서로 실행했습니다. 처음부터 다시 하려면: npm start -- --force');
        return code;
      }
    }
    io.out(`\n완료. 예시 통합문서: ${workbook}`);
    io.out(`결과 폴더: ${outDir}`);
    return 0;
  },
};
