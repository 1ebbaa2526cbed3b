import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROCEDURES } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiNoContent,
  ApiOk,
  ApiPermission,
  ApiQuerySchema,
  ApiUuidParams,
  arrayOf,
  DATE,
  DATE_TIME,
  INTEGER,
  listOf,
  nullable,
  object,
  STRING,
  UUID,
} from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { TASK } from './task-view';
import { outcomeFields } from '../../../libs/procedures/task-forms';
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
/** The outcome of a task: the outcome schema of its kind (the same the workflow validates with), one of these. */
const OUTCOME: JsonSchema = {
  description: "The task's outcome: the outcomeSchema of its kind (GET /tasks/:id), one of these",
  anyOf: Object.values(PROCEDURES).flatMap((p) =>
    Object.entries(p.taskKinds).map(([kind, { title, outcomeSchema: { $schema: _, ...schema } }]) => ({ ...schema, title: `${p.name}/${kind}: ${title}` })),
  ),
} as JsonSchema;
/** A draft: any part of the form, as an object; the fields are checked against the task's form by the service. */
const DRAFT_BODY: JsonSchema = {
  type: 'object',
  description: "Any part of the task's form (the fields of its outcomeSchema), saved as it is: a value is not judged until completion",
  properties: Object.fromEntries(
    [...new Set(Object.values(PROCEDURES).flatMap((p) => Object.values(p.taskKinds).flatMap(({ outcomeSchema }) => [...outcomeFields(outcomeSchema)])))].sort().map((f) => [f, {}]),
  ),
  additionalProperties: false,
};
const PREFILL = object(
  { values: { type: 'object', description: 'Outcome field → the value the dossier already knows (in the outcome\'s own terms: amounts in cents)' }, sources: { type: 'object', description: 'Outcome field → where it came from (a path such as tasks.social-inquiry.proposedCategory)' } },
  ['values', 'sources'],
);
const COMPUTED = object(
  {
    field: STRING, rule: { enum: ['leefloon-monthly'] }, amountCents: nullable(INTEGER),
    missing: { type: 'array', items: STRING, description: 'Inputs not known yet: category, monthlyResourcesCents, date; amount-table when no amount is configured for the month' },
    category: nullable(INTEGER), categoryName: nullable(STRING), categoryAmountCents: nullable(INTEGER), resourcesCents: nullable(INTEGER),
    month: nullable(STRING), validFrom: nullable(DATE), explanation: nullable({ type: 'string', description: 'Dutch: the computation as the decision letter states it' }),
  },
  ['field', 'rule', 'amountCents', 'missing', 'category', 'categoryName', 'categoryAmountCents', 'resourcesCents', 'month', 'validFrom', 'explanation'],
);
const DRAFT = object({ taskId: UUID, data: { type: 'object' }, savedAt: DATE_TIME }, ['taskId', 'data', 'savedAt']);
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('tasks')
@ApiAuthenticated()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiQuerySchema(LIST)
  @ApiOk(listOf(TASK, true))
  @ApiPermission('task:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: TaskFilters) {
    return this.tasks.list(actor, query);
  }

  @Get(':id')
  @ApiUuidParams('id')
  @ApiOk(object({ ...(TASK as { properties: object }).properties, outcomeSchema: { type: 'object', description: 'The JSON Schema of the outcome' }, outcome: ANY, completedBy: nullable(UUID), completedByName: nullable(STRING) }))
  @ApiPermission('task:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(TASK, 'Claimed by the caller')
  @ApiPermission('task:claim')
  @ApiErrors(404, 409)
  claim(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.claim(actor, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiBodySchema(ASSIGN)
  @ApiUuidParams('id')
  @ApiOk(TASK, 'Assigned')
  @ApiPermission('task:assign')
  @ApiErrors(404, 409)
  assign(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(ASSIGN)) body: { userId: string }) {
    return this.tasks.assign(actor, id, body.userId);
  }

  /** The body is the outcome, as described by the task's outcomeSchema (GET /tasks/:id). */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiBodySchema(OUTCOME)
  @ApiUuidParams('id')
  @ApiOk(object({ task: TASK, dossierStatus: STRING, nextTasks: arrayOf(TASK) }, ['task', 'dossierStatus', 'nextTasks']), 'Recorded by the workflow, which opened the next tasks')
  @ApiPermission('task:complete')
  @ApiErrors(404, 409)
  complete(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body() outcome: Record<string, unknown>) {
    return this.tasks.complete(actor, id, outcome);
  }

  /** What the dossier already knows for this task's form (its procedure definition's prefill); audited. */
  @Get(':id/prefill')
  @ApiUuidParams('id')
  @ApiOk(PREFILL, 'The values the form starts from when the caller has no draft')
  @ApiPermission('task:complete')
  @ApiErrors(404, 409)
  prefill(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.prefill(actor, id);
  }

  /**
   * The computed fields of this task's form (the leefloon per month from the category, the inquiry's resources and the
   * dated amounts), for the form as typed so far: the same function the workflow's activities pay with. Changes nothing.
   */
  @Post(':id/computations')
  @HttpCode(200)
  @ApiBodySchema(DRAFT_BODY)
  @ApiUuidParams('id')
  @ApiOk(object({ items: arrayOf(COMPUTED) }, ['items']), 'One item per computed field of the form (none: the form has no computed field)')
  @ApiPermission('task:complete')
  @ApiErrors(404, 409)
  computations(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(DRAFT_BODY)) body: Record<string, unknown>) {
    return this.tasks.computations(actor, id, body);
  }

  /** The caller's half-filled form of this task, kept on the server until the task is completed (then deleted). */
  @Put(':id/draft')
  @ApiBodySchema(DRAFT_BODY)
  @ApiUuidParams('id')
  @ApiOk(DRAFT, 'Saved (replacing an earlier draft of the caller)')
  @ApiPermission('task:complete')
  @ApiErrors(404, 409)
  saveDraft(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(DRAFT_BODY)) body: Record<string, unknown>) {
    return this.tasks.saveDraft(actor, id, body);
  }

  @Get(':id/draft')
  @ApiUuidParams('id')
  @ApiOk(DRAFT, "The caller's draft")
  @ApiPermission('task:complete')
  @ApiErrors(404)
  getDraft(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.tasks.getDraft(actor, id);
  }

  @Delete(':id/draft')
  @HttpCode(204)
  @ApiUuidParams('id')
  @ApiNoContent('Deleted')
  @ApiPermission('task:complete')
  @ApiErrors(404)
  async deleteDraft(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string): Promise<void> {
    await this.tasks.deleteDraft(actor, id);
  }
}
