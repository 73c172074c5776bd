import { DynamicModule, Global, Module } from '@nestjs/common';
import { RuntimeConfig } from './runtime-config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: RuntimeConfig, useValue: config }],
      exports: [RuntimeConfig],
    };
  }
}
