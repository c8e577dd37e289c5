/** The weekly summary: model, e-mail, snapshot, ports and use-cases. */
export * from './model';
export * from './occurrences';
export * from './snapshot';
export * from './email';
export * from './ports';
export * from './usecases';
