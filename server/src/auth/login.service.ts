import { AppError, ErrorCode, type LoginBody } from '@introserv/shared';
import { quotaSubject } from '../limits/quota-subject.js';
import type { RateLimitStore } from '../limits/rate-limit.store.js';
import type { LogSampler } from '../log-sampler.js';
import type { Logger } from '../logger.js';
import type { OperatorRecord, OperatorStore } from '../operators/operator.store.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { ConnectionControl } from './connection-control.js';
import { HashGate } from './hash-gate.js';
import { verifyPassword } from './password.js';
import type { OpenSession, SessionService } from './session.service.js';

/**
 * How many failed logins are tolerated within `windowMs`. Only failures count, and a
 * success clears that account's failures from that address. Refusals are per address and
 * per (account, address): an attacker elsewhere cannot lock an operator out. Per account,
 * answers only slow down, so a correct password from an address that has not failed still
 * gets in. Addresses are quota subjects (an IPv6 client by its /64).
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
  /** Password hashes computed at once by this process. */
  hashConcurrency: number;
  /** Logins of one address being checked or waiting for a hash at once; more are refused. */
  hashesPerAddress: number;
  /** Logins waiting for a hash (all addresses) before more are refused. */
  hashQueue: number;
}

/** Verified against when the e-mail is unknown, so both paths take the same time. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginPorts {
  operators: Pick<OperatorStore, 'findByEmail'>;
  rateLimits: Pick<RateLimitStore, 'reserve' | 'reset'>;
  presence: Pick<PresenceStore, 'setOperatorStatus'>;
}

export interface LoginOptions {
  limits: LoginLimits;
  /** Refusals and failures are lines a client can cause at will: one per kind per window. */
  sampler: LogSampler;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The login and logout rules; the HTTP router only translates. An attempt is counted as a
 * failure BEFORE its password is hashed, in one atomic step per address, (account, address)
 * and account, and given back when it succeeds (or was never checked): the hash is the slow
 * step, and counting after it let a parallel burst read "no failures" on every request.
 */
export class LoginService {
  private readonly hashes: HashGate;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly ports: LoginPorts,
    private readonly sessions: SessionService,
    private readonly connections: ConnectionControl,
    private readonly log: Logger,
    private readonly options: LoginOptions,
  ) {
    const { hashConcurrency, hashesPerAddress, hashQueue } = options.limits;
    this.hashes = new HashGate({ concurrency: hashConcurrency, perAddress: hashesPerAddress, queue: hashQueue });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async login({ email, password }: LoginBody, address: string): Promise<{ operator: OperatorRecord; open: OpenSession }> {
    const { rateLimits } = this.ports;
    const { limits, sampler } = this.options;
    const { windowMs } = limits;
    const subject = quotaSubject(address);
    const pair = { key: `login:fail:pair:${email}|${subject}`, windowMs };
    const reserved = await rateLimits.reserve(
      [
        { key: `login:fail:ip:${subject}`, windowMs, limit: limits.perAddress },
        { ...pair, limit: limits.perAccountAddress },
        // Counted, never refused: it only slows the answers down.
        { key: `login:fail:account:${email}`, windowMs, limit: Infinity },
      ],
      Date.now(),
    );
    if (!reserved.ok) {
      sampler.log('warn', 'login refused: too many failures from this address', { address: subject, email });
      throw new AppError(ErrorCode.RateLimited, 'too many failed logins from this address; try again later');
    }
    let checked = false;
    try {
      // This attempt is counted already: the ones before it are one fewer.
      if ((reserved.counts[2] ?? 0) - 1 >= limits.perAccountBeforeSlowdown) await this.sleep(limits.slowdownMs);
      const operator = await this.ports.operators.findByEmail(email);
      const ok = await this.hashes.run(subject, () => verifyPassword(password, operator?.passwordHash ?? DUMMY_HASH));
      checked = true;
      if (!operator || !ok || operator.disabled) {
        sampler.log('info', 'login failed', { email, address: subject });
        throw new AppError(ErrorCode.InvalidCredentials, 'wrong email or password');
      }
      await reserved.release();
      await rateLimits.reset(pair, Date.now());
      const open = await this.sessions.create(operator.id);
      // A new login means "I am here": available for chats again, whatever was chosen before.
      await this.ports.presence.setOperatorStatus(operator.id, 'online');
      this.log.info({ operatorId: operator.id }, 'operator logged in');
      return { operator, open };
    } catch (err) {
      // Refused before its password was checked (too many at once, a store failure): not a guess.
      if (!checked) await reserved.release().catch(() => {});
      throw err;
    }
  }

  /** Ends the session and, on every process, the connections opened with it. */
  async logout(open: OpenSession): Promise<void> {
    await this.sessions.destroy(open.key);
    this.connections.endSession(open.key);
    this.log.info({ operatorId: open.session.operatorId }, 'operator logged out');
  }
}
