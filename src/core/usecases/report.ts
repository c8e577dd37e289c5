/** `report`: the 업무보고 from the workbook as of 기준일. No document when validation finds an error. */
import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../dates';
import type { DocModel } from '../docmodel';
import { formatIssue, type Issue } from '../issues';
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

/** Where the generated document went. */
export interface ReportOutput {
  readonly name: string;
  readonly url: string;
  /** Extra files (e.g. the PDF copy, the .html next to the .docx). */
  readonly extra?: readonly { readonly name: string; readonly url: string }[];
}

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
export function recordReport(ports: Ports, prepared: PreparedReport, output: ReportOutput): void {
  const latest: LatestReport = { name: output.name, url: output.url, at: ports.clock.now().toISOString() };
  ports.store.set(LATEST_REPORT_KEY, JSON.stringify(latest));
  const warn = prepared.warnings.length ? ` (경고 ${prepared.warnings.length}건)` : '';
  appendLog(ports, '업무보고 생성', prepared.warnings.length ? '경고' : '성공', `${output.name}${warn} ${output.url}`);
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
