import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NOTE_KINDS, NOTE_TEXT_MAX } from '../../../libs/domain/case-notes';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiUuidParams, listOf } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NOTE, NOTE_KIND, NOTE_WITH_REVISIONS } from './note-view';
import { NewNote, NoteChange, NotesService } from './notes.service';

const FIELDS = {
  contactDate: { type: 'string', format: 'date', description: 'The date of the contact (not in the future)' },
  kind: { enum: [...NOTE_KINDS], description: 'conversation (gesprek), home-visit (huisbezoek), phone (telefoon), consultation (overleg), email (e-mail), other (andere): GET /note-kinds' },
  text: { type: 'string', minLength: 1, maxLength: NOTE_TEXT_MAX, pattern: '\\S' },
};
const NEW_NOTE: JsonSchema = {
  type: 'object',
  required: ['contactDate', 'kind', 'text'],
  properties: { ...FIELDS, confidential: { type: 'boolean', description: 'Visible only to its author, the responsible social worker and the team lead (fixed once written)' } },
  additionalProperties: false,
} as JsonSchema;
const CHANGE: JsonSchema = { type: 'object', minProperties: 1, properties: FIELDS, additionalProperties: false } as JsonSchema;
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('notes')
@ApiAuthenticated()
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get('note-kinds')
  @ApiOk(listOf(NOTE_KIND), 'The kinds of a case note, with their Dutch labels')
  @ApiPermission('note:read')
  kinds(@CurrentUser() actor: AuthUser) {
    return this.notes.kinds(actor);
  }

  @Get('dossiers/:id/notes')
  @ApiUuidParams('id')
  @ApiOk(listOf(NOTE), 'The journal of the dossier, latest contact first (confidential notes only for whom they are meant); an audited read')
  @ApiPermission('note:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notes.list(actor, id);
  }

  @Post('dossiers/:id/notes')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_NOTE)
  @ApiOk(NOTE, 'Written (a non-confidential note also in the timeline)', 201)
  @ApiPermission('note:write')
  @ApiErrors(404)
  create(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_NOTE)) body: NewNote) {
    return this.notes.create(actor, id, body);
  }

  @Get('notes/:id')
  @ApiUuidParams('id')
  @ApiOk(NOTE_WITH_REVISIONS, 'The note with its earlier wordings; an audited read')
  @ApiPermission('note:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.notes.get(actor, id);
  }

  @Patch('notes/:id')
  @ApiUuidParams('id')
  @ApiBodySchema(CHANGE)
  @ApiOk(NOTE_WITH_REVISIONS, 'Changed by its author; the wording it replaced is kept as a revision')
  @ApiPermission('note:write')
  @ApiErrors(404)
  change(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(CHANGE)) body: NoteChange) {
    return this.notes.change(actor, id, body);
  }
}
