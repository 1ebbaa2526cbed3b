import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { loadDeadlineCatalogue } from '../../libs/config/deadline-catalogue';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { ErrorFilter } from './common/errors';
import { WorkflowOutbox } from './common/workflow-outbox';
import { checkRequestShape, MAX_BODY } from './common/request-limits';
import { CATALOGUE, CONFIG, TEMPORAL_CLIENT } from './common/tokens';
import { CouncilController } from './council/council.controller';
import { CouncilService } from './council/council.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { EscalationsController } from './escalations/escalations.controller';
import { EscalationsService } from './escalations/escalations.service';
import { LegalDeadlinesController } from './legal-deadlines/legal-deadlines.controller';
import { LegalDeadlinesService } from './legal-deadlines/legal-deadlines.service';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { TeamController } from './team/team.controller';
import { TeamService } from './team/team.service';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { HealthController } from './health/health.controller';
import { NoticesController } from './notices/notices.controller';
import { NoticesService } from './notices/notices.service';
import { PersonsController } from './persons/persons.controller';
import { PersonsService } from './persons/persons.service';
import { ProceduresModule } from './procedures/procedures.module';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { WebController } from './web/web.controller';

export interface ApiDeps {
  config: AppConfig;
  dataSource: DataSource;
  temporal: Client;
}

@Module({})
export class ApiModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    return {
      module: ApiModule,
      imports: [ProceduresModule],
      controllers: [
        AuthController,
        UsersController,
        PersonsController,
        DossiersController,
        TasksController,
        DashboardController,
        EscalationsController,
        TeamController,
        LegalDeadlinesController,
        NoticesController,
        CouncilController,
        PaymentsController,
        HealthController,
        WebController,
      ],
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporal },
        { provide: CATALOGUE, useValue: loadDeadlineCatalogue(deps.config.deadlineRulesFile) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        WorkflowOutbox,
        AuthService,
        LoginThrottle,
        UsersService,
        PersonsService,
        DossiersService,
        TasksService,
        DashboardService,
        EscalationsService,
        TeamService,
        LegalDeadlinesService,
        NoticesService,
        CouncilService,
        PaymentsService,
      ],
    };
  }
}

/** The API application, with its OpenAPI page at /docs. Used by the api process, the launcher and the e2e tests. */
export async function createApiApp(deps: ApiDeps, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(deps), { logger: options.logger === false ? false : ['error', 'warn'] });
  app.enableShutdownHooks();
  // Every body: at most 256 KB (413), then at most 32 levels deep and no NUL character in body or query (400).
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useBodyParser('urlencoded', { limit: MAX_BODY, extended: true });
  app.use(checkRequestShape);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ocmw-flow')
      .setDescription('Aid procedures of the OCMW social service: persons, dossiers, human tasks, deadlines.')
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
