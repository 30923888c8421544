export * from './sla-policy.repository';
export * from './sla-firing.repository';
export * from './sla-ticket.repository';
export * from './sla-stores.port';
