/** The weekly summary: model, e-mail, snapshot and ports (the use-cases are in ../usecases/summary.ts). */
export * from './model';
export * from './occurrences';
export * from './snapshot';
export * from './email';
export * from './ports';
