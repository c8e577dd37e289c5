/**
 * The offline calendar: an .ics file read into an IcsCalendar and written back through the shared
 * safe write (src/node/files.ts): the path is checked before it is opened (a device, FIFO, folder
 * or a path under a file is refused), the temp name fits any file name, and temp files an
 * interrupted save left are removed.
 */
import { promises as fs } from 'node:fs';
import { IcsCalendar } from '../core/calendar/ics';
import type { Clock } from '../core/ports';
import { UserError } from '../core/ports';
import { checkOutFile, writeFileAtomic } from './files';

/** The flag that names the .ics (sync, serve): it names the file in errors. */
const FLAG = '--ics';

export class IcsFile {
  private constructor(
    readonly path: string,
    readonly calendar: IcsCalendar,
    private original: string | null,
  ) {}

  static async open(file: string, clock: Clock, name = '시정 데스크 일정'): Promise<IcsFile> {
    const abs = checkOutFile(file, FLAG);
    let text: string | null = null;
    try {
      text = await fs.readFile(abs, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new UserError(`.ics 파일을 읽을 수 없습니다: ${file} (${code ?? String(e)})`);
    }
    if (text?.trim() && !text.includes('BEGIN:VCALENDAR')) {
      throw new UserError(`iCalendar(.ics) 파일이 아닙니다: ${file}`);
    }
    return new IcsFile(abs, new IcsCalendar(text, { now: () => clock.now(), name }), text);
  }

  /** Whether the calendar's text differs from the file as last read or saved. */
  changed(): boolean {
    return this.calendar.text() !== this.original;
  }

  /** Writes the file when its text changed (writeFileAtomic); returns whether it wrote. */
  async save(): Promise<boolean> {
    const text = this.calendar.text();
    if (text === this.original) return false;
    await writeFileAtomic(this.path, text, FLAG);
    // Kept open (the local preview): the next save compares with what is now on disk.
    this.original = text;
    return true;
  }
}
