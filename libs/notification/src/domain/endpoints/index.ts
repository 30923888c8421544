export * from './endpoint-answer';
export * from './endpoint-bodies';
export * from './endpoint-url';
export * from './notification-endpoint';
