import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Colleague, type OperatorCreate, type OperatorUpdate, type ProfileUpdate, type TeamMember } from '@introserv/shared';
import type { ConnectionControl } from '../auth/connection-control.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { SessionService } from '../auth/session.service.js';
import type { DepartmentStore } from '../departments/department.store.js';
import type { Logger } from '../logger.js';
import type { OperatorDirectory } from '../operators/operator-directory.js';
import type { OperatorRecord, OperatorStore, SaveOutcome } from '../operators/operator.store.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { RoutingStore } from '../routing/routing.store.js';

export interface TeamPorts {
  operators: OperatorStore;
  presence: Pick<PresenceStore, 'getOperatorStatus' | 'isAvailable'>;
  routing: Pick<RoutingStore, 'load'>;
  departments: Pick<DepartmentStore, 'get'>;
}

/**
 * The team's accounts: admins create, change and disable operators; everyone changes their
 * own name and password. Disabling someone ends their sessions and connections at once and
 * hands their chats back to the queue; a new password ends their other sessions. The store
 * refuses, atomically, any change that would leave no enabled admin.
 */
export class TeamService {
  constructor(
    private readonly ports: TeamPorts,
    private readonly deps: {
      sessions: Pick<SessionService, 'destroyAllOf'>;
      connections: ConnectionControl;
      routing: Pick<RoutingService, 'operatorDisabled' | 'operatorChanged'>;
      directory: Pick<OperatorDirectory, 'forget'>;
      defaultCapacity: number;
    },
    private readonly log: Logger,
  ) {}

  async list(): Promise<TeamMember[]> {
    const operators = await this.ports.operators.list();
    return Promise.all(
      operators.map(async (op) => {
        const [status, online, load] = await Promise.all([this.ports.presence.getOperatorStatus(op.id), this.ports.presence.isAvailable(op.id), this.ports.routing.load(op.id)]);
        return { ...visible(op), status, online, load };
      }),
    );
  }

  /** Whom a chat can go to: every enabled operator, with whether they can take it now. */
  async colleagues(): Promise<Colleague[]> {
    const members = await this.list();
    return members
      .filter((m) => !m.disabled)
      .map((m) => ({
        id: m.id,
        name: m.name,
        available: m.online,
        status: m.status,
        load: m.load,
        capacity: m.capacity ?? this.deps.defaultCapacity,
        departments: m.departments,
        languages: m.languages,
      }));
  }

  async create(input: OperatorCreate, by: OperatorRecord): Promise<OperatorRecord> {
    await this.checkDepartments(input.departments);
    const record: OperatorRecord = {
      id: `op_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      email: input.email,
      name: input.name,
      role: input.role,
      capacity: input.capacity,
      disabled: false,
      passwordHash: await hashPassword(input.password),
      departments: input.departments,
      languages: input.languages,
      autoAssign: input.autoAssign,
    };
    this.check(await this.ports.operators.save(record));
    this.log.info({ operatorId: record.id, role: record.role, by: by.id }, 'operator created');
    await this.deps.routing.operatorChanged();
    return record;
  }

  /** `session`: the key of the admin's own session, kept when they change their own password here. */
  async update(id: string, patch: OperatorUpdate, by: OperatorRecord, session?: string): Promise<OperatorRecord> {
    const current = await this.ports.operators.get(id);
    if (!current) throw new AppError(ErrorCode.NotFound, 'no such operator');
    if (patch.departments) await this.checkDepartments(patch.departments);
    const { password, ...rest } = patch;
    const next: OperatorRecord = { ...current, ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
    this.check(await this.ports.operators.save(next));
    this.deps.directory.forget(id);
    this.log.info({ operatorId: id, by: by.id, fields: Object.keys(patch) }, 'operator changed');
    if (next.disabled && !current.disabled) await this.disabled(id);
    else {
      if (password) await this.passwordChanged(id, by.id === id ? session : undefined);
      await this.deps.routing.operatorChanged();
    }
    return next;
  }

  /**
   * The operator's own name and password; a new password needs the current one, and ends
   * every other session of theirs (`session`, the one asking, goes on).
   */
  async updateProfile(operator: OperatorRecord, patch: ProfileUpdate, session: string): Promise<OperatorRecord> {
    const current = await this.ports.operators.get(operator.id);
    if (!current) throw new AppError(ErrorCode.Unauthenticated, 'log in again');
    let next: OperatorRecord = { ...current, ...(patch.name ? { name: patch.name } : {}) };
    if (patch.password) {
      if (!(await verifyPassword(patch.password.current, current.passwordHash))) throw new AppError(ErrorCode.WrongPassword, 'the current password is wrong');
      next = { ...next, passwordHash: await hashPassword(patch.password.next) };
    }
    this.check(await this.ports.operators.save(next));
    this.deps.directory.forget(operator.id);
    this.log.info({ operatorId: operator.id, name: patch.name !== undefined, password: patch.password !== undefined }, 'operator changed their profile');
    if (patch.password) await this.passwordChanged(operator.id, session);
    return next;
  }

  /**
   * Whoever knew the old password (a stolen cookie, a shared browser) is out: every session
   * but `keep` ends, and its sockets on every process, as when an operator is disabled.
   */
  private async passwordChanged(id: string, keep: string | undefined): Promise<void> {
    const ended = await this.deps.sessions.destroyAllOf(id, keep);
    for (const key of ended) this.deps.connections.endSession(key);
    this.log.info({ operatorId: id, sessions: ended.length }, 'password changed: other sessions ended');
  }

  /** Their chats back to the queue first (with the reason), then every session and socket of theirs ends, on every process. */
  private async disabled(id: string): Promise<void> {
    await this.deps.routing.operatorDisabled(id);
    const sessions = await this.deps.sessions.destroyAllOf(id);
    this.deps.connections.endOperator(id);
    this.log.info({ operatorId: id, sessions: sessions.length }, 'operator disabled: sessions ended');
  }

  private async checkDepartments(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (!(await this.ports.departments.get(id))) throw new AppError(ErrorCode.InvalidPayload, 'unknown department', [{ path: 'departments', message: `no department "${id}"` }]);
    }
  }

  private check(outcome: SaveOutcome): void {
    if (outcome.ok) return;
    if (outcome.reason === 'email_taken') throw new AppError(ErrorCode.EmailTaken, 'another operator has this e-mail');
    throw new AppError(ErrorCode.LastAdmin, 'this would leave no enabled admin');
  }
}

/** What the console may see of an account: everything but the password hash. */
export function visible(op: OperatorRecord): Omit<OperatorRecord, 'passwordHash'> {
  const { passwordHash: _hash, ...rest } = op;
  return { ...rest, departments: [...op.departments], languages: [...op.languages] };
}
