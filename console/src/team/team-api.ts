import type { Colleague, Department, DepartmentCreate, DepartmentRename, Operator, OperatorCreate, OperatorUpdate, ProfileUpdate, TeamMember } from '@introserv/shared';
import type { z } from 'zod';
import type { ApiClient } from '../api/client.js';

/** The team's HTTP calls: operators (admins), departments, colleagues for a transfer, one's own profile. */
export function teamApi(client: ApiClient) {
  return {
    async operators(): Promise<TeamMember[]> {
      return (await client.call('operators.list')).operators;
    },
    async createOperator(body: z.input<typeof OperatorCreate>): Promise<Operator> {
      return (await client.call('operators.create', { body })).operator;
    },
    async updateOperator(id: string, body: OperatorUpdate): Promise<Operator> {
      return (await client.call('operators.update', { params: { id }, body })).operator;
    },
    async colleagues(): Promise<Colleague[]> {
      return (await client.call('colleagues.list')).operators;
    },
    async departments(): Promise<Department[]> {
      return (await client.call('departments.list')).departments;
    },
    async addDepartment(body: DepartmentCreate): Promise<Department> {
      return client.call('departments.create', { body });
    },
    async renameDepartment(id: string, body: DepartmentRename): Promise<Department> {
      return client.call('departments.rename', { params: { id }, body });
    },
    async updateProfile(body: ProfileUpdate): Promise<Operator> {
      return (await client.call('profile.update', { body })).operator;
    },
  };
}

export type TeamApi = ReturnType<typeof teamApi>;
