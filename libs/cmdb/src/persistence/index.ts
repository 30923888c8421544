export * from './data-model.repository';
export * from './ci.repository';
export * from './cmdb.envelopes';
export * from './cmdb-stores.port';
export * from './discovery-receipt.repository';
export * from './identity-claim.repository';
export * from './relationship.repository';
