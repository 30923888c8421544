export * from './lib/http-targets';
export * from './lib/http-transport';
export * from './lib/private-address';
export * from './lib/record-signing';
export * from './lib/signing';
export * from './lib/webhook-keys';
export * from './lib/webhook.errors';
export * from './lib/scripted-http-transport';
