import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AuthModule } from './auth/auth.module';
import { ApiDeps, CommonModule } from './common/common.module';
import { buildOpenApiDocument } from './common/openapi';
import { checkRequestShape, MAX_BODY } from './common/request-limits';
import { securityHeaders } from './common/security-headers';
import { CouncilModule } from './council/council.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { SubjectExportModule } from './subject-export/subject-export.module';
import { DocumentsModule } from './documents/documents.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { EscalationsModule } from './escalations/escalations.module';
import { EventsModule } from './events/events.module';
import { FiguresModule } from './figures/figures.module';
import { HealthModule } from './health/health.module';
import { LegalDeadlinesModule } from './legal-deadlines/legal-deadlines.module';
import { NoticesModule } from './notices/notices.module';
import { PaymentsModule } from './payments/payments.module';
import { PartiesModule } from './parties/parties.module';
import { DossierRelationsModule } from './dossier-relations/dossier-relations.module';
import { NotesModule } from './notes/notes.module';
import { BudgetInventoryModule } from './budget-inventory/budget-inventory.module';
import { BudgetManagementModule } from './budget-management/budget-management.module';
import { CreditorLettersModule } from './creditor-letters/creditor-letters.module';
import { CollectiveSettlementModule } from './collective-settlement/collective-settlement.module';
import { LoiModule } from './loi/loi.module';
import { PersonsModule } from './persons/persons.module';
import { TasksModule } from './tasks/tasks.module';
import { TeamModule } from './team/team.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';
import { ProceduresModule } from './procedures/procedures.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.controller';

export type { ApiDeps } from './common/common.module';

/** The capabilities of the API, one feature module each (its controller and services), on the shared CommonModule. */
export const FEATURE_MODULES = [
  AuthModule,
  UsersModule,
  PersonsModule,
  DossiersModule,
  EventsModule,
  PartiesModule,
  DossierRelationsModule,
  NotesModule,
  BudgetInventoryModule,
  BudgetManagementModule,
  CreditorLettersModule,
  DocumentsModule,
  SubjectExportModule,
  CollectiveSettlementModule,
  LoiModule,
  TasksModule,
  DashboardModule,
  EscalationsModule,
  FiguresModule,
  TeamModule,
  LegalDeadlinesModule,
  NoticesModule,
  CouncilModule,
  PaymentsModule,
  HealthModule,
  TemporalCodecModule,
  WebModule,
  ProceduresModule,
];

@Module({})
export class AppModule {
  static forRoot(deps: ApiDeps): DynamicModule {
    return { module: AppModule, imports: [CommonModule.forRoot(deps), ...FEATURE_MODULES] };
  }
}

/** The API application, with its OpenAPI page at /docs (the document at /docs-json). Used by the api process, the launcher and the e2e tests. */
export async function createApiApp(deps: ApiDeps, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), { logger: options.logger === false ? false : ['error', 'warn'] });
  app.enableShutdownHooks();
  app.use(securityHeaders);
  // Every body: at most 256 KB (413), then at most 32 levels deep and no NUL character in body or query (400).
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useBodyParser('urlencoded', { limit: MAX_BODY, extended: true });
  app.use(checkRequestShape);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));
  return app;
}
