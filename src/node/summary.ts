/**
 * The Mailer port offline: messages are queued while the (synchronous) use-case runs, then written
 * as .eml (nodemailer's streamTransport) and, on request, sent by SMTP (nodemailer).
 *
 * SMTP settings come from the environment: SMTP_URL (smtp://user:pass@host:587, smtps://… for
 * TLS on connect), or SMTP_HOST, SMTP_PORT (587; 465 means TLS on connect), SMTP_USER, SMTP_PASS;
 * SMTP_FROM is the sender ('시정 데스크 <desk@example.go.kr>'; default SMTP_USER); SMTP_DEADLINE
 * the seconds the whole send may take (default 120: a server that keeps talking is cut off).
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { UserError } from '../core/ports';
import type { MailMessage, Mailer } from '../core/summary/ports';
import { writeFileAtomic } from './files';

export const SENDER_NAME = '시정 데스크';

/** Keeps every message for the caller to write or send after the use-case returns. */
export class OutboxMailer implements Mailer {
  readonly outbox: MailMessage[] = [];
  send(message: MailMessage): void {
    this.outbox.push(message);
  }
  remainingQuota(): number {
    return Number.POSITIVE_INFINITY;
  }
}

export interface SmtpConfig {
  readonly transport: string | SMTPTransport.Options;
  readonly from: string;
  /** For messages: host and port, never the password. */
  readonly describe: string;
  /** The whole send (connect, greeting, every reply, the message) must end within this. */
  readonly deadlineMs: number;
}

/** Default of SMTP_DEADLINE (seconds). */
export const SMTP_DEADLINE_S = 120;

function deadlineOf(env: NodeJS.ProcessEnv): number {
  const raw = env.SMTP_DEADLINE?.trim();
  if (!raw) return SMTP_DEADLINE_S * 1000;
  const s = Number(raw);
  if (!(s > 0 && s <= 3600)) throw new UserError(`SMTP_DEADLINE에는 1~3600초를 쓰세요 (입력값: ${raw})`);
  return s * 1000;
}

const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as const;

/** SMTP settings from the environment; a UserError naming the variables when they are missing. */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig {
  const url = env.SMTP_URL?.trim();
  const user = env.SMTP_USER?.trim() ?? '';
  const fromEnv = env.SMTP_FROM?.trim() ?? '';
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UserError('SMTP_URL 형식이 맞지 않습니다. 예: smtp://사용자:비밀번호@smtp.example.go.kr:587');
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
      throw new UserError(`SMTP_URL은 smtp:// 또는 smtps://로 시작해야 합니다 (입력값의 프로토콜: ${parsed.protocol})`);
    }
    const urlUser = decodeURIComponent(parsed.username);
    const from = fromEnv || urlUser || user;
    if (!from)
      throw new UserError('보내는 사람 주소가 없습니다. SMTP_FROM 환경 변수를 설정하세요 (예: desk@example.go.kr)');
    const secure = parsed.protocol === 'smtps:';
    const port = parsed.port ? Number(parsed.port) : secure ? 465 : 587;
    return {
      transport: {
        host: parsed.hostname,
        port,
        secure,
        ...(urlUser ? { auth: { user: urlUser, pass: decodeURIComponent(parsed.password) } } : {}),
        ...TIMEOUTS,
      },
      from,
      describe: `${parsed.hostname}:${port}`,
      deadlineMs: deadlineOf(env),
    };
  }
  const host = env.SMTP_HOST?.trim();
  if (!host) {
    throw new UserError(
      '--send에는 SMTP 설정이 필요합니다. SMTP_URL(예: smtp://사용자:비밀번호@smtp.example.go.kr:587) 또는 SMTP_HOST·SMTP_PORT·SMTP_USER·SMTP_PASS·SMTP_FROM 환경 변수를 설정하세요',
    );
  }
  const port = env.SMTP_PORT ? Number(env.SMTP_PORT) : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UserError(`SMTP_PORT가 올바른 포트 번호가 아닙니다: ${env.SMTP_PORT}`);
  const from = fromEnv || user;
  if (!from)
    throw new UserError('보내는 사람 주소가 없습니다. SMTP_FROM 환경 변수를 설정하세요 (예: desk@example.go.kr)');
  return {
    transport: {
      host,
      port,
      secure: port === 465,
      ...(user ? { auth: { user, pass: env.SMTP_PASS ?? '' } } : {}),
      ...TIMEOUTS,
    },
    from,
    describe: `${host}:${port}`,
    deadlineMs: deadlineOf(env),
  };
}

