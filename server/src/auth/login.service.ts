import { AppError, ErrorCode, type LoginBody } from '@introserv/shared';
import type { RateLimitStore } from '../limits/rate-limit.store.js';
import type { Logger } from '../logger.js';
import type { OperatorRecord, OperatorStore } from '../operators/operator.store.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { ConnectionControl } from './connection-control.js';
import { verifyPassword } from './password.js';
import type { OpenSession, SessionService } from './session.service.js';

/**
 * How many failed logins are tolerated within `windowMs`. Only failures count, and a
 * success clears that account's failures from that address. Refusals are per address and
 * per (account, address): an attacker elsewhere cannot lock an operator out. Per account,
 * answers only slow down, so a correct password from an address that has not failed still
 * gets in.
 */
export interface LoginLimits {
  windowMs: number;
  /** Failures from one address, whatever the account, before it is refused. */
  perAddress: number;
  /** Failures for one account from one address before that pair is refused. */
  perAccountAddress: number;
  /** Failures for one account, from anywhere, before its answers slow down. */
  perAccountBeforeSlowdown: number;
  /** The delay each answer then takes. */
  slowdownMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  perAddress: 30,
  perAccountAddress: 10,
  perAccountBeforeSlowdown: 10,
  slowdownMs: 2_000,
};

/** Verified against when the e-mail is unknown, so both paths take the same time. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginPorts {
  operators: Pick<OperatorStore, 'findByEmail'>;
  rateLimits: RateLimitStore;
  presence: Pick<PresenceStore, 'setOperatorStatus'>;
}

/** The login and logout rules; the HTTP router only translates. */
export class LoginService {
  constructor(
    private readonly ports: LoginPorts,
    private readonly sessions: SessionService,
    private readonly connections: ConnectionControl,
    private readonly log: Logger,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async login({ email, password }: LoginBody, address: string): Promise<{ operator: OperatorRecord; open: OpenSession }> {
    const { rateLimits } = this.ports;
    const { windowMs } = this.limits;
    const now = Date.now();
    const keys = { address: `login:fail:ip:${address}`, pair: `login:fail:pair:${email}|${address}`, account: `login:fail:account:${email}` };
    const [byAddress, byPair, byAccount] = await Promise.all([
      rateLimits.count(keys.address, windowMs, now),
      rateLimits.count(keys.pair, windowMs, now),
      rateLimits.count(keys.account, windowMs, now),
    ]);
    if (byAddress >= this.limits.perAddress || byPair >= this.limits.perAccountAddress) {
      this.log.warn({ address, email }, 'login refused: too many failures from this address');
      throw new AppError(ErrorCode.RateLimited, 'too many failed logins from this address; try again later');
    }
    if (byAccount >= this.limits.perAccountBeforeSlowdown) await this.sleep(this.limits.slowdownMs);

    const operator = await this.ports.operators.findByEmail(email);
    const ok = await verifyPassword(password, operator?.passwordHash ?? DUMMY_HASH);
    if (!operator || !ok || operator.disabled) {
      await Promise.all(Object.values(keys).map((key) => rateLimits.hit(key, windowMs, now)));
      this.log.info({ email, address }, 'login failed');
      throw new AppError(ErrorCode.InvalidCredentials, 'wrong email or password');
    }
    await rateLimits.reset(keys.pair);
    const open = await this.sessions.create(operator.id);
    // A new login means "I am here": available for chats again, whatever was chosen before.
    await this.ports.presence.setOperatorStatus(operator.id, 'online');
    this.log.info({ operatorId: operator.id }, 'operator logged in');
    return { operator, open };
  }

  /** Ends the session and, on every process, the connections opened with it. */
  async logout(open: OpenSession): Promise<void> {
    await this.sessions.destroy(open.key);
    this.connections.endSession(open.key);
    this.log.info({ operatorId: open.session.operatorId }, 'operator logged out');
  }
}
