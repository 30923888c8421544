export * from './domain';
export { supplierExchangeContext, SUPPLIER_EXCHANGE_CONSUMER_GROUP } from './supplier-exchange.context';
export { SupplierExchangeModule } from './supplier-exchange.module';
