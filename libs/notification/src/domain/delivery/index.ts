export * from './delivery';
export * from './delivery-policy';
export * from './delivery-transitions';
