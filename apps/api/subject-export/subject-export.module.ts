import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { SubjectExportController } from './subject-export.controller';
import { SubjectExportService } from './subject-export.service';

/** The data subject's export (GET /persons/:id/export): what is kept about a person, for the DPO. */
@Module({ imports: [DocumentsModule], controllers: [SubjectExportController], providers: [SubjectExportService] })
export class SubjectExportModule {}
