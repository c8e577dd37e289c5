/**
 * Links to the outputs, offline. A file:// link to this machine's disk is dead for everyone the
 * e-mail or the .ics reaches, so links are left out unless the office publishes its output folder
 * and says where: SIJEONG_BASE_URL (e.g. https://intra.example.go.kr/sijeong/). A file's link is
 * then that address plus the file's name.
 */
import * as path from 'node:path';
import { UserError } from '../core/ports';

/** The public base address (ending in '/'), null when none is set; a UserError when it is not http(s). */
export function publicBase(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.SIJEONG_BASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UserError(
      `SIJEONG_BASE_URL은 결과 폴더를 공개한 http(s) 주소여야 합니다 (예: https://intra.example.go.kr/sijeong/, 입력값: ${raw})`,
    );
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The public link of an output file ('' when no SIJEONG_BASE_URL is set). */
export function publicUrl(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = publicBase(env);
  return base ? `${base}${encodeURIComponent(path.basename(file))}` : '';
}
