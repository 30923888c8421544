/**
 * Waits until a context's projections know what its demo data names (fed through the bus by earlier
 * contexts' demo data): `missing` answers what is still unknown; an empty answer ends the wait.
 * Throws naming the first few still missing after `timeoutMs`, polling every `intervalMs`.
 */
export async function awaitDemoNames(context: string, missing: () => Promise<readonly string[]>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const unknown = await missing();
    if (unknown.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${context} demo: the projections still miss ${unknown.slice(0, 5).join(', ')} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
