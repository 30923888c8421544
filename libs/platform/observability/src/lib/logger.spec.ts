import { currentCorrelation, runWithCorrelation } from './correlation';
import { createLogger } from './logger';

function capturedLogger(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { logger: createLogger({ name: 'incident', level, destination }), lines };
}

describe('createLogger', () => {
  it('writes JSON lines with name, level label and time', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ incidentId: 'INC-1' }, 'opened');
    logger.debug('not at info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ name: 'incident', level: 'info', msg: 'opened', incidentId: 'INC-1' });
    expect(typeof lines[0]!['time']).toBe('string');
  });

  it('adds the correlation context, across awaits, only where one is set', async () => {
    const { logger, lines } = capturedLogger();
    const context = { correlationId: 'c-1', causationId: 'e-9', traceparent: '00-abc-def-01', tenant: 'acme' };
    await runWithCorrelation(context, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject(context);
    expect(lines[1]).not.toHaveProperty('correlationId');
    expect(currentCorrelation()).toBeUndefined();
  });

  it('leaves out correlation fields that are not set', () => {
    const { logger, lines } = capturedLogger();
    runWithCorrelation({ correlationId: 'c-2' }, () => logger.info('x'));
    expect(lines[0]).toMatchObject({ correlationId: 'c-2' });
    expect(Object.keys(lines[0]!)).not.toEqual(expect.arrayContaining(['causationId', 'tenant', 'traceparent']));
  });

  it('redacts secrets', () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        authorization: 'Bearer top',
        user: { name: 'ann', password: 'pw' },
        kafka: { token: 't0k' },
        req: { headers: { authorization: 'Basic x', accept: 'json' } },
      },
      'secrets',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['Bearer top', '"pw"', 't0k', 'Basic x']) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ authorization: '***', user: { name: 'ann', password: '***' }, kafka: { token: '***' } });
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: '***', accept: 'json' } } });
  });
});
