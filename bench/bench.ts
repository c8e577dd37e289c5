/** `npm run bench`: prints timings and Apps Script call counts. Nothing here asserts. */
import { benchFoundation, childReadValidate } from './foundation';
import { benchSummary } from './summary';
import { benchCalendar } from './calendar';
import { benchImport, childImport } from './import';

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child-read' && args[1]) return childReadValidate(args[1]);
  if (args[0] === '--child-import' && args[1] && args[2]) return childImport(args[1], args[2]);
  console.log(`# 시정 데스크 benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  await benchFoundation(__filename);
  await benchSummary();
  await benchCalendar();
  await benchImport(__filename);
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
