import { z } from 'zod';
import { DepartmentId, Department } from './department.js';
import { EntityId } from './ids.js';
import { Language } from './language.js';
import { Operator, OperatorRole, OperatorStatus } from './operator.js';

/** A password as an admin or the operator sets it: 8–200 characters. */
export const NewPassword = z.string().min(8, 'at least 8 characters').max(200);

const OperatorEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));
const OperatorName = z.string().trim().min(1).max(100);
const Capacity = z.number().int().min(0).max(100).nullable();

/**
 * `POST /api/operators` (admins): a new operator or admin.
 *
 * @example { name: 'Ana', email: 'ana@introserv.com', password: '…', role: 'operator',
 *   departments: ['technical'], languages: ['en', 'hr'], capacity: null, autoAssign: true }
 */
export const OperatorCreate = z.object({
  name: OperatorName,
  email: OperatorEmail,
  password: NewPassword,
  role: OperatorRole.default('operator'),
  departments: z.array(DepartmentId).max(50).default([]),
  languages: z.array(Language).max(6).default([]),
  capacity: Capacity.default(null),
  autoAssign: z.boolean().default(true),
});
export type OperatorCreate = z.infer<typeof OperatorCreate>;

/** `PATCH /api/operators/:id` (admins): only the fields given change. `disabled: true` ends their sessions at once. */
export const OperatorUpdate = z
  .object({
    name: OperatorName,
    email: OperatorEmail,
    password: NewPassword,
    role: OperatorRole,
    departments: z.array(DepartmentId).max(50),
    languages: z.array(Language).max(6),
    capacity: Capacity,
    autoAssign: z.boolean(),
    disabled: z.boolean(),
  })
  .partial();
export type OperatorUpdate = z.infer<typeof OperatorUpdate>;

/** `GET /api/operators` (admins): every operator, with the status they chose and their open chats now. */
export const TeamMember = Operator.extend({ status: OperatorStatus, online: z.boolean(), load: z.number().int().nonnegative() });
export type TeamMember = z.infer<typeof TeamMember>;
export const OperatorList = z.object({ operators: z.array(TeamMember) });
export type OperatorList = z.infer<typeof OperatorList>;
export const OperatorResult = z.object({ operator: Operator });
export type OperatorResult = z.infer<typeof OperatorResult>;

/**
 * `PATCH /api/auth/me`: an operator changes their own name and password. A new password
 * needs the current one.
 */
export const ProfileUpdate = z
  .object({
    name: OperatorName.optional(),
    password: z.object({ current: z.string().min(1).max(200), next: NewPassword }).optional(),
  })
  .refine((p) => p.name !== undefined || p.password !== undefined, { error: 'nothing to change' });
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/**
 * `GET /api/colleagues` (every operator): whom a chat can be transferred to. Only what a
 * colleague needs: no e-mail, no role.
 */
export const Colleague = z.object({
  id: EntityId,
  name: z.string(),
  /** Whether a transfer to them is possible now (connected, status online). */
  available: z.boolean(),
  status: OperatorStatus,
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
  departments: z.array(DepartmentId),
  languages: z.array(Language),
});
export type Colleague = z.infer<typeof Colleague>;
export const ColleagueList = z.object({ operators: z.array(Colleague) });
export type ColleagueList = z.infer<typeof ColleagueList>;

/** `POST /api/departments` (admins): a new department. `PUT /api/departments/:id`: new names. */
export const DepartmentCreate = Department;
export type DepartmentCreate = z.infer<typeof DepartmentCreate>;
export const DepartmentRename = Department.pick({ names: true });
export type DepartmentRename = z.infer<typeof DepartmentRename>;
export const DepartmentList = z.object({ departments: z.array(Department) });
export type DepartmentList = z.infer<typeof DepartmentList>;

/**
 * `GET /api/console-config`: what the console needs beside the session: the departments
 * (names per language) and the thresholds the server is configured with.
 */
export const ConsoleConfig = z.object({
  departments: z.array(Department),
  /** A chat waiting longer than this is highlighted in the list (the promise is an instant answer). */
  waitAlertSeconds: z.number().int().nonnegative(),
  /** OPERATOR_CAPACITY: the capacity of operators who have none of their own. */
  defaultCapacity: z.number().int().nonnegative(),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;
