import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { PersonsModule } from '../persons/persons.module';
import { StatementUploadInterceptor } from '../budget-management/budget-management.controller';
import { BankStatementsController } from './bank-statements.controller';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({ imports: [DossiersModule, PersonsModule], controllers: [EventsController, BankStatementsController], providers: [EventsService, StatementUploadInterceptor], exports: [EventsService] })
export class EventsModule {}
