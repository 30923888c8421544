export * from './portfolio.events';
export * from './category';
export * from './catalogue-item';
export * from './service';
export * from './entitlement-rule-revision';
export * from './approval-refusal';
export * from './catalogue-bundle';
