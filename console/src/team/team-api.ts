import {
  ColleagueList,
  Department,
  DepartmentList,
  OperatorList,
  OperatorResult,
  type Colleague,
  type DepartmentCreate,
  type DepartmentRename,
  type OperatorCreate,
  type OperatorUpdate,
  type ProfileUpdate,
  type TeamMember,
  type Operator,
} from '@introserv/shared';
import type { z } from 'zod';
import type { ApiClient } from '../api/client.js';

/** The team's HTTP calls: operators (admins), departments, colleagues for a transfer, one's own profile. */
export function teamApi(client: ApiClient) {
  return {
    async operators(): Promise<TeamMember[]> {
      return (await client.get('/api/operators', OperatorList)).operators;
    },
    async createOperator(body: z.input<typeof OperatorCreate>): Promise<Operator> {
      return (await client.post('/api/operators', body, OperatorResult)).operator;
    },
    async updateOperator(id: string, body: OperatorUpdate): Promise<Operator> {
      return (await client.request('PATCH', `/api/operators/${encodeURIComponent(id)}`, { body, schema: OperatorResult })).operator;
    },
    async colleagues(): Promise<Colleague[]> {
      return (await client.get('/api/colleagues', ColleagueList)).operators;
    },
    async departments(): Promise<Department[]> {
      return (await client.get('/api/departments', DepartmentList)).departments;
    },
    async addDepartment(body: DepartmentCreate): Promise<Department> {
      return client.post('/api/departments', body, Department);
    },
    async renameDepartment(id: string, body: DepartmentRename): Promise<Department> {
      return client.request('PUT', `/api/departments/${encodeURIComponent(id)}`, { body, schema: Department });
    },
    async updateProfile(body: ProfileUpdate): Promise<Operator> {
      return (await client.request('PATCH', '/api/profile', { body, schema: OperatorResult })).operator;
    },
  };
}

export type TeamApi = ReturnType<typeof teamApi>;
