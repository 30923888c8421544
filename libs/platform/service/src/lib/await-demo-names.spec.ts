import { awaitDemoNames } from './await-demo-names';

describe('awaitDemoNames', () => {
  it('returns once nothing is missing any more', async () => {
    const answers: (readonly string[])[] = [['u-a', 'g-b'], ['g-b'], []];
    let asked = 0;
    await awaitDemoNames('catalogue', () => Promise.resolve(answers[asked++] ?? []), { intervalMs: 1 });
    expect(asked).toBe(3);
  });

  it('throws naming the first five still missing after the timeout', async () => {
    const missing = ['a', 'b', 'c', 'd', 'e', 'f'];
    await expect(awaitDemoNames('change', () => Promise.resolve(missing), { timeoutMs: 5, intervalMs: 1 })).rejects.toThrow('change demo: the projections still miss a, b, c, d, e after 5 ms');
  });
});
