export * from './cmdb-projection';
export * from './cmdb-record-change';
export * from './in-memory-cmdb-projection';
export * from './mongo-cmdb-projection';
