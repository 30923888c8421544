import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { TObject } from '@sinclair/typebox';
import { APP_CONFIG } from './config.tokens';
import { loadConfig } from './load-config';
import type { Env } from './load-config';

export interface ConfigModuleOptions<T extends TObject> {
  readonly schema: T;
  /** Defaults to process.env. */
  readonly env?: Env;
}

@Module({})
export class ConfigModule {
  /** Loads and validates once, when the application boots; a ConfigError aborts the boot. */
  static forRoot<T extends TObject>(options: ConfigModuleOptions<T>): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig(options.schema, options.env) }],
      exports: [APP_CONFIG],
    };
  }
}
