import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { TaskFilters, TasksService } from './tasks.service';

const LIST: JsonSchema = {
  type: 'object',
  properties: {
    assignee: { type: 'string', pattern: '^(me|[0-9a-fA-F-]{36})$' },
    team: { type: 'string', maxLength: 63 },
    status: { enum: ['open', 'claimed', 'completed', 'cancelled'] },
    dueBefore: { type: 'string', format: 'date' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$' },
  },
  additionalProperties: false,
};
const ASSIGN: JsonSchema = {
  type: 'object',
  required: ['userId'],
  properties: { userId: { type: 'string', format: 'uuid' } },
  additionalProperties: false,
};
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: TaskFilters) {
    return this.tasks.list(actor, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.claim(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiBody({ schema: ASSIGN as object })
  assign(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(ASSIGN)) body: { userId: string }) {
    return this.tasks.assign(actor, id, body.userId);
  }

  /** The body is the outcome, as described by the task's outcomeSchema (GET /tasks/:id). */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'object', description: "The task's outcome, per its outcomeSchema" } })
  complete(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body() outcome: Record<string, unknown>) {
    return this.tasks.complete(actor, id, outcome);
  }
}
