/**
 * `npm run bench`: prints timings and Apps Script call counts. Nothing here asserts.
 * `--only NAME` runs one section (foundation, summary, calendar, import, limits); `--json` prints that
 * section's figures as JSON and nothing else on stdout (the calendar section supports it).
 */
import { benchFoundation, childReadValidate } from './foundation';
import { benchSummary } from './summary';
import { benchCalendar, benchCalendarJson } from './calendar';
import { benchImport, childImport } from './import';
import { benchValidate, childValidate } from './validate';

const SECTIONS: Record<string, { text: () => Promise<void>; json?: () => Promise<void> }> = {
  foundation: { text: () => benchFoundation(__filename) },
  summary: { text: benchSummary },
  calendar: { text: benchCalendar, json: benchCalendarJson },
  import: { text: () => benchImport(__filename) },
  limits: { text: () => benchValidate(__filename) },
};

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child-read' && args[1]) return childReadValidate(args[1]);
  if (args[0] === '--child-import' && args[1] && args[2]) return childImport(args[1], args[2]);
  if (args[0] === '--child-validate' && args[1]) return childValidate(args[1]);
  const at = args.indexOf('--only');
  const only = at >= 0 ? args[at + 1] : undefined;
  const json = args.includes('--json');
  const names = only ? [only] : Object.keys(SECTIONS);
  for (const n of names) {
    if (!SECTIONS[n]) throw new Error(`unknown section ${n} (one of ${Object.keys(SECTIONS).join(', ')})`);
    if (json && !SECTIONS[n]?.json) throw new Error(`section ${n} has no --json output`);
  }
  if (!json) console.log(`# 시정 데스크 benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  for (const n of names) {
    const s = SECTIONS[n] as { text: () => Promise<void>; json?: () => Promise<void> };
    await (json && s.json ? s.json() : s.text());
  }
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
