import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated, ApiErrors, ApiFile, ApiNoContent, ApiOk, ApiPermission, ApiUuidParams, ERROR_RESPONSE, INTEGER, listOf, object, Schema } from '../common/openapi';
import { AuthUser, CurrentUser } from '../common/current-user';
import { DOCUMENT, DOCUMENT_KIND } from './document-view';
import { DocumentsService, UPLOAD_FIELDS } from './documents.service';
import { UploadedDocument, UploadInterceptor } from './upload.interceptor';

const KINDS = object({ ...(listOf(DOCUMENT_KIND) as { properties: Record<string, Schema> }).properties, maxBytes: INTEGER }, ['items', 'total', 'maxBytes']);
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The multipart body of an upload: the file and its kind. */
const UPLOAD_BODY = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'A PDF, JPEG or PNG, recognised by its content (the name and the declared type are not trusted); at most OCMW_DOCUMENT_MAX_BYTES (10 MB)' },
    ...UPLOAD_FIELDS.properties,
  },
};

/** RFC 6266: an ASCII fallback name and the real (UTF-8) one. */
function disposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('documents')
@ApiAuthenticated()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('document-kinds')
  @ApiOk(KINDS, 'The kinds of a document, with their Dutch labels, and the largest file an upload may be')
  @ApiPermission('document:read')
  kinds(@CurrentUser() actor: AuthUser) {
    return this.documents.kinds(actor);
  }

  @Post('dossiers/:id/documents')
  @UseInterceptors(UploadInterceptor)
  @ApiUuidParams('id')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ required: true, schema: UPLOAD_BODY as never })
  @ApiOk(DOCUMENT, 'Stored (and in the timeline); a file named .pdf that is a PNG is stored as the PNG it is, under a .png name', 201)
  @ApiPermission('document:upload')
  @ApiErrors(404)
  @ApiResponse({ status: 413, description: 'The file is larger than OCMW_DOCUMENT_MAX_BYTES (10 MB unless configured): nothing stored', content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_RESPONSE}` } } } })
  upload(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body() fields: unknown, @UploadedFile() file: UploadedDocument | undefined) {
    return this.documents.upload(actor, id, fields, file);
  }

  @Get('dossiers/:id/documents')
  @ApiUuidParams('id')
  @ApiOk(listOf(DOCUMENT), 'The documents of the dossier, latest first; an audited read')
  @ApiPermission('document:read')
  @ApiErrors(404)
  listForDossier(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.documents.listForDossier(actor, id);
  }

  @Get('persons/:id/documents')
  @ApiUuidParams('id')
  @ApiOk(listOf(DOCUMENT), "The person's documents on the dossiers the caller may read, latest first; an audited read")
  @ApiPermission('document:read')
  @ApiErrors(404)
  listForPerson(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.documents.listForPerson(actor, id);
  }

  @Get('documents/:id/content')
  @ApiUuidParams('id')
  @ApiFile('The document as uploaded (every download is audited)', 'application/pdf', 'image/png', 'image/jpeg')
  @ApiPermission('document:read')
  @ApiErrors(404)
  async content(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string): Promise<StreamableFile> {
    const file = await this.documents.content(actor, id);
    return new StreamableFile(file.body, { type: file.contentType, disposition: disposition(file.fileName), length: file.body.length });
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @ApiUuidParams('id')
  @ApiNoContent('Marked deleted (by its uploader or the team lead): gone from lists and downloads, kept for the audit trail')
  @ApiPermission('document:delete')
  @ApiErrors(404)
  async delete(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string): Promise<void> {
    await this.documents.delete(actor, id);
  }
}
