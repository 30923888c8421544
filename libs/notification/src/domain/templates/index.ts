export * from './built-in-templates';
export * from './example-payload';
export * from './notification-template';
export * from './template-context';
export * from './template-variables';
