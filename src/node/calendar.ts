/** The offline calendar: an .ics file read into an IcsCalendar and written back atomically. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { IcsCalendar } from '../core/calendar/ics';
import type { Clock } from '../core/ports';
import { UserError } from '../core/ports';

export class IcsFile {
  private constructor(
    readonly path: string,
    readonly calendar: IcsCalendar,
    private original: string | null,
  ) {}

  static async open(file: string, clock: Clock, name = '시정 데스크 일정'): Promise<IcsFile> {
    let text: string | null = null;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new UserError(`.ics 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`);
    }
    if (text?.trim() && !text.includes('BEGIN:VCALENDAR')) {
      throw new UserError(`iCalendar(.ics) 파일이 아닙니다: ${file}`);
    }
    return new IcsFile(path.resolve(file), new IcsCalendar(text, { now: () => clock.now(), name }), text);
  }

  /** Whether the calendar's text differs from the file as last read or saved. */
  changed(): boolean {
    return this.calendar.text() !== this.original;
  }

  /** Writes the file when its text changed (next to it, then renamed); returns whether it wrote. */
  async save(): Promise<boolean> {
    const text = this.calendar.text();
    if (text === this.original) return false;
    await fs.mkdir(path.dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, text, 'utf8');
    await fs.rename(tmp, this.path);
    // Kept open (the local preview): the next save compares with what is now on disk.
    this.original = text;
    return true;
  }
}
