import { Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/config';
import { createDocumentStore } from '../../../libs/documents';
import { CONFIG } from '../common/tokens';
import { DocumentsController } from './documents.controller';
import { DOCUMENT_STORE, DocumentsService } from './documents.service';
import { UploadInterceptor } from './upload.interceptor';

/** Documents on dossiers (GET /document-kinds, GET/POST /dossiers/:id/documents, GET /persons/:id/documents, GET /documents/:id/content, DELETE /documents/:id), their bytes in the configured document store. */
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, UploadInterceptor, { provide: DOCUMENT_STORE, useFactory: (config: AppConfig) => createDocumentStore(config.documents), inject: [CONFIG] }],
  exports: [DocumentsService, DOCUMENT_STORE],
})
export class DocumentsModule {}
