import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { createApiApp } from '../api/app.module';
import { IS_PUBLIC } from '../api/common/current-user';
import { buildOpenApiDocument } from '../api/common/openapi';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * `npm run openapi`: prints the API's OpenAPI 3.1 document (what /docs-json serves) as JSON, for the web app's client
 * and the API fuzzing, without a database or Temporal (nothing connects: the app is built, never started).
 * `--routes` prints instead every route the Nest router serves, `[{ method, path, handler? }]`, with what its controller
 * method takes (a body, a query) and whether it is public: the OpenAPI test compares them with the document.
 */
async function main() {
  // Built with the defaults: the document depends on no setting. The DataSource is never initialised, the client lazy.
  const config = { ...loadConfig({}), tokenSecret: 'x'.repeat(32) };
  const app = await createApiApp({ config, dataSource: createDataSource('postgres://openapi@127.0.0.1:1/none'), temporal: new Client() }, { logger: false });
  try {
    if (!process.argv.includes('--routes')) {
      process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
      return;
    }
    await app.init(); // registers the routes on the router (the outbox relay starts and stops before its first pass)
    const stack: RouterLayer[] = app.getHttpAdapter().getInstance().router.stack;
    const routes = stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => ({ method, path: layer.route!.path })) : [],
    );
    const handlers = controllerHandlers(app.get(ModulesContainer));
    process.stdout.write(`${JSON.stringify(routes.map((r) => ({ ...r, handler: handlers.get(`${r.method} ${r.path}`) })), null, 2)}\n`);
  } finally {
    await app.close();
  }
}

interface HandlerInfo {
  controller: string;
  method: string;
  body: boolean;
  query: boolean;
  public: boolean;
}

/** `get /dossiers/:id` → what the controller method takes, read from the controllers' Nest metadata. */
function controllerHandlers(modules: ModulesContainer): Map<string, HandlerInfo> {
  const handlers = new Map<string, HandlerInfo>();
  for (const module of modules.values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const controller = metatype as new (...args: never[]) => object;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const args = Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}).map((key) => Number(key.split(':')[0]));
        const info: HandlerInfo = {
          controller: controller.name,
          method: name,
          // An upload reads its body too: the file part (and any fields).
          body: args.includes(RouteParamtypes.BODY) || args.includes(RouteParamtypes.FILE),
          query: args.includes(RouteParamtypes.QUERY),
          public: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)),
        };
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')) {
            handlers.set(`${verb} /${[prefix, path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`, info);
          }
        }
      }
    }
  }
  return handlers;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
