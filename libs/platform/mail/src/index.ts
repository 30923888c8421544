export * from './lib/local-mail-sink';
export * from './lib/loopback-smtp-server';
