/** bench:subscriptions' side of the subscriber child: fork it, ask, read its answers in order. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, ParentMessage } from './subscriber-protocol';

type Answer<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

export class SubscriberDriver {
  private readonly waiting: ((message: ChildMessage) => void)[] = [];
  private exited: string | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: ChildMessage) => this.waiting.shift()?.(message));
    child.once('exit', (code, signal) => {
      this.exited = `the subscriber child exited (${code ?? signal})`;
      for (const waiter of this.waiting.splice(0)) waiter({ kind: 'armed', clockGapMs: NaN });
    });
  }

  /** The built child next to this file (dist/bench/subscriptions/subscriber-child.js). */
  static start(): SubscriberDriver {
    return new SubscriberDriver(fork(join(__dirname, 'subscriber-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Sends `message`; its answer must be of kind `kind`. */
  async ask<K extends ChildMessage['kind']>(message: ParentMessage, kind: K): Promise<Answer<K>> {
    if (this.exited) throw new Error(this.exited);
    const answer = await new Promise<ChildMessage>((resolve) => {
      this.waiting.push(resolve);
      this.child.send(message);
    });
    if (this.exited) throw new Error(this.exited);
    if (answer.kind !== kind) throw new Error(`the subscriber child answered ${answer.kind} to ${message.kind}`);
    return answer as Answer<K>;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
