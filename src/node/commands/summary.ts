/**
 * `sijeong summary <file.xlsx> [--today YYYY-MM-DD] [--out DIR] [--send]`: writes the week's summary
 * as DIR/summary-<ISO week>.eml (e.g. summary-2019-W14.eml) and, with --send, sends it by SMTP.
 * The once-per-week mark and the "바뀐 점" snapshot live in `<file.xlsx>.state.json`; they change
 * only when an e-mail was actually sent.
 */
import * as path from 'node:path';
import { UserError } from '../../core/ports';
import { previewSummary, SUMMARY_OPERATION, sendWeeklySummary, type SendResult } from '../../core/usecases/summary';
import { appendLog } from '../../core/log';
import { openWorkbook, outDirOf, SWITCH, todayClock, VALUE, workbookArg } from '../args';
import { printUserError, type Command } from '../command';
import { nodePorts } from '../ports';
import { JsonFileStore } from '../store';
import { OutboxMailer, senderFromEnv, sendSmtp, smtpConfigFromEnv, writeEml } from '../summary';
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
    try {
      const sent = await sendSmtp(mail, smtp, now);
      io.out(`${result.message} (SMTP ${smtp.describe}, ${sent.accepted.length}명 수락)`);
    } catch (e) {
      // Nothing was sent: 기록 says so, and the week is not marked (the state file is not saved).
      const fresh = await XlsxWorkbook.open(wb.path);
      appendLog(
        nodePorts(fresh, { store, ...(clock ? { clock } : {}) }),
        SUMMARY_OPERATION,
        '실패',
        `CLI: ${(e as Error).message}`,
      );
      await fresh.save();
      // The run was made and failed after the .eml was written (기록 has it): exit code 1, as for
      // a run stopped by the workbook's content, not 2 (a command that could not start).
      printUserError(
        io,
        new UserError((e as Error).message, { kind: 'io', details: [`.eml 파일은 만들었습니다: ${file}`] }),
      );
      return 1;
    }
    store.save();
    await wb.save();
    io.out(`상태 파일: ${store.path}`);
    return 0;
  },
};
