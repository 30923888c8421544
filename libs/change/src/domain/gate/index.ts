export * from './gate-decision';
export * from './gate-log';
export * from './gate-request';
export * from './pipeline-token';
export * from './gate-answered.event';
