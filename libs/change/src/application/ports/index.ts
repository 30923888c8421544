export * from './change-references.port';
export * from './approval-stores.port';
export * from './calendar-stores.port';
export * from './change-store.port';
export * from './projection-stores.port';
export * from './unauthorised-change-store.port';
export * from './pending-approvals.port';
export * from './gate.port';
