/**
 * The sidebar: three panels behind tabs, one module each (dashboard.ts, eventForm.ts,
 * settings.ts), sharing the status line (status.ts), form helpers (form.ts) and one client
 * (api.ts). Plain DOM; every value that comes from the workbook is put on the page with
 * textContent (see dom.ts), never as HTML.
 */
import { loadDashboard } from './dashboard';
import { byId } from './dom';
import { loadEventForm } from './eventForm';
import { loadSettings } from './settings';

function showPanel(id: string): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    const on = b.dataset.panel === id;
    b.setAttribute('aria-pressed', String(on));
    byId(b.dataset.panel ?? '').hidden = !on;
  }
  if (id === 'panel-dash') void loadDashboard();
  if (id === 'panel-event') void loadEventForm();
  if (id === 'panel-settings') void loadSettings();
}

function start(): void {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    b.addEventListener('click', () => showPanel(b.dataset.panel ?? 'panel-dash'));
  }
  void loadDashboard();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
