/** The stub subgraphs' process of bench:gateway: serves what it is sent, answers its endpoints, ends with its parent. */
import { serveStubs } from './stub-subgraphs';
import type { StubStart } from './stub-subgraphs';

process.once('message', (start: StubStart) => {
  serveStubs(start.specs, start.data).then(
    (endpoints) => process.send?.(endpoints),
    (error: unknown) => {
      console.error('stub subgraphs:', error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
