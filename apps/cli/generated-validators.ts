import * as path from 'node:path';
import { PROCEDURES } from '../../libs/procedures';
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
          // Keyed <procedure>/<kind> (task outcomes), <procedure>/council:<item kind> (council decisions) and
          // <procedure>/event:<type> (external events).
          schemas: Object.fromEntries(
            Object.values(PROCEDURES).flatMap((p) => [
              ...Object.entries(p.taskKinds).map(([kind, k]) => [`${p.name}/${kind}`, k.outcomeSchema]),
              ...Object.entries(p.council.decisions).map(([itemKind, d]) => [`${p.name}/council:${itemKind}`, d.schema]),
              ...Object.entries(p.events).map(([type, e]) => [`${p.name}/event:${type}`, e.schema]),
            ]),
          ),
          checksModule: '../validation/checks',
          command: COMMAND,
        }),
    },
  ];
}
