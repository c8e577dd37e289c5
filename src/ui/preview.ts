/**
 * The weekly summary e-mail shown inside the sidebar (300 px wide): its tables are made for a
 * mail window, so at this width their rows become cards, each cell on its own line with its
 * column's name ('제목', '장소' …) — nothing is cut off at the right. The e-mail itself is unchanged;
 * only the copy in the preview frame gets the labels and the narrow-width rules.
 */

/** Shown only when the frame is narrower than a mail window. */
const NARROW_CSS = `@media (max-width: 560px) {
  body { margin: 0 !important; }
  table.sj-cards, table.sj-cards > tbody, table.sj-cards > tbody > tr, table.sj-cards > tbody > tr > td {
    display: block; width: auto !important;
  }
  table.sj-cards > tbody > tr:first-child { display: none; }
  table.sj-cards > tbody > tr { border: 1px solid #d0d7de; border-radius: 4px; margin: 0 0 6px 0; padding: 3px 0; }
  table.sj-cards > tbody > tr > td {
    border: 0 !important; padding: 1px 8px 1px 58px !important; text-indent: -50px;
    text-align: left !important; white-space: normal !important;
  }
  table.sj-cards > tbody > tr > td:empty { display: none; }
  table.sj-cards > tbody > tr > td[data-label]::before {
    content: attr(data-label); display: inline-block; width: 46px; margin-right: 4px; text-indent: 0;
    color: #57606a; font-size: 11px; font-weight: normal;
  }
}`;

/** The e-mail's HTML with its data tables labelled for narrow frames (see above). */
export function fitToSidebar(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    const rows = Array.from(table.rows);
    const head = rows[0];
    // A data table starts with a row of header cells; layout tables have none.
    if (!head || head.cells.length < 2 || Array.from(head.cells).some((c) => c.tagName !== 'TH')) continue;
    const labels = Array.from(head.cells).map((c) => (c.textContent ?? '').trim());
    table.classList.add('sj-cards');
    for (const row of rows.slice(1)) {
      let col = 0;
      for (const cell of Array.from(row.cells)) {
        const label = labels[col];
        if (label && cell.colSpan <= 1) cell.setAttribute('data-label', label);
        col += Math.max(1, cell.colSpan);
      }
    }
  }
  const style = doc.createElement('style');
  style.textContent = NARROW_CSS;
  doc.head.appendChild(style);
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}
