export * from './calendar';
export * from './clock/clock-emissions';
export * from './clock/derive-clocks';
export * from './clock/dry-run';
export * from './clock/ticket-timeline';
export * from './definition/sla-definition';
export * from './sla.errors';
export * from './clock/clock-visibility';
