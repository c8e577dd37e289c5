/**
 * The Mailer port offline: messages are queued while the (synchronous) use-case runs, then written
 * as .eml (nodemailer's streamTransport) and, on request, sent by SMTP (nodemailer).
 *
 * SMTP settings come from the environment: SMTP_URL (smtp://user:pass@host:587, smtps://… for
 * TLS on connect), or SMTP_HOST, SMTP_PORT (587; 465 means TLS on connect), SMTP_USER, SMTP_PASS;
 * SMTP_FROM is the sender ('시정 데스크 <desk@example.go.kr>'; default SMTP_USER).
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

/** Sends by SMTP; a UserError in Korean when the server refuses or cannot be reached. */
export async function sendSmtp(
  message: MailMessage,
  config: SmtpConfig,
  date?: Date,
): Promise<{ messageId: string; accepted: string[] }> {
  const transport = nodemailer.createTransport(config.transport as SMTPTransport.Options);
  try {
    const info = await transport.sendMail(mailOptions(message, config.from, date));
    const accepted = (info.accepted ?? []).map((a: string | { address: string }) =>
      typeof a === 'string' ? a : a.address,
    );
    return { messageId: String(info.messageId ?? ''), accepted };
  } catch (e) {
    throw new UserError(`SMTP 서버(${config.describe})로 보내지 못했습니다: ${(e as Error).message}`, { kind: 'io' });
  } finally {
    transport.close();
  }
}
