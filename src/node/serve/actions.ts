/**
 * The feature actions of the local preview (NODE_ACTIONS): the sidebar's 업무보고 생성, 캘린더
 * 동기화 and 주간 요약 with the Node adapters — files in the output folder instead of Drive, an .ics
 * instead of Google Calendar, an .eml instead of MailApp — and the preview's weekly-trigger switch.
 */
import * as path from 'node:path';
import type { Ports } from '../../core/ports';
import type { ActionHook, ActionName, ActionResult, ServerDeps } from '../../core/sidebar';
import { syncActionResult, type SyncResult } from '../../core/calendar/result';
import { syncCalendar, syncQuestion } from '../../core/usecases/calendarSync';
import { calendarSyncAction, summaryPreviewAction } from '../../core/sidebar/actions';
import { previewSummary } from '../../core/usecases/summary';
import { reportResult, runReport, type DocumentSink } from '../../core/usecases/report';
import type { IcsFile } from '../calendar';
import { fileSink, REPORT_FORMAT_NAMES } from '../report';
import { writeEml } from '../summary';
import type { XlsxWorkbook } from '../xlsx';

/** What a Node feature action gets; async work (writing files) goes through `defer`. */
export interface NodeActionContext {
  readonly ports: Ports;
  readonly workbook: XlsxWorkbook;
  /** Folder for files the actions write (report .docx, summary .html, .ics …). */
  readonly outDir: string;
  /**
   * The URL of a file the action wrote in outDir ('/files/<name>'); only files given here are
   * served (src/node/serve/http.ts), so an action offers a download by asking for its URL.
   */
  fileUrl(file: string): string;
  /** The offline calendar (.ics), opened when the server starts and kept in memory. */
  readonly ics: IcsFile;
  /** Work the call must wait for before it answers (e.g. writing an .eml). */
  defer(work: Promise<unknown>): void;
  /**
   * For an action whose answer comes from async work (the report's .docx): the call waits for
   * `work` and answers with its result; a rejection answers as a failed file write. Returns the
   * placeholder the action returns meanwhile.
   */
  answerWith(work: Promise<ActionResult>): ActionResult;
}

export type NodeActionFactory = (ctx: NodeActionContext) => ActionHook;

/**
 * The feature actions offered in the local preview. Features register theirs here
 * (report, calendarSync, summaryPreview, summarySend); a missing one is not offered.
 */
export const NODE_ACTIONS: Partial<Record<ActionName, NodeActionFactory>> = {
  /** 업무보고 생성: .docx, .hwpx and .html in the output folder; the .docx linked, the .hwpx offered too. */
  report: (ctx) => () => {
    const files = fileSink(ctx.outDir, REPORT_FORMAT_NAMES, (f) => ctx.fileUrl(f));
    // One link (the document, captioned with its file name), the 한글 file to download, and where they were saved.
    const sink: DocumentSink = {
      publish: async (prepared) => {
        const out = await files.publish(prepared);
        const doc = out.files[0] ?? '';
        const hwpx = out.extra.filter((x) => x.name.endsWith('.hwpx'));
        return { ...out, caption: path.basename(doc), extra: hwpx, notes: [`저장 위치: ${doc}`] };
      },
    };
    // Invalid sheets throw here, synchronously; the files are written before the call answers.
    const run = runReport(ctx.ports, sink);
    return ctx.answerWith(Promise.resolve(run).then(reportResult));
  },
  /**
   * 캘린더 동기화 against the .ics file (as `sijeong sync --ics`): keys and hashes go to the
   * workbook (saved after the call), the .ics is written before it, and only when it changed. A
   * large first sync asks first, as in Sheets (one run and no daily quota offline: only the count).
   */
  calendarSync: (ctx) =>
    calendarSyncAction({
      question: () => syncQuestion(ctx.ports, ctx.ics.calendar, PREVIEW_SYNC),
      run: () => icsSync(ctx),
    }),
  summaryPreview: (ctx) => summaryPreviewAction(ctx.ports),
  /** Offline the preview does not send mail: the message is written as an .eml file. */
  summarySend: (ctx) => () => {
    const p = previewSummary(ctx.ports);
    const name = `summary-${p.week.label}.eml`;
    const file = path.join(ctx.outDir, name);
    ctx.defer(
      writeEml(
        file,
        { to: p.recipients, subject: p.subject, html: p.html, text: p.text },
        { date: ctx.ports.clock.now() },
      ),
    );
    return {
      ok: true,
      message: `미리보기에서는 메일을 보내지 않고 .eml 파일로 저장했습니다: ${name}`,
      link: { title: name, url: ctx.fileUrl(file) },
      details: p.recipientProblem ? [p.recipientProblem] : [`받는 사람: ${p.recipients.join(', ')}`],
    };
  },
};

/** Offline one run does it all: no time budget, no daily quota. */
const PREVIEW_SYNC = { budgetMs: Number.POSITIVE_INFINITY } as const;

function icsSync(ctx: NodeActionContext): ActionResult {
  let result: SyncResult;
  let changed = false;
  try {
    result = syncCalendar(ctx.ports, ctx.ics.calendar, PREVIEW_SYNC);
  } finally {
    // Also after a failure: the workbook (saved after the call) may already hold keys of
    // events the in-memory calendar has; the file must have them too.
    changed = ctx.ics.changed();
    if (changed) ctx.defer(ctx.ics.save());
  }
  const shaped = syncActionResult(result);
  const name = path.basename(ctx.ics.path);
  const served = path.dirname(ctx.ics.path) === ctx.outDir;
  return {
    ...shaped,
    details: [
      ...shaped.details,
      `${changed ? '캘린더 파일을 썼습니다' : '캘린더 파일은 바뀐 것이 없습니다'}: ${ctx.ics.path}`,
    ],
    ...(served ? { link: { title: name, url: ctx.fileUrl(ctx.ics.path) } } : {}),
  };
}

/** The store key of the local weekly-trigger switch (the preview only remembers it). */
const TRIGGER_KEY = 'preview.weeklyTrigger';

/** The weekly trigger switch of the preview: remembered in the store, no trigger is made. */
export function previewTriggers(ports: Pick<Ports, 'store'>): NonNullable<ServerDeps['triggers']> {
  return {
    get: () => ({
      on: ports.store.get(TRIGGER_KEY) === 'on',
      mine: true,
      note: "'요약 요일'과 '요약 시각'에 보냅니다. (미리보기: 실제 트리거는 Google Sheets에서 만들어집니다)",
    }),
    set: (on): ActionResult => {
      ports.store.set(TRIGGER_KEY, on ? 'on' : 'off');
      return {
        ok: true,
        message: on
          ? '주간 요약 자동 발송을 켰습니다. (미리보기: 실제 트리거는 Google Sheets에서 만들어집니다)'
          : '주간 요약 자동 발송을 껐습니다.',
      };
    },
  };
}

/** The hooks of the given factories, each made once with the context. */
export function makeActions(
  factories: Partial<Record<ActionName, NodeActionFactory>>,
  ctx: NodeActionContext,
): Partial<Record<ActionName, ActionHook>> {
  const actions: Partial<Record<ActionName, ActionHook>> = {};
  for (const [name, make] of Object.entries(factories) as [ActionName, NodeActionFactory | undefined][]) {
    if (make) actions[name] = make(ctx);
  }
  return actions;
}
