export * from './inbound-mail';
export * from './classify-inbound-mail';
export * from './delivery-status';
export * from './reply-text';
export * from './bounce';
