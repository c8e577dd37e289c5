/**
 * `sijeong summary <file.xlsx> [--today YYYY-MM-DD] [--out DIR] [--send]`: writes the week's summary
 * as DIR/summary-<ISO week>.eml (e.g. summary-2019-W14.eml) and, with --send, sends it by SMTP.
 * The once-per-week mark and the "바뀐 점" snapshot live in `<file.xlsx>.state.json`; they change
 * only when an e-mail was actually sent to every recipient. When the server refuses some of them,
 * 기록 says so and the state file keeps who got it: the next run sends to the others only.
 */
import * as path from 'node:path';
import * as z from 'zod';
import { appendLog } from '../../core/log';
import { readStoreJson, UserError, type Ports, type Store } from '../../core/ports';
import type { SummaryWeek } from '../../core/summary/model';
import { previewSummary, SUMMARY_OPERATION, sendWeeklySummary, type SendResult } from '../../core/usecases/summary';
import { openWorkbook, outDirOf, SWITCH, todayClock, VALUE, workbookArg } from '../args';
import { printUserError, type Command } from '../command';
import type { Io } from '../io';
import { nodePorts } from '../ports';
import { JsonFileStore } from '../store';
import { OutboxMailer, senderFromEnv, sendSmtp, smtpConfigFromEnv, writeEml, type SmtpResult } from '../summary';
import { XlsxWorkbook } from '../xlsx';

export const summary: Command = {
  name: 'summary',
  summary: '이번 주 요약 메일을 .eml로 만들고, --send면 SMTP로 보냅니다 (한 주에 한 번)',
  usage: 'sijeong summary <file.xlsx> [--today YYYY-MM-DD] [--out DIR] [--send]',
  options: { today: VALUE, out: VALUE, send: SWITCH },
  async run({ positionals, values }, io) {
    const clock = todayClock(values);
    // Check the SMTP settings before reading anything, so a cron job fails fast and clearly.
    const smtp = values.send ? smtpConfigFromEnv() : null;
    const outDir = outDirOf(values, workbookArg(positionals, this.usage));
    const wb = await openWorkbook(positionals[0], this.usage);
    const store = JsonFileStore.forWorkbook(wb.path);
    const ports = nodePorts(wb, { store, ...(clock ? { clock } : {}) });
    const now = ports.clock.now();

    const preview = previewSummary(ports);
    const file = path.join(outDir, `summary-${preview.week.label}.eml`);
    const message = { to: preview.recipients, subject: preview.subject, html: preview.html, text: preview.text };
    const from = smtp?.from ?? senderFromEnv();
    await writeEml(file, message, { from, date: now });
    io.out(`주간 요약 (${preview.week.range}, ${preview.week.label}): ${preview.subject}`);
    io.out(file);
    if (!from) io.out('보낸 사람은 비워 두었습니다: SMTP_FROM 환경 변수(예: desk@example.go.kr)를 설정하면 넣습니다.');
    if (preview.recipientProblem) io.err(`주의: ${preview.recipientProblem}`);
    if (!smtp) {
      if (preview.sentAt) io.out(`이번 주 요약은 이미 보냈습니다 (${preview.sentAt}).`);
      return 0;
    }

    const mailer = new OutboxMailer();
    // Offline there is no add-on owner to mail: failures go to stderr (cron mails it) and 기록.
    let result: SendResult;
    try {
      result = sendWeeklySummary({ ...ports, mailer, owner: () => '' }, { via: 'CLI' });
    } catch (e) {
      await wb.saveChanges(); // keeps the 실패 row the use-case wrote to 기록
      throw e;
    }
    if (result.status === 'skipped') {
      await wb.saveChanges();
      io.out(result.message);
      return 0;
    }
    const [mail] = mailer.outbox;
    if (!mail) throw new Error('summary: no message queued');
    // A week sent in part before: this run sends only to those who did not get it.
    const earlier = readPartial(store, result.week.start);
    const owed = earlier ? mail.to.filter((a) => !earlier.accepted.includes(a)) : [...mail.to];
    const reopen = async (): Promise<Ports> =>
      nodePorts(await XlsxWorkbook.open(wb.path), { store, ...(clock ? { clock } : {}) });
    let sent: SmtpResult = { messageId: '', accepted: [], rejected: [] };
    try {
      if (owed.length) sent = await sendSmtp({ ...mail, to: owed }, smtp, now);
    } catch (e) {
      // Nothing was sent: 기록 says so, and the week is not marked (the state file is not saved).
      const fresh = await reopen();
      appendLog(fresh, SUMMARY_OPERATION, '실패', `CLI: ${(e as Error).message}`);
      await (fresh.workbook as XlsxWorkbook).save();
      // The run was made and failed after the .eml was written (기록 has it): exit code 1, as for
      // a run stopped by the workbook's content, not 2 (a command that could not start).
      printUserError(
        io,
        new UserError((e as Error).message, { kind: 'io', details: [`.eml 파일은 만들었습니다: ${file}`] }),
      );
      return 1;
    }
    const got = [...(earlier?.accepted ?? []), ...sent.accepted];
    if (sent.rejected.length) return partialDelivery(io, { store, reopen, week: result.week, got, sent, now, file });
    store.delete(PARTIAL_KEY);
    if (earlier) {
      // The use-case's 기록 row names every recipient; this run sent to the refused ones only.
      const fresh = await reopen();
      appendLog(
        fresh,
        SUMMARY_OPERATION,
        '성공',
        `CLI: ${result.week.range} 주간 요약을 지난번에 거부된 ${owed.join(', ')}에게 다시 보내 모두 ${got.length}명이 받았습니다`,
      );
      store.save();
      await (fresh.workbook as XlsxWorkbook).save();
      io.out(`지난번에 거부된 ${owed.length}명에게 다시 보냈습니다 (SMTP ${smtp.describe}): ${owed.join(', ')}`);
    } else {
      store.save();
      await wb.save();
      io.out(`${result.message} (SMTP ${smtp.describe}, ${sent.accepted.length}명 수락)`);
    }
    io.out(`상태 파일: ${store.path}`);
    return 0;
  },
};

