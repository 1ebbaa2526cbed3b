import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * INSERT ... ON CONFLICT DO NOTHING, telling whether a row was written. Activities run at least once: this is how
 * they stay idempotent on their business key (the unique constraint) and audit only the first time.
 */
export async function insertOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: Partial<T>,
): Promise<boolean> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(values as never).orIgnore().returning('id').execute();
  return Array.isArray(result.raw) && result.raw.length > 0;
}
