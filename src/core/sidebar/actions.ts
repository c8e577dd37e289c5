/**
 * Sidebar actions built from the feature use-cases, the same on both platforms (the platform gives
 * the ports): the weekly summary preview/send and the weekly trigger switch. The report action
 * is platform-specific (a Google Doc in Apps Script, files offline) and lives with each platform.
 */
import type { ActionHook, ServerDeps } from './context';
import type { ActionResult } from './views';
import {
  getWeeklyTrigger,
  previewSummary,
  sendWeeklySummary,
  setWeeklyTrigger,
  type SendDeps,
  type SummaryPorts,
  type TriggerDeps,
} from '../usecases/summary';

/** 주간 요약 미리보기: the e-mail as it would be sent; nothing is sent or marked. */
export function summaryPreviewAction(ports: SummaryPorts): ActionHook {
  return (): ActionResult => {
    const p = previewSummary(ports);
    const details = [
      p.recipients.length ? `받는 사람: ${p.recipients.join(', ')}` : `받는 사람 없음: ${p.recipientProblem}`,
      p.sentAt ? `이번 주 요약은 이미 보냈습니다 (${p.sentAt}).` : '이번 주 요약은 아직 보내지 않았습니다.',
    ];
    return { ok: true, message: `${p.subject} (${p.week.range})`, details, html: p.html };
  };
}

/** 주간 요약 보내기: at most once a week (the use-case checks). */
export function summarySendAction(deps: SendDeps, via = '사이드바'): ActionHook {
  return (): ActionResult => {
    const r = sendWeeklySummary(deps, { via });
    return {
      ok: true,
      message: r.message,
      details: r.recipients.length ? [`받는 사람: ${r.recipients.join(', ')}`] : [],
    };
  };
}

/** The weekly summary trigger for the settings switch. */
export function summaryTriggers(deps: TriggerDeps): NonNullable<ServerDeps['triggers']> {
  return {
    get: () => getWeeklyTrigger(deps).on,
    set: (on) => {
      const s = setWeeklyTrigger(deps, on);
      return {
        ok: true,
        message: s.on ? `주간 요약 자동 발송을 켰습니다: ${s.label}` : '주간 요약 자동 발송을 껐습니다.',
      };
    },
  };
}
