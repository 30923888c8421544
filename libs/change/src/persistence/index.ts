export * from './change-template.repository';
export * from './change.envelopes';
export * from './change.mapper';
export * from './change.repository';
export * from './change.schema';
