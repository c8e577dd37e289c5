import { UserError } from '../ports';

/**
 * The one CSV tokenizer (Apps Script, the sidebar and the Node CLI all use it): RFC 4180, and
 * each row keeps the physical line it starts on (quoted fields may hold line breaks; CRLF, LF and
 * a lone CR each end one line). A leading BOM is dropped; blank lines are skipped; rows may have
 * different lengths; a stray quote inside an unquoted field is kept as text. A quote that is
 * never closed is a UserError naming the line where it opened (otherwise the rest of the file
 * would silently become one field).
 */
export function tokenizeCsvText(input: string, fileName?: string): { rows: string[][]; lines: number[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const n = text.length;
  const endRow = (): void => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    field = '';
    fieldStarted = false;
  };
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      else if (c === '\r' && text[i + 1] !== '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) {
    throw new UserError(
      `${fileName ? `${fileName}: ` : ''}${quoteLine}번째 줄에서 시작한 따옴표(")가 파일 끝까지 닫히지 않았습니다. ` +
        '그 줄의 따옴표를 고친 뒤 다시 가져오세요 (이 파일에서는 아무 행도 가져오지 않았습니다).',
    );
  }
  if (field !== '' || row.length) endRow();
  return { rows, lines };
}
