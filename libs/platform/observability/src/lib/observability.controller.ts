import { Controller, Get, Res } from '@nestjs/common';
import { HealthRegistry } from './health-registry';
import type { Readiness } from './health-registry';
import { MetricsRegistry } from './metrics-registry';

/** The part of Express's and Fastify's reply objects the endpoints use. */
interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

@Controller()
export class ObservabilityController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metricsRegistry: MetricsRegistry,
  ) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return this.health.liveness();
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: HttpReply): Promise<Readiness> {
    const readiness = await this.health.readiness();
    reply.status(readiness.status === 'ok' ? 200 : 503);
    return readiness;
  }

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: HttpReply): Promise<string> {
    reply.header('Content-Type', this.metricsRegistry.contentType);
    return this.metricsRegistry.metrics();
  }
}
