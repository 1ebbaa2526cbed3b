import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { recomputeRunningDossiers } from '../../apps/api/legal-deadlines/recompute-dossiers';
import { TASK_FAILURES } from '../../workflows/shared/dossier.messages';

/** The admin command's loop, with a fake dossiers table and a fake Temporal client: every dossier is told, failures do not stop it. */
describe('recomputeRunningDossiers', () => {
  const dossiers = ['a', 'b', 'c', 'd'].map((id) => ({ id, reference: `LL-2026-00000${id}`, workflowId: `dossier-${id}` }));
  const where: unknown[] = [];
  const dataSource = { getRepository: () => ({ find: async (options: { where: unknown }) => (where.push(options.where), dossiers) }) } as never;
  const told: string[] = [];
  const temporal = {
    workflow: {
      getHandle: (workflowId: string) => ({
        executeUpdate: async (_update: unknown, { args }: { args: [{ requestedBy: string }] }) => {
          told.push(`${workflowId}:${args[0].requestedBy}`);
          if (workflowId === 'dossier-b') {
            throw new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: TASK_FAILURES.notSupported, message: 'v1', nonRetryable: true }));
          }
          if (workflowId === 'dossier-c') throw new WorkflowNotFoundError('gone', workflowId, undefined);
          return {
            recomputed: [
              { key: 'decision', ruleId: 'LL-3', previousDueDate: '2026-04-01', dueDate: '2026-04-01', status: 'running' },
              { key: 'appeal', ruleId: 'LL-10', previousDueDate: '2026-07-30', dueDate: '2026-07-31', status: 'running' },
            ],
            unchanged: [{ key: 'notification', ruleId: 'LL-4', status: 'met' }],
            failed: [],
          };
        },
      }),
    },
  } as never;

  it('tells every running dossier, counts v1 dossiers apart and lists the failures without stopping', async () => {
    const report = await recomputeRunningDossiers({ dataSource, temporal, requestedBy: 'admin-1', concurrency: 2 });
    expect(told.sort()).toEqual(['dossier-a:admin-1', 'dossier-b:admin-1', 'dossier-c:admin-1', 'dossier-d:admin-1']);
    expect(report).toEqual({
      dossiers: 4,
      told: 2,
      notSupported: 1,
      failed: 1,
      clocks: { recomputed: 4, changed: 2, unchanged: 2, refused: 0 },
      failures: [{ dossierId: 'c', reference: 'LL-2026-00000c', reason: 'the workflow of the dossier is not running' }],
    });
    expect(JSON.stringify(where[0])).toContain('closedAt'); // only dossiers not closed
  });
});
