import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { RuntimeConfig } from '../src/config/runtime-config';
import { buildOpenApiDocument } from '../src/openapi';

/** The OpenAPI document of the app, from its decorators only (Nest's preview mode). */
export async function buildDocumentWithoutDatabase(): Promise<OpenAPIObject> {
  const config = loadConfig({
    DATABASE_URL: 'postgres://unused/unused',
    JWT_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
  });
  const runtime = RuntimeConfig.of(config, 'postgres://unused/unused', 'x'.repeat(32));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
