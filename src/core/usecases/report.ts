/**
 * `report`: the 업무보고 from the workbook as of 기준일, written once for every platform:
 * validate → build the DocModel → render and store it (the document sink) → record in 기록.
 * A run that makes no document (invalid sheets, a failed render or upload) is recorded too.
 * The Apps Script menu and sidebar (src/gas), the CLI (src/node/commands/report.ts) and the local
 * preview (src/node/serve/actions.ts) differ only in their sink.
 */
import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../dates';
import type { DocModel } from '../docmodel';
import { formatIssue, type Issue } from '../issues';
import { andThen, type MaybePromise } from '../maybe';
import type { Office } from '../model';
import type { Ports } from '../ports';
import { readStoreJson, UserError } from '../ports';
import { buildReport, reportName, type ReportOptions } from '../report';
import { appendLog } from '../log';
import { loadOffice } from '../office';
import { summarizeIssues } from './validate';

export interface PreparedReport {
  readonly office: Office;
  readonly name: string;
  readonly asOf: LocalDate;
  readonly doc: DocModel;
  /** Warnings are shown; the report is still made. */
  readonly warnings: readonly Issue[];
}

export interface OutputLink {
  readonly name: string;
  readonly url: string;
}

/**
 * What a document sink made of the report: the document (`name`, `url`: written to 기록 and kept
 * as the newest report) and what goes with it.
 */
export interface PublishedReport extends OutputLink {
  /** The caption of the document's link where it is shown (default: `name`), e.g. the .docx file. */
  readonly caption?: string;
  /** Other files made (the PDF copy, the .html next to the .docx), shown as links. */
  readonly extra: readonly OutputLink[];
  /** Korean lines about where or how it was stored (a fallback folder, the folder on disk). */
  readonly notes: readonly string[];
}

/**
 * The document sink port: renders the prepared report in its formats and stores the outputs
 * (a Google Doc converted by Drive in Apps Script; files offline). It may answer with a Promise
 * (Node's .docx renderer is asynchronous); a synchronous sink gets a synchronous run.
 */
export interface DocumentSink<P extends PublishedReport = PublishedReport> {
  publish(prepared: PreparedReport): MaybePromise<P>;
}

export interface SyncDocumentSink<P extends PublishedReport = PublishedReport> extends DocumentSink<P> {
  publish(prepared: PreparedReport): P;
}

/** A finished run: what the sink published, with every line to show beside it. */
export type ReportRun<P extends PublishedReport = PublishedReport> = P & {
  /** The sink's notes, then the warnings that did not stop the report (sheet!A1 lines). */
  readonly warnings: readonly string[];
};

/** The store key under which the newest report's link is kept (sidebar, weekly summary). */
export const LATEST_REPORT_KEY = 'report.latest';

export interface LatestReport {
  readonly name: string;
  readonly url: string;
  readonly at: string;
}

/** Loads and validates the workbook and builds the DocModel; throws UserError listing every error. */
export function prepareReport(ports: Pick<Ports, 'workbook' | 'clock'>, opts: ReportOptions = {}): PreparedReport {
  if (opts.asOf !== undefined && !isLocalDate(opts.asOf)) {
    throw new UserError(`기준일은 YYYY-MM-DD 형식의 날짜여야 합니다 (입력값: '${opts.asOf}')`);
  }
  const { office, issues } = loadOffice(ports);
  const checked = summarizeIssues(issues);
  if (!checked.ok) {
    throw new UserError(
      `입력 오류 ${checked.errors}건이 있어 업무보고를 만들지 않았습니다. 아래 칸을 고친 뒤 다시 실행하세요.`,
      { kind: 'validation', details: checked.issues.filter((i) => i.severity === 'error').map(formatIssue) },
    );
  }
  const asOf = opts.asOf ?? office.settings.asOf;
  return {
    office,
    name: reportName(office, asOf),
    asOf,
    doc: buildReport(office, { ...opts, asOf }),
    warnings: checked.issues.filter((i) => i.severity === 'warning'),
  };
}

/** Writes 기록 and remembers the newest report's link. */
export function recordReport(ports: Ports, prepared: PreparedReport, output: OutputLink): void {
  const latest: LatestReport = { name: output.name, url: output.url, at: ports.clock.now().toISOString() };
  ports.store.set(LATEST_REPORT_KEY, JSON.stringify(latest));
  const warn = prepared.warnings.length ? ` (경고 ${prepared.warnings.length}건)` : '';
  appendLog(
    ports,
    '업무보고 생성',
    prepared.warnings.length ? '경고' : '성공',
    `${output.name}${warn}${output.url ? ` ${output.url}` : ''}`,
  );
}

export const latestReportSchema = z.object({ name: z.string(), url: z.string(), at: z.string() });

export function latestReport(ports: Pick<Ports, 'store'>): LatestReport | null {
  return readStoreJson(ports.store, LATEST_REPORT_KEY, latestReportSchema);
}

/** Logs a report run that did not produce a document. */
export function recordReportFailure(ports: Ports, e: unknown): void {
  const msg = e instanceof UserError ? [e.message, ...e.details].join('\n') : String(e);
  appendLog(ports, '업무보고 생성', '실패', msg);
}

/**
 * One report run: prepare → publish through the sink → record; a failure of either step is
 * recorded in 기록 and rethrown (nothing is remembered as the newest report).
 *
 * Why `andThen` and not `async`: Apps Script must get its answer synchronously (a server function
 * cannot return a Promise), while Node's sink renders the .docx asynchronously. `andThen` runs the
 * rest at once after a synchronous publish and after the Promise otherwise, so the orchestration
 * is written once and each platform gets the run in its own time: a synchronous sink gives a
 * ReportRun, an asynchronous one a Promise of it. Validation errors throw synchronously either way.
 */
export function runReport<P extends PublishedReport>(
  ports: Ports,
  sink: SyncDocumentSink<P>,
  opts?: ReportOptions,
): ReportRun<P>;
export function runReport<P extends PublishedReport>(
  ports: Ports,
  sink: DocumentSink<P>,
  opts?: ReportOptions,
): MaybePromise<ReportRun<P>>;
export function runReport<P extends PublishedReport>(
  ports: Ports,
  sink: DocumentSink<P>,
  opts: ReportOptions = {},
): MaybePromise<ReportRun<P>> {
  const fail = (e: unknown): never => {
    // A failed upload or write (quota, permission, disk) is logged like a validation failure.
    recordReportFailure(ports, e);
    throw e;
  };
  let prepared: PreparedReport;
  try {
    prepared = prepareReport(ports, opts);
  } catch (e) {
    return fail(e);
  }
  return andThen(
    () => sink.publish(prepared),
    (out): ReportRun<P> => {
      recordReport(ports, prepared, out);
      return { ...out, warnings: [...out.notes, ...prepared.warnings.map(formatIssue)] };
    },
    fail,
  );
}

/** The message, link and lines of a finished run, as the sidebar (and the menu's dialog) show it. */
export function reportResult(run: ReportRun): {
  readonly ok: true;
  readonly message: string;
  readonly link: { readonly title: string; readonly url: string };
  readonly links: readonly { readonly title: string; readonly url: string }[];
  readonly details: readonly string[];
} {
  return {
    ok: true,
    message: `업무보고를 만들었습니다: ${run.name}`,
    link: { title: run.caption ?? run.name, url: run.url },
    links: run.extra.map((x) => ({ title: x.name, url: x.url })),
    details: run.warnings,
  };
}
