/**
 * The built notification service (`dist/apps/notification/src/main.js`, as production runs it) as a
 * child process of bench:notification on the bench's peers; its memory from its own /metrics,
 * /proc/<pid> when those do not answer; SIGTERM to stop, SIGKILL to crash it.
 */
import { gauge, procCpuMs, procRss } from '@itsm/bench-soak';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const KEEP_OUTPUT_CHARS = 20_000;

export interface ServiceMemory {
  readonly rssBytes: number;
  /** NaN when /metrics did not answer. */
  readonly heapUsedBytes: number;
}

export class NotificationChild {
  private output = '';
  private readonly exit: Promise<number | string | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-KEEP_OUTPUT_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  /** `cpuProfileDir`: write a V8 CPU profile there when the process exits (not on SIGKILL). */
  static start(root: string, port: number, env: Readonly<Record<string, string>>, cpuProfileDir: string | undefined): NotificationChild {
    const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
    const child = spawn(process.execPath, [...profile, join(root, 'dist', 'apps', 'notification', 'src', 'main.js')], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error('the notification process did not start');
    return new NotificationChild(child, port);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get graphqlUrl(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  tail(): string {
    return this.output.slice(-4_000);
  }

  exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Polls /health/ready until it answers 200; throws with the process output when it exits or `timeoutMs` passes. */
  async ready(timeoutMs = 60_000): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (this.exited()) throw new Error(`the notification service exited:\n${this.tail()}`);
      const status = await fetch(`http://127.0.0.1:${this.port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
      if (status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the notification service was not ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  async memory(): Promise<ServiceMemory> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/metrics`, { signal: AbortSignal.timeout(3_000) });
      const text = await response.text();
      const rss = gauge(text, 'process_resident_memory_bytes');
      const heap = gauge(text, 'nodejs_heap_size_used_bytes');
      if (rss !== undefined && heap !== undefined) return { rssBytes: rss, heapUsedBytes: heap };
    } catch {
      // Busy or gone: /proc below.
    }
    return { rssBytes: procRss(this.pid) ?? NaN, heapUsedBytes: NaN };
  }

  cpuMs(): number {
    return procCpuMs(this.pid) ?? NaN;
  }

  /** SIGKILL: the crash mid-stream. */
  async kill(): Promise<void> {
    if (!this.exited()) this.child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM, SIGKILL after `graceMs`; the exit code or signal. */
  async stop(graceMs = 30_000): Promise<number | string | null> {
    if (!this.exited()) this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exit;
    clearTimeout(killer);
    return code;
  }
}
