export * from './entitlement-rule';
export * from './is-entitled';
export * from './entitlement-index';
