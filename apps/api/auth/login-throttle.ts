import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit, AuditActor } from '../../../libs/db/audit';
import { CONFIG } from '../common/tokens';

/** Who tried to log in: nobody known yet (a failed login has no authenticated actor). */
export const ANONYMOUS: AuditActor = { id: null, role: 'anonymous' };

/** Why a login failed, in the audit trail (never the password). */
export type LoginFailure = 'unknown-user' | 'wrong-password' | 'inactive' | 'demo-password' | 'locked';

// Advisory lock classes (pg_advisory_xact_lock(int, int)): one for usernames, one for addresses.
const LOCK_USERNAME = 0x4c6f6755; // 'LogU'
const LOCK_ADDRESS = 0x4c6f6741; // 'LogA'

export type Gate = { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number };

/**
 * Failed logins counted in PostgreSQL, per attempted username and per client address, so the limits hold with
 * several API processes:
 * - a username is locked for `lockoutMinutes` after the failure that brings its failures within the last
 *   `windowMinutes` (since its last successful login) to `maxFailuresPerUser`;
 * - an address is locked the same way at `maxFailuresPerAddress` failures, whatever usernames they were for. A
 *   successful login does NOT reset an address's count: otherwise one valid account would let an address guess on at
 *   other accounts without end. (Many users behind one NAT address share that count: raise the limit there.)
 * While locked, an attempt is refused (429) without checking the password, and the refusal does not count: the lock
 * ends at its time. After a lock, one more failure within the window locks again.
 * Counting and recording an attempt happen under an advisory lock on the username and the address, so attempts
 * running side by side cannot all pass under the limit: an attempt whose password is being checked counts as a
 * failure for the others until it is known.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records the attempt as pending, or refuses it (recorded, audited) while the username or address is locked. */
  async begin(username: string, address: string): Promise<Gate> {
    const { windowMinutes, lockoutMinutes, maxFailuresPerUser, maxFailuresPerAddress } = this.config.login;
    return this.dataSource.transaction(async (tx) => {
      // Always the username first, then the address: no two attempts wait on each other in a cycle.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_USERNAME, username]);
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_ADDRESS, address]);
      const [byUser]: LockRow[] = await tx.query(
        `SELECT count(*)::int AS failures,
                extract(epoch FROM max(at) + make_interval(mins => $3) - clock_timestamp())::float AS remaining
           FROM login_attempts
          WHERE username = $1 AND outcome IN ('failure', 'pending') AND at > clock_timestamp() - make_interval(mins => $2)
            AND at > coalesce((SELECT max(at) FROM login_attempts WHERE username = $1 AND outcome = 'success'), '-infinity')`,
        [username, windowMinutes, lockoutMinutes],
      );
      const [byAddress]: LockRow[] = await tx.query(
        `SELECT count(*)::int AS failures,
                extract(epoch FROM max(at) + make_interval(mins => $3) - clock_timestamp())::float AS remaining
           FROM login_attempts
          WHERE address = $1 AND outcome IN ('failure', 'pending') AND at > clock_timestamp() - make_interval(mins => $2)`,
        [address, windowMinutes, lockoutMinutes],
      );
      const userWait = byUser.failures >= maxFailuresPerUser ? (byUser.remaining ?? 0) : 0;
      const addressWait = byAddress.failures >= maxFailuresPerAddress ? (byAddress.remaining ?? 0) : 0;
      const wait = Math.max(0, userWait, addressWait);
      if (wait > 0) {
        const retryAfterSeconds = Math.ceil(wait);
        const lockedBy = [...(userWait > 0 ? ['username'] : []), ...(addressWait > 0 ? ['address'] : [])];
        await tx.query(`INSERT INTO login_attempts (at, username, address, outcome) VALUES (clock_timestamp(), $1, $2, 'refused')`, [username, address]);
        await auditFailure(tx, username, address, 'locked', { retryAfterSeconds, lockedBy });
        return { allowed: false as const, retryAfterSeconds };
      }
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO login_attempts (at, username, address, outcome) VALUES (clock_timestamp(), $1, $2, 'pending') RETURNING id`,
        [username, address],
      );
      return { allowed: true as const, attemptId: String(row.id) };
    });
  }

  async succeeded(attemptId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE login_attempts SET outcome = 'success' WHERE id = $1`, [attemptId]);
  }

  /** The attempt failed: counted, and audited with the username tried and the address (never the password). */
  async failed(attemptId: string, username: string, address: string, reason: LoginFailure, userId: string | null): Promise<void> {
    const { windowMinutes, lockoutMinutes } = this.config.login;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE login_attempts SET outcome = 'failure' WHERE id = $1`, [attemptId]);
      await auditFailure(tx, username, address, reason, userId ? { userId } : {});
      // What no count can need any more; the audit trail keeps every failure.
      await tx.query(`DELETE FROM login_attempts WHERE at < clock_timestamp() - make_interval(mins => $1)`, [windowMinutes + lockoutMinutes + 24 * 60]);
    });
  }
}

interface LockRow {
  failures: number;
  remaining: number | null;
}

function auditFailure(tx: EntityManager, username: string, address: string, reason: LoginFailure, details: Record<string, unknown>) {
  return audit(tx, ANONYMOUS, 'auth.login-failed', { details: { username, address, reason, ...details } });
}

/** The client's address as the socket reports it; an IPv4 client on a dual-stack socket without its ::ffff: prefix. */
export function clientAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
