/** Weekly summary benchmarks: build + render time at 100× and the Apps Script call counts. */
import { parseOffice } from '../src/core/parse';
import { sampleSheets, syntheticSheets } from '../src/core/sample';
import { buildSummary, renderSummaryEmail, takeSnapshot } from '../src/core/summary';
import { call, loadBundle } from '../test/support/bundle';
import { fakeWith } from '../test/support/gas';
import { heading, ms, row, time } from './util';

export async function benchSummary(): Promise<void> {
  heading('주간 요약: build and render (synthetic 100: 5,000 일정, 2,000 outline lines, 50,000 ledger rows)');
  const parsed = time(() => parseOffice(syntheticSheets(100)));
  const big = parsed.value.office;
  row('일정 / outline lines / ledger rows', `${big.events.length} / ${big.tasks.length} / ${big.ledger.length}`);
  row('parse (for reference)', ms(parsed.ms));
  const today = '2019-04-01';
  const built = time(() => buildSummary(big, { today, issues: parsed.value.issues }));
  const snap = time(() => takeSnapshot(big, built.value.week.start));
  const withPrev = time(() =>
    buildSummary(big, { today: '2019-04-08', previous: snap.value, issues: parsed.value.issues }),
  );
  const email = time(() => renderSummaryEmail(withPrev.value));
  row('build summary (first week)', ms(built.ms));
  row('snapshot', ms(snap.ms), `${JSON.stringify(snap.value).length} bytes (limit 9,216)`);
  row('build summary (with changes since last)', ms(withPrev.ms));
  row(
    'render HTML + text',
    ms(email.ms),
    `HTML ${(email.value.html.length / 1024).toFixed(0)} KB, text ${(email.value.text.length / 1024).toFixed(0)} KB`,
  );
  row('build + render', ms(withPrev.ms + email.ms));

  heading('주간 요약: Apps Script service calls (in-memory fake; same for any row count)');
  for (const [label, sheets] of [
    ['sample', sampleSheets()],
    ['--synthetic 1', syntheticSheets(1)],
    ['--synthetic 20', syntheticSheets(20)],
  ] as const) {
    const fake = fakeWith(sheets);
    const ctx = loadBundle(fake);
    fake.calls.reset();
    call(ctx, 'runAction', 'summarySend');
    const send = fake.calls.total;
    const reads = fake.calls.byMethod['Range.getValues'] ?? 0;
    fake.calls.reset();
    call(ctx, 'runAction', 'summarySend');
    const again = fake.calls.total;
    fake.calls.reset();
    call(ctx, 'runAction', 'summaryPreview');
    const preview = fake.calls.total;
    fake.calls.reset();
    call(ctx, 'toggleWeeklyTrigger', true);
    const on = fake.calls.total;
    row(
      label,
      `send ${send} (getValues ${reads}, mails ${fake.mail.sent.length})`,
      `already sent ${again}`,
      `preview ${preview}`,
      `trigger on ${on}`,
    );
  }
}
