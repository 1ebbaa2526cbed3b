import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, scopeOf } from '../../../libs/auth/permissions';
import { ROLES } from '../../../libs/auth/roles';

/** The web app's copy of the roles that may do an action (apps/web/public/permissions.js), read as the page reads it. */
function webTable(): Record<string, string[]> {
  const source = fs.readFileSync(path.resolve(__dirname, '../../../apps/web/public/permissions.js'), 'utf8');
  const literal = /export const MAY = (\{[\s\S]*?\n\});/.exec(source)?.[1];
  if (!literal) throw new Error('MAY not found in permissions.js');
  return new Function(`return ${literal};`)() as Record<string, string[]>;
}

describe('the web app shows an action to the roles the permission matrix allows it', () => {
  it.each(Object.entries(webTable()))('%s: the roles whose scope is not none', (action, roles) => {
    expect(ACTIONS).toContain(action);
    const allowed = ROLES.filter((role) => scopeOf(role, action as (typeof ACTIONS)[number]) !== 'none');
    expect([...roles].sort()).toEqual([...allowed].sort());
  });
});
