import { Logger } from '@nestjs/common';
import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';
import { runAsService, ServiceNestLogger } from './service-logger';

function service(name: string, lines: Record<string, unknown>[]): PinoNestLogger {
  return new PinoNestLogger(createLogger({ name, level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } }));
}

describe('ServiceNestLogger', () => {
  afterEach(() => Logger.overrideLogger(false));

  it("writes Nest's static lines with the logger of the service whose work runs, else its own", async () => {
    const lines: Record<string, unknown>[] = [];
    const incident = service('incident', lines);
    const gateway = service('gateway', lines);
    // Two apps in one process: the last useLogger wins Nest's static logger.
    Logger.overrideLogger(new ServiceNestLogger(incident));
    Logger.overrideLogger(new ServiceNestLogger(gateway));
    const nest = new Logger('ExceptionsHandler');

    await runAsService(incident, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      nest.warn('in a request of the incident app');
    });
    nest.log('outside any app');

    expect(lines.map((line) => [line['name'], line['msg'], line['context']])).toEqual([
      ['incident', 'in a request of the incident app', 'ExceptionsHandler'],
      ['gateway', 'outside any app', 'ExceptionsHandler'],
    ]);
  });
});