/** Store key of a week sent in part: {week, accepted, at}; the next run sends to the others. */
export const PARTIAL_KEY = 'summary.partial';

const partialSchema = z.object({ week: z.string(), accepted: z.array(z.string()), at: z.string() });

function readPartial(store: Store, week: string): z.infer<typeof partialSchema> | null {
  const p = readStoreJson(store, PARTIAL_KEY, partialSchema);
  return p && p.week === week ? p : null;
}

/**
 * Some recipients refused: 기록 says who got it and who did not (and why), the state file keeps
 * who got it (the week is not marked sent, so the next run retries the refused ones only).
 */
async function partialDelivery(
  io: Io,
  run: {
    store: JsonFileStore;
    reopen: () => Promise<Ports>;
    week: SummaryWeek;
    got: readonly string[];
    sent: SmtpResult;
    now: Date;
    file: string;
  },
): Promise<number> {
  const refused = run.sent.rejected.map((r) => (r.reason ? `${r.address} (${r.reason})` : r.address));
  const text = `${run.week.range} 주간 요약을 일부만 보냈습니다. 받음 ${run.got.length}명: ${run.got.join(', ')}; 거부 ${refused.length}명: ${refused.join(', ')}. 다음 실행 때 거부된 사람에게만 다시 보냅니다`;
  run.store.revert();
  run.store.set(PARTIAL_KEY, JSON.stringify({ week: run.week.start, accepted: run.got, at: run.now.toISOString() }));
  const fresh = await run.reopen();
  appendLog(fresh, SUMMARY_OPERATION, '경고', `CLI: ${text}`);
  await (fresh.workbook as XlsxWorkbook).save();
  run.store.save();
  printUserError(
    io,
    new UserError(`주간 요약을 일부만 보냈습니다: ${refused.length}명이 거부했습니다`, {
      kind: 'io',
      details: [...refused.map((r) => `거부: ${r}`), `받음: ${run.got.join(', ')}`, `.eml 파일: ${run.file}`],
    }),
  );
  return 1;
}
