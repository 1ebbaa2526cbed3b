import { Module } from '@nestjs/common';
import { LegalDeadlinesController } from './legal-deadlines.controller';
import { LegalDeadlinesService } from './legal-deadlines.service';

@Module({ controllers: [LegalDeadlinesController], providers: [LegalDeadlinesService] })
export class LegalDeadlinesModule {}
