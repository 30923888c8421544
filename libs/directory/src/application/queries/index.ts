export * from './provisioning-clients/provisioning-clients.handler';
export * from './provisioning-clients/provisioning-clients.query';
