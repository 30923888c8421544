export * from './notification-rule';
export * from './ticket-profiles';
export * from './ticket-facts';
export * from './rule-conditions';
export * from './rule-validation';
export * from './recipient-targets';
export * from './notice-plan';
export * from './event-field-list';
