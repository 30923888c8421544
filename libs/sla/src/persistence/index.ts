export * from './sla-catalog.repository';
export * from './sla-firing.repository';
export * from './sla-ticket.repository';
export * from './sla-stores';
