// What other benches reuse of bench:soak (bench:notification reads its service child's memory and CPU the same way).
export { childPid, gauge, loadAverage, procCpuMs, procRss } from './platform-child';
