import * as path from 'node:path';
import { TASK_KINDS } from '../../libs/tasks/task-kinds';
import { projectRoot } from '../../libs/infra/project-root';
import { standaloneModule } from '../../libs/validation/standalone';

const COMMAND = 'npm run generate:validators';

/** Every standalone validator module the workflows import, with the schemas it is generated from. */
export function generatedValidatorModules(): { file: string; source: () => string }[] {
  return [
    {
      file: path.join(projectRoot(), 'libs/tasks/outcome-validators.generated.ts'),
      source: () =>
        standaloneModule({
          exportName: 'OUTCOME_VALIDATORS',
          schemas: Object.fromEntries(Object.values(TASK_KINDS).map((k) => [k.kind, k.outcomeSchema])),
          checksModule: '../validation/checks',
          command: COMMAND,
        }),
    },
  ];
}
