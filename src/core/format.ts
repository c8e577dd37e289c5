/** Korean number formatting. Rounding of amounts happens here, once. */
import type { Unit } from './model';

export const UNIT_DIVISOR: Readonly<Record<Unit, number>> = { 원: 1, 천원: 1000, 백만원: 1000000 };

/** Groups digits: 1234567 → '1,234,567'; negatives keep their sign. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const s = String(Math.abs(Math.trunc(n)));
  return sign + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Rounds 원 to the unit, half away from zero: 58,964,499원 → 58,964 (천원). */
export function toUnit(won: number, unit: Unit): number {
  const d = UNIT_DIVISOR[unit];
  const q = Math.abs(won) / d;
  const r = Math.floor(q + 0.5);
  return won < 0 ? -r : r;
}

/** An amount in the unit, grouped: formatAmount(357200000, '천원') = '357,200'. */
export function formatAmount(won: number, unit: Unit): string {
  return groupDigits(toUnit(won, unit));
}

/** '24.4%' from a ratio 0.2441; one decimal, half up; '-' when undefined. */
export function formatRate(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '-';
  const f = 10 ** digits;
  const v = Math.floor(ratio * 100 * f + 0.5 + 1e-9) / f;
  return `${v.toFixed(digits)}%`;
}

/** Signed count: +1, −1, 0. */
export function formatSigned(n: number): string {
  if (n > 0) return `+${groupDigits(n)}`;
  if (n < 0) return `−${groupDigits(-n)}`;
  return '0';
}

/**
 * numer/denom as a percentage with one decimal, rounded half up in exact integer arithmetic
 * (87,182,000 / 357,200,000 → '24.4%'); '-' when denom is 0.
 */
export function formatPercent(numer: number, denom: number): string {
  const t = percentTenths(numer, denom);
  if (t === null) return '-';
  const a = Math.abs(t);
  return `${t < 0 ? '-' : ''}${Math.floor(a / 10)}.${a % 10}%`;
}

/**
 * numer/denom in tenths of a percent, rounded half up as `formatPercent` prints it
 * (87,182,000 / 357,200,000 → 244); null when denom is 0. Differences of printed percentages
 * are computed on these integers, so they agree with what is printed.
 */
export function percentTenths(numer: number, denom: number): number | null {
  if (denom === 0) return null;
  const n = Math.abs(numer);
  const d = Math.abs(denom);
  const tenths = Math.floor((n * 2000 + d) / (2 * d));
  return numer < 0 !== denom < 0 && numer !== 0 ? -tenths : tenths;
}

/** A difference in percentage points from tenths: 106 → '+10.6%p', −34 → '−3.4%p', 0 → '0.0%p'. */
export function formatPoints(tenths: number): string {
  const a = Math.abs(tenths);
  return `${tenths > 0 ? '+' : tenths < 0 ? '−' : ''}${Math.floor(a / 10)}.${a % 10}%p`;
}
