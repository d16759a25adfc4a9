import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type CannedInput, type CannedResponse } from '@introserv/shared';
import type { CannedStore } from './canned.store.js';

/** Canned responses: every operator reads them; admins write them. */
export class CannedService {
  constructor(private readonly store: CannedStore) {}

  list(): Promise<CannedResponse[]> {
    return this.store.list();
  }

  async create(input: CannedInput): Promise<CannedResponse> {
    return this.save({ id: `cr_${randomUUID().replaceAll('-', '').slice(0, 16)}`, ...input });
  }

  async update(id: string, input: CannedInput): Promise<CannedResponse> {
    if (!(await this.store.get(id))) throw new AppError(ErrorCode.NotFound, 'no such canned response');
    return this.save({ id, ...input });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw new AppError(ErrorCode.NotFound, 'no such canned response');
  }

  private async save(response: CannedResponse): Promise<CannedResponse> {
    const saved = await this.store.save(response);
    if (!saved.ok) throw new AppError(ErrorCode.AlreadyExists, `the shortcut /${response.shortcut} exists already in this language`);
    return response;
  }
}
