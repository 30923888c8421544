export * from './access-policy';
export * from './incident';
export * from './incident.errors';
export * from './major-incident';
export * from './priority-matrix';
export * from './problem';
