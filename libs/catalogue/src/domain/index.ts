export * from './catalogue.errors';
export * from './entitlement';
export * from './forms';
export * from './fulfilment';
export * from './portfolio';
