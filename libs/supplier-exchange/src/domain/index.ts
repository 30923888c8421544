export * from './supplier-exchange.errors';
export * from './state-mapping/state-mapping';
export * from './connection/supplier-connection';
export * from './projection/ticket-view';
export * from './projection/trouble-ticket.projection';
export * from './correlation/correlation';
export * from './inbound/inbound';
