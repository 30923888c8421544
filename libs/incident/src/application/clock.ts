export { Clock, SystemClock } from '@itsm/platform/config';
