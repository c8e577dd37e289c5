import { UserError } from '../ports';

/**
 * The one CSV tokenizer (Apps Script, the sidebar and the Node CLI all use it): RFC 4180, and
 * each row keeps the physical line it starts on (quoted fields may hold line breaks; CRLF, LF and
 * a lone CR each end one line). A leading BOM is dropped; blank lines are skipped; rows may have
 * different lengths; a stray quote inside an unquoted field is kept as text. A quote that is
 * never closed is a UserError naming the line where it opened (otherwise the rest of the file
 * would silently become one field).
 *
 * Text may come in chunks (`push` as often as needed, then `end`): the CLI streams a large file
 * through it, and the rows are the same however the text is cut.
 */
export class CsvTokenizer {
  private row: string[] = [];
  private field = '';
  private line = 1;
  private rowLine = 1;
  private quoted = false;
  private quoteLine = 0;
  private fieldStarted = false;
  private carry = '';
  private started = false;

  constructor(
    private readonly emit: (cells: string[], line: number) => void,
    private readonly fileName?: string,
  ) {}

  push(chunk: string): void {
    let text = this.carry + chunk;
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = text.slice(this.scan(text, false));
  }

  end(): void {
    const rest = this.carry;
    this.carry = '';
    this.scan(rest, true);
    if (this.quoted) {
      throw new UserError(
        `${this.fileName ? `${this.fileName}: ` : ''}${this.quoteLine}번째 줄에서 시작한 따옴표(")가 파일 끝까지 닫히지 않았습니다. ` +
          '그 줄의 따옴표를 고친 뒤 다시 가져오세요 (이 파일에서는 아무 행도 가져오지 않았습니다).',
      );
    }
    if (this.field !== '' || this.row.length) this.endRow();
  }

  private endRow(): void {
    this.row.push(this.field);
    if (!(this.row.length === 1 && this.row[0] === '')) this.emit(this.row, this.rowLine);
    this.row = [];
    this.field = '';
    this.fieldStarted = false;
  }

  /** Tokenises text; returns where it stopped (a quote or CR at the end waits for the next chunk). */
  private scan(text: string, final: boolean): number {
    const n = text.length;
    const quotedStop = /["\r\n]/g;
    const plainStop = /[",\r\n]/g;
    let i = 0;
    while (i < n) {
      const re = this.quoted ? quotedStop : plainStop;
      re.lastIndex = i;
      const m = re.exec(text);
      const j = m ? m.index : n;
      if (j > i) {
        this.field += text.slice(i, j);
        if (!this.quoted) this.fieldStarted = true;
      }
      if (!m) return n;
      const c = text[j];
      const next = text[j + 1];
      if (next === undefined && !final && (c === '"' || c === '\r')) return j;
      if (this.quoted) {
        if (c === '"') {
          if (next === '"') {
            this.field += '"';
            i = j + 2;
          } else {
            this.quoted = false;
            i = j + 1;
          }
          continue;
        }
        const crlf = c === '\r' && next === '\n';
        this.field += crlf ? '\r\n' : c;
        this.line++;
        i = j + (crlf ? 2 : 1);
        continue;
      }
      if (c === '"') {
        if (this.fieldStarted) this.field += '"';
        else {
          this.quoted = true;
          this.quoteLine = this.line;
          this.fieldStarted = true;
        }
        i = j + 1;
        continue;
      }
      if (c === ',') {
        this.row.push(this.field);
        this.field = '';
        this.fieldStarted = false;
        i = j + 1;
        continue;
      }
      this.endRow();
      i = j + (c === '\r' && next === '\n' ? 2 : 1);
      this.line++;
      this.rowLine = this.line;
    }
    return n;
  }
}

/** Tokenises a whole text: the rows and the line each starts on (see CsvTokenizer). */
export function tokenizeCsvText(input: string, fileName?: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const t = new CsvTokenizer((cells, line) => {
    rows.push(cells);
    lines.push(line);
  }, fileName);
  t.push(input);
  t.end();
  return { rows, lines };
}