/** 'desk@x' → '"시정 데스크" <desk@x>'; an address that already has a name is kept. */
function fromHeader(from: string): string | { name: string; address: string } {
  return from.includes('<') ? from : { name: SENDER_NAME, address: from };
}

/**
 * The sender offline, without --send: SMTP_FROM (or the SMTP user), '' when none is set — the
 * .eml then has no From at all rather than a made-up address.
 */
export function senderFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SMTP_FROM?.trim() || env.SMTP_USER?.trim() || '';
  if (fromEnv) return fromEnv;
  try {
    const user = decodeURIComponent(new URL(env.SMTP_URL?.trim() ?? '').username);
    return user.includes('@') ? user : '';
  } catch {
    return '';
  }
}

function mailOptions(message: MailMessage, from: string, date?: Date): SendMailOptions {
  return {
    // No sender known: no From header, and a Message-ID that names no real host.
    ...(from ? { from: fromHeader(from) } : { messageId: `<${randomUUID()}@sijeong-desk.invalid>` }),
    ...(message.to.length ? { to: message.to.join(', ') } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    textEncoding: 'base64',
    ...(date ? { date } : {}),
    headers: { 'X-Mailer': 'sijeong-desk' },
  };
}

/** The message as an RFC 5322 .eml (UTF-8, multipart/alternative: text then HTML). */
export async function buildEml(message: MailMessage, opts: { from?: string; date?: Date } = {}): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(mailOptions(message, opts.from ?? '', opts.date));
  return info.message as Buffer;
}

export async function writeEml(
  file: string,
  message: MailMessage,
  opts: { from?: string; date?: Date } = {},
): Promise<string> {
  const abs = path.resolve(file);
  await writeFileAtomic(abs, await buildEml(message, opts));
  return abs;
}

/** What an SMTP send achieved: the recipients the server took and those it refused (with why). */
export interface SmtpResult {
  readonly messageId: string;
  readonly accepted: string[];
  readonly rejected: { readonly address: string; readonly reason: string }[];
}

const address = (a: string | { address: string }): string => (typeof a === 'string' ? a : a.address);

/**
 * Sends by SMTP within the config's deadline (the connection is cut when it passes). A server that
 * takes some recipients and refuses others is a partial delivery, returned as such; one that
 * takes none, cannot be reached or runs out the deadline is a UserError in Korean.
 */
export async function sendSmtp(message: MailMessage, config: SmtpConfig, date?: Date): Promise<SmtpResult> {
  const transport = nodemailer.createTransport(config.transport as SMTPTransport.Options);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), config.deadlineMs);
  try {
    const info = await transport.sendMail({ ...mailOptions(message, config.from, date), signal: abort.signal });
    const errors = (info as { rejectedErrors?: { recipient?: string; response?: string; message?: string }[] })
      .rejectedErrors;
    const reasons = new Map((errors ?? []).map((e) => [e.recipient ?? '', e.response ?? e.message ?? '']));
    return {
      messageId: String(info.messageId ?? ''),
      accepted: (info.accepted ?? []).map(address),
      rejected: (info.rejected ?? []).map((a) => ({ address: address(a), reason: reasons.get(address(a)) ?? '' })),
    };
  } catch (e) {
    const why = abort.signal.aborted
      ? `${Math.round(config.deadlineMs / 1000)}초 안에 발송이 끝나지 않아 연결을 끊었습니다 (SMTP_DEADLINE)`
      : (e as Error).message;
    throw new UserError(`SMTP 서버(${config.describe})로 보내지 못했습니다: ${why}`, { kind: 'io' });
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
