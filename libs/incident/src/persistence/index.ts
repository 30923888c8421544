export * from './incident.envelopes';
export * from './incident.repository';
export * from './incident.schema';
export * from './problem.repository';
export * from './problem.schema';
export * from './reference-data.repository';
export * from './directory-projection.repository';
