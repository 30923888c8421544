export * from './service-request';
export * from './request-moves';
