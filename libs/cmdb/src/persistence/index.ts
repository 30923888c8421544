export * from './catalog.repository';
export * from './ci.repository';
export * from './cmdb-envelopes';
export * from './cmdb-store.ports';
export * from './identity-claim.repository';
export * from './relationship.repository';
