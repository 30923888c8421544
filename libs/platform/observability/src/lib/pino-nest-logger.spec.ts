import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    name: 'svc',
    level: 'trace',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { nest: new PinoNestLogger(logger), lines };
}

describe('PinoNestLogger', () => {
  it('maps Nest levels and the trailing context argument', () => {
    const { nest, lines } = capture();
    nest.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    nest.warn('careful');
    nest.debug('details', 'Ctx');
    nest.verbose('chatter');
    nest.fatal('dying');
    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      ['info', 'Mapped {/health/live, GET} route', 'RouterExplorer'],
      ['warn', 'careful', undefined],
      ['debug', 'details', 'Ctx'],
      ['trace', 'chatter', undefined],
      ['fatal', 'dying', undefined],
    ]);
  });

  it('keeps the stack and the context of error(message, stack, context)', () => {
    const { nest, lines } = capture();
    const stack = new Error('boom').stack!;
    nest.error('request failed', stack, 'ExceptionsHandler');
    nest.error('only a stack', stack);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({ msg: 'only a stack', stack });
    expect(lines[1]).not.toHaveProperty('context');
  });

  it('serialises Error and object messages', () => {
    const { nest, lines } = capture();
    nest.error(new Error('broken'), 'Ctx');
    nest.log({ event: 'started', port: 3000 });
    expect(lines[0]).toMatchObject({ msg: 'broken', context: 'Ctx', err: { message: 'broken', type: 'Error' } });
    expect(lines[1]).toMatchObject({ level: 'info', event: 'started', port: 3000 });
  });
});
