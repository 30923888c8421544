export * from './access-policy';
export * from './assignment-group';
export * from './directory-projection';
export * from './incident';
export * from './incident.errors';
export * from './major-incident';
export * from './priority-matrix';
export * from './problem';
