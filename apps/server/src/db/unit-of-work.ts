import {
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
} from '@mikro-orm/postgresql';
import { BadUserInputError } from '../errors/bad-user-input-error.js';
import { ConflictError } from '../errors/conflict-error.js';

/**
 * Runs a write in one transaction and translates the database's refusals into client errors.
 * This is the one place that knows which driver exceptions mean what; no resolver looks at SQL
 * errors.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/** Maps driver exceptions to client errors; anything else is returned unchanged. */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof OptimisticLockError) {
    return new ConflictError('Someone else changed this first; reload and try again.');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return new ConflictError('Something with the same unique value already exists.', {
      constraint: constraintOf(error),
    });
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return new BadUserInputError('The input refers to something that does not exist.');
  }
  if (error instanceof NotNullConstraintViolationException) {
    return new BadUserInputError('A required value is missing.');
  }
  return error;
}

function constraintOf(error: Error): string | undefined {
  return (error as Error & { constraint?: string }).constraint;
}
