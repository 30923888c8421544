import { Module, RequestMethod } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { SupplierInboundBodyMiddleware } from './supplier-inbound-body.middleware';
import { SupplierInboundController } from './supplier-inbound.controller';
import { SUPPLIER_INBOUND_RESOURCE, SUPPLIER_INBOUND_ROOT } from './supplier-inbound-http';

/**
 * The suppliers' REST endpoint. Imported by the SupplierExchangeModule (global within its app), whose
 * SupplierInboundPipeline it uses: the one the Kafka inbound subscription runs.
 */
@Module({ controllers: [SupplierInboundController] })
export class SupplierInboundHttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SupplierInboundBodyMiddleware).forRoutes({ path: `${SUPPLIER_INBOUND_ROOT}/${SUPPLIER_INBOUND_RESOURCE}`, method: RequestMethod.POST });
  }
}
