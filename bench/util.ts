/** Small helpers for `npm run bench`: timing, memory, and a table printer. Nothing asserts. */
import { performance } from 'node:perf_hooks';

export function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

export const ms = (n: number): string => `${n.toFixed(0)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function heading(title: string): void {
  console.log(`\n## ${title}`);
}

export function row(label: string, ...values: string[]): void {
  console.log(`  ${label.padEnd(48)} ${values.join('   ')}`);
}
