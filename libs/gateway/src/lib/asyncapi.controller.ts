import { Controller, Get, Header } from '@nestjs/common';
import { platformAsyncApiDocument } from '@itsm/contracts';
import type { JsonObject } from '@itsm/contracts';

/** Where the gateway (and so the all-in-one) serves the platform's event contract. */
export const ASYNCAPI_PATH = 'asyncapi.json';

/**
 * `GET /asyncapi.json`: the AsyncAPI 3.0 document of every topic the platform writes or reads.
 * Unauthenticated on purpose: it is the public contract suppliers and consumers build against
 * (topic names and payload schemas, no data), as /health is. Generated once per process.
 */
@Controller()
export class AsyncApiController {
  private readonly document: JsonObject = platformAsyncApiDocument();

  @Get(ASYNCAPI_PATH)
  @Header('Cache-Control', 'public, max-age=300')
  asyncApi(): JsonObject {
    return this.document;
  }
}
