export * from './directory-projection';
export * from './directory-record-change';
export * from './in-memory-directory-projection';
export * from './mongo-directory-projection';
