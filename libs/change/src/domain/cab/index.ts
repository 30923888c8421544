export * from './cab-agenda';
export * from './cab-decision';
export * from './cab-meeting';
export * from './cab-schedule';
