/** The kinds of schedule an expression can be (see ./index.ts). */
import type { LocalDate } from '../dates';

export type Frequency = 'weekly' | 'monthly' | 'bimonthly' | 'quarterly' | 'halfyearly' | 'yearly' | 'asNeeded';

export type Schedule =
  /** One day: '’19.3.31.' */
  | { readonly kind: 'date'; readonly text: string; readonly date: LocalDate }
  /**
   * A span: a month '’19.3.' is 2019-03-01 … 2019-03-31; '’19.4~7' is 2019-04-01 … 2019-07-31;
   * '’19. 5. ~' starts 2019-05-01 and has no end (end = null).
   */
  | { readonly kind: 'range'; readonly text: string; readonly start: LocalDate; readonly end: LocalDate | null }
  /** 매월, 격월, 매주, 분기, 수시 …; `rule` is the office form in words ('매월 둘째 주 목요일'). */
  | { readonly kind: 'recurring'; readonly text: string; readonly freq: Frequency; readonly rule?: string }
  /** 연중 계속, 상시 */
  | { readonly kind: 'ongoing'; readonly text: string };

/** The fiscal year used when an expression has no year ('(10월)'). */
export interface ScheduleContext {
  readonly year: number;
}

/** A schedule found in a line of text, with where it stands (indices of the normalized text). */
export interface Found {
  readonly start: number;
  readonly end: number;
  readonly schedule: Schedule;
}
