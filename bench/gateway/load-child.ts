/**
 * The load generator of bench:gateway, its own process (forked), so the client never shares the
 * gateway's event loop: for each order, `connections` keep-alive connections in a closed loop (each
 * sends its next request when the previous one answered) for `seconds`, the query mix in turn,
 * every answer checked. Latency is per request, from write to the last byte of the answer.
 */
import { post, summarizeLatency } from '@itsm/bench-kit';
import { Agent } from 'node:http';
import type { RoundOrder, RoundResult } from './load-protocol';
import { checkAnswer, MIX, requestBody } from './query-mix';

async function runRound(order: RoundOrder): Promise<RoundResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.connections });
  const url = new URL(order.url);
  const failures = new Map<string, number>();
  let errors = 0;
  const fail = (reason: string): void => {
    errors++;
    const key = reason.slice(0, 300);
    if (failures.has(key) || failures.size < 5) failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  let latency = new Float64Array(65_536);
  let count = 0;
  let next = 0;
  const started = performance.now();
  const end = started + order.seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const i = next++;
      const op = MIX[i % MIX.length]!;
      const body = requestBody(op, i, order.mix);
      const sent = performance.now();
      try {
        const reply = await post(agent, url, order.token, body);
        const problem = checkAnswer(op, i, reply.status, JSON.parse(reply.body) as Parameters<typeof checkAnswer>[3], order.mix);
        if (problem !== undefined) fail(problem);
      } catch (error: unknown) {
        fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
      if (count === latency.length) {
        const grown = new Float64Array(latency.length * 2);
        grown.set(latency);
        latency = grown;
      }
      latency[count++] = performance.now() - sent;
    }
  };
  await Promise.all(Array.from({ length: order.connections }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { kind: 'result', requests: count, errors, elapsedMs, latency: summarizeLatency(latency.subarray(0, count)), failures: [...failures] };
}

process.on('message', (message: RoundOrder) => {
  runRound(message).then(
    (result) => process.send?.(result),
    (error: unknown) => {
      console.error('load child:', error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
