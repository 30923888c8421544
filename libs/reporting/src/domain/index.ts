export * from './backlog';
export * from './improvement';
export * from './incident-fact';
export * from './incident-report';
export * from './measures';
export * from './periods';
export * from './reporting.errors';
export * from './rollups';
