/**
 * Blob, Utilities, Logger and Session fakes.
 */

import { createHash, createHmac } from 'node:crypto';
import {
  formatJavaDate,
  fromByteArray,
  type GasContext,
  GasException,
  type GasEnumValue,
  enumName,
  isDate,
  makeEnum,
  toSignedBytes,
} from './gas-core';

export const DigestAlgorithm = makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
export const Charset = makeEnum(['US_ASCII', 'UTF_8']);
export const MacAlgorithm = makeEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']);

const NODE_DIGEST: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

// ---------------------------------------------------------------- Blob

export interface BlobState {
  bytes: Uint8Array;
  contentType: string | null;
  name: string | null;
}

export interface FakeBlob {
  getBytes(): number[];
  setBytes(bytes: number[]): FakeBlob;
  getDataAsString(charset?: string): string;
  setDataFromString(s: string, charset?: string): FakeBlob;
  getContentType(): string | null;
  setContentType(ct: string | null): FakeBlob;
  getName(): string | null;
  setName(name: string): FakeBlob;
  getAs(contentType: string): FakeBlob;
  copyBlob(): FakeBlob;
  isGoogleType(): boolean;
  getBlob(): FakeBlob;
}

const blobStates = new WeakMap<object, BlobState>();

function decode(bytes: Uint8Array, charset?: unknown): string {
  const cs = charset === undefined ? 'UTF-8' : enumName(charset);
  if (/ascii/i.test(cs)) return Buffer.from(bytes).toString('latin1');
  return Buffer.from(bytes).toString('utf8');
}

function encode(s: string, charset?: unknown): Uint8Array {
  const cs = charset === undefined ? 'UTF-8' : enumName(charset);
  return new Uint8Array(Buffer.from(s, /ascii/i.test(cs) ? 'latin1' : 'utf8'));
}

/** Bytes of a string or a (signed or unsigned) byte array, as Utilities methods accept both. */
export function toBytes(data: unknown, charset?: unknown): Uint8Array {
  if (typeof data === 'string') return encode(data, charset);
  if (Array.isArray(data)) return fromByteArray(data as number[]);
  if (data instanceof Uint8Array) return new Uint8Array(data);
  const st = data && typeof data === 'object' ? blobStates.get(data) : undefined;
  if (st) return new Uint8Array(st.bytes);
  return encode(String(data), charset);
}

/** A Byte[] as Apps Script takes it: a plain array of integers from −128 to 127. */
function isByteArray(data: unknown): boolean {
  return Array.isArray(data) && data.every((b) => Number.isInteger(b) && b >= -128 && b <= 127);
}

/** A minimal fake PDF: real conversion is out of scope; the bytes start with %PDF- like a real one. */
export function fakePdfBytes(source: string): Uint8Array {
  return encode(`%PDF-1.4\n% fake conversion by the Apps Script test fake\n% ${source.length} source chars\n%%EOF\n`);
}

function replaceExtension(name: string | null, contentType: string): string | null {
  if (name === null) return null;
  const ext = contentType === 'application/pdf' ? 'pdf' : (contentType.split('/')[1] ?? 'bin');
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}

export function makeBlob(ctx: GasContext, state: BlobState): FakeBlob {
  const blob: FakeBlob = ctx.counted('Blob', {
    getBytes: () => toSignedBytes(state.bytes),
    setBytes: (bytes: number[]) => {
      state.bytes = fromByteArray(bytes);
      return blob;
    },
    getDataAsString: (charset?: string) => decode(state.bytes, charset),
    setDataFromString: (s: string, charset?: string) => {
      state.bytes = encode(String(s), charset);
      return blob;
    },
    getContentType: () => state.contentType,
    setContentType: (ct: string | null) => {
      state.contentType = ct;
      return blob;
    },
    getName: () => state.name,
    setName: (name: string) => {
      state.name = String(name);
      return blob;
    },
    /**
     * Only conversion to PDF (fake bytes) and same-type copies are supported; like Apps
     * Script, the name's extension is replaced ('report.html' → 'report.pdf').
     */
    getAs: (contentType: string) => {
      if (contentType === state.contentType) return makeBlob(ctx, { ...state, bytes: new Uint8Array(state.bytes) });
      if (contentType !== 'application/pdf')
        throw new GasException(`Converting from ${state.contentType} to ${contentType} is not supported.`);
      return makeBlob(ctx, {
        bytes: fakePdfBytes(decode(state.bytes)),
        contentType,
        name: replaceExtension(state.name, contentType),
      });
    },
    copyBlob: () => makeBlob(ctx, { ...state, bytes: new Uint8Array(state.bytes) }),
    isGoogleType: () => false,
    getBlob: () => blob,
  });
  blobStates.set(blob, state);
  return blob;
}

/** The state behind a fake Blob (not counted); undefined for anything else. */
export function blobStateOf(x: unknown): BlobState | undefined {
  return x && typeof x === 'object' ? blobStates.get(x) : undefined;
}

// ---------------------------------------------------------------- Utilities

