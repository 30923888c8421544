export * from './domain';
export { supplierExchangeContext, SUPPLIER_EXCHANGE_CONSUMER_GROUP } from './supplier-exchange.context';
export { SupplierExchangeModule } from './supplier-exchange.module';
export { DEMO_WEBHOOK_SECRET } from './demo/supplier-exchange-demo-data';
export { SUPPLIER_INBOUND_ROUTE_PREFIX } from './inbound-http/supplier-inbound-http';
