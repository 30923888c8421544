export * from './digest-window';
