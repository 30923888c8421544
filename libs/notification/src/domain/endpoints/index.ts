export * from './endpoint-answer';
export * from './endpoint-bodies';
export * from './notification-endpoint';
