import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { PersonsModule } from '../persons/persons.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({ imports: [DossiersModule, PersonsModule], controllers: [EventsController], providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
