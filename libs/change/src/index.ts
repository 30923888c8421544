export * from './domain';
export * from './application/conflicts';
export * from './application/ports';
