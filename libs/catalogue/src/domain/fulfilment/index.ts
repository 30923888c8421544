export * from './fulfilment-plan';
export * from './fulfilment-task';
export * from './item-fulfilment';
export * from './request-rollup';