export function makeUtilities(ctx: GasContext, record: { slept: number }) {
  let uuidSeq = 0;
  const digest = (algorithm: unknown, value: unknown, charset?: unknown): number[] => {
    const algo = NODE_DIGEST[enumName(algorithm)];
    if (!algo) throw new GasException(`Invalid argument: algorithm`);
    return toSignedBytes(createHash(algo).update(toBytes(value, charset)).digest());
  };
  return ctx.counted('Utilities', {
    DigestAlgorithm,
    Charset,
    MacAlgorithm,
    /** See formatJavaDate: Java patterns in the given IANA zone, English day/month names. */
    formatDate: (date: Date, timeZone: string, format: string) => {
      if (!isDate(date))
        throw new GasException(
          "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
        );
      return formatJavaDate(new Date(date.getTime()), String(timeZone), String(format));
    },
    /** %s, %d (integer), %f/%.Nf and %% like Apps Script's sprintf-style formatString. */
    formatString: (template: string, ...args: unknown[]) => {
      let i = 0;
      return String(template).replace(/%(%|s|d|(\.\d+)?f)/g, (_m, kind: string, prec?: string) => {
        if (kind === '%') return '%';
        const a = args[i++];
        if (kind === 's') return String(a);
        if (kind === 'd') return String(Math.trunc(Number(a)));
        return Number(a).toFixed(prec ? Number(prec.slice(1)) : 6);
      });
    },
    computeDigest: (algorithm: unknown, value: unknown, charset?: unknown) => digest(algorithm, value, charset),
    computeHmacSha256Signature: (value: unknown, key: unknown, charset?: unknown) =>
      toSignedBytes(createHmac('sha256', toBytes(key, charset)).update(toBytes(value, charset)).digest()),
    computeHmacSignature: (algorithm: unknown, value: unknown, key: unknown, charset?: unknown) => {
      const algo = NODE_DIGEST[enumName(algorithm).replace('HMAC_', '')];
      if (!algo) throw new GasException('Invalid argument: algorithm');
      return toSignedBytes(createHmac(algo, toBytes(key, charset)).update(toBytes(value, charset)).digest());
    },
    base64Encode: (data: unknown, charset?: unknown) => Buffer.from(toBytes(data, charset)).toString('base64'),
    base64EncodeWebSafe: (data: unknown, charset?: unknown) =>
      Buffer.from(toBytes(data, charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    base64Decode: (s: string) => toSignedBytes(new Uint8Array(Buffer.from(String(s), 'base64'))),
    base64DecodeWebSafe: (s: string) => toSignedBytes(new Uint8Array(Buffer.from(String(s), 'base64url'))),
    /**
     * newBlob(data, contentType?, name?): data is a String, a Blob or a Byte[] (Java bytes: integers
     * from −128 to 127); a typed array or bytes above 127 do not match the signature.
     */
    newBlob: (data?: unknown, contentType?: string, name?: string) => {
      if (data !== undefined && typeof data !== 'string' && !blobStateOf(data) && !isByteArray(data)) {
        throw new GasException(
          `The parameters (${Array.isArray(data) ? 'number[]' : typeof data},String,String) don't match the method signature for Utilities.newBlob.`,
        );
      }
      return makeBlob(ctx, {
        bytes: data === undefined ? new Uint8Array() : toBytes(data),
        contentType: contentType ?? null,
        name: name ?? null,
      });
    },
    /** Deterministic v4-shaped UUIDs (the same sequence in every run). */
    getUuid: () => {
      uuidSeq += 1;
      const h = createHash('sha256').update(`uuid:${uuidSeq}`).digest('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    /** Does not wait; the total is recorded in `fake.slept` (ms). */
    sleep: (ms: number) => {
      record.slept += Number(ms) || 0;
    },
    jsonStringify: (obj: unknown) => JSON.stringify(obj),
    jsonParse: (s: string) => JSON.parse(s) as unknown,
    /** RFC 4180 subset: quotes, doubled quotes, newlines inside quotes; delimiter default ','. */
    parseCsv: (csv: string, delimiter = ',') => {
      const rows: string[][] = [];
      let row: string[] = [];
      let cell = '';
      let q = false;
      const s = String(csv);
      for (let i = 0; i < s.length; i++) {
        const c = s[i] as string;
        if (q) {
          if (c === '"' && s[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (c === '"') q = false;
          else cell += c;
        } else if (c === '"') q = true;
        else if (c === delimiter) {
          row.push(cell);
          cell = '';
        } else if (c === '\n' || c === '\r') {
          if (c === '\r' && s[i + 1] === '\n') i++;
          row.push(cell);
          rows.push(row);
          row = [];
          cell = '';
        } else cell += c;
      }
      if (cell !== '' || row.length > 0) {
        row.push(cell);
        rows.push(row);
      }
      return rows;
    },
  });
}

// ---------------------------------------------------------------- Logger

/** Logger.log(data) or Logger.log(format, ...values) with %s/%d; lines land in `fake.logs`. */
export function makeLogger(ctx: GasContext, logs: string[]) {
  const logger = ctx.counted('Logger', {
    log: (data: unknown, ...values: unknown[]) => {
      let line: string;
      if (values.length > 0 && typeof data === 'string') {
        let i = 0;
        line = data.replace(/%[sd]/g, () => String(values[i++]));
      } else if (data !== null && typeof data === 'object' && !isDate(data)) {
        line = JSON.stringify(data);
      } else line = String(data);
      logs.push(line);
      return logger;
    },
    getLog: () => logs.map((l) => `${l}\n`).join(''),
    clear: () => {
      logs.length = 0;
    },
  });
  return logger;
}

// ---------------------------------------------------------------- Session

export interface SessionRecord {
  /** '' models a simple trigger or a consumer account that hides the active user. */
  activeUser: string;
  effectiveUser: string;
  locale: string;
}

export function makeSession(ctx: GasContext, rec: SessionRecord) {
  const user = (email: () => string) =>
    ctx.counted('User', {
      getEmail: () => email(),
      getUsername: () => email().split('@')[0] ?? '',
      toString: () => email(),
    });
  return ctx.counted('Session', {
    getActiveUser: () => user(() => rec.activeUser),
    getEffectiveUser: () => user(() => rec.effectiveUser),
    getScriptTimeZone: () => ctx.timeZone,
    getActiveUserLocale: () => rec.locale,
    getTemporaryActiveUserKey: () => `tmp-${Buffer.from(rec.activeUser).toString('base64url')}`,
  });
}

export type { GasEnumValue };
