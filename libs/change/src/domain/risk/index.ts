export * from './assess-risk';
export * from './risk-facts';
export * from './risk-questionnaire';
export * from './risk-rule';
export * from './record-risk';
