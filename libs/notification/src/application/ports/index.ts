export * from './delivery-intake.port';
export * from './delivery-planner.port';
export * from './delivery-records.port';
export * from './message-renderer.port';
export * from './on-call-roster.port';
export * from './endpoint-sender.port';
