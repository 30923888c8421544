/** bench:gateway's side of the load child: fork it once, order rounds, read their figures. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RoundOrder, RoundResult } from './load-protocol';

export class LoadDriver {
  private constructor(private readonly child: ChildProcess) {}

  /** The built child next to this file (dist/bench/gateway/load-child.js). */
  static start(): LoadDriver {
    const child = fork(join(__dirname, 'load-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadDriver(child);
  }

  run(order: Omit<RoundOrder, 'kind'>): Promise<RoundResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the load child exited (${code}) during a round`));
      this.child.once('exit', onExit);
      this.child.once('message', (result: RoundResult) => {
        this.child.off('exit', onExit);
        resolve(result);
      });
      this.child.send({ kind: 'round', ...order } satisfies RoundOrder);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
