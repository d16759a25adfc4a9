import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { OperatorStore } from '../operators/operator.store.js';
import { generatePassword, hashPassword } from './password.js';

/**
 * At first start (no admin with ADMIN_EMAIL yet) creates the admin. Without ADMIN_PASSWORD
 * a random password is made and printed once, on stdout, so the quick start can log in.
 * Several processes booting together against one Redis may each create it; set
 * ADMIN_PASSWORD there so that whichever write lands, the password is the same.
 */
export async function bootstrapAdmin(store: Pick<OperatorStore, 'findByEmail' | 'save'>, config: Config, log: Logger): Promise<{ email: string; generatedPassword?: string }> {
  const { email, name } = config.admin;
  const existing = await store.findByEmail(email);
  // Later changes to the admin (password, name) belong to the store, not to the environment.
  if (existing) return { email };
  const password = config.admin.password ?? generatePassword();
  await store.save({
    id: `op_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    email,
    name,
    role: 'admin',
    // The deployment's OPERATOR_CAPACITY, whatever it is set to later.
    capacity: null,
    disabled: false,
    passwordHash: await hashPassword(password),
    // Every department and language, so that the quick start routes every chat to them.
    departments: [],
    languages: [],
    autoAssign: true,
  });
  if (config.admin.password) {
    log.info({ email }, 'admin created from ADMIN_EMAIL / ADMIN_PASSWORD');
    return { email };
  }
  // Printed outside the JSON log on purpose: it is meant for the person at the terminal, once.
  process.stdout.write(`\n  Console admin created: ${email} / ${password}\n  (set ADMIN_PASSWORD to choose it; this is shown only once)\n\n`);
  return { email, generatedPassword: password };
}
