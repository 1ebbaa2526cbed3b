import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { catalogueOf } from '../../../libs/config/deadline-catalogue';
import { ErrorFilter } from './errors';
import { CATALOGUE, CONFIG, TEMPORAL_CLIENT } from './tokens';
import { WorkflowOutbox } from './workflow-outbox';

/** What the api process is given: its configuration and its connections, made (and closed) by whoever runs it. */
export interface ApiDeps {
  config: AppConfig;
  dataSource: DataSource;
  temporal: Client;
}

/**
 * What every feature module uses, global so that each injects it without importing it: the configuration, the
 * DataSource, the Temporal client, the deadline catalogue and the workflow outbox; and the one error filter (app-wide).
 */
@Global()
@Module({})
export class CommonModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    const shared = [
      { provide: CONFIG, useValue: deps.config },
      { provide: DataSource, useValue: deps.dataSource },
      { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
      { provide: CATALOGUE, useValue: catalogueOf(deps.config) },
    ];
    return {
      module: CommonModule,
      providers: [...shared, WorkflowOutbox, { provide: APP_FILTER, useClass: ErrorFilter }],
      exports: [CONFIG, DataSource, TEMPORAL_CLIENT, CATALOGUE, WorkflowOutbox],
    };
  }
}
