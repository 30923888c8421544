export * from './catalogue.errors';
