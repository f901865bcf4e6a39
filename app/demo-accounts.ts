// Accounts for the demo (`npm start`): a manager of the first demo store and an operator, each with
// a fresh one-time password printed at start (the demo's store ids change with every run).
import type { UserRole } from '../domain/access-policy.ts';
import { ADMIN_TOKEN_PRINCIPAL } from '../services/access-service.ts';
import type { AccountAdmin } from '../services/account-admin.ts';

export async function demoAccounts(accounts: AccountAdmin, firstStoreId: string): Promise<{ email: string; role: UserRole; oneTimePassword: string }[]> {
  const wanted: { email: string; role: UserRole; storeIds: string[]; name: string }[] = [
    { email: 'manager@demo.example', role: 'manager', storeIds: [firstStoreId], name: 'Demo store manager' },
    { email: 'operator@demo.example', role: 'operator', storeIds: [], name: 'Demo operator' },
  ];
  const out = [];
  for (const w of wanted) {
    const existing = accounts.users().find((u) => u.email === w.email);
    if (existing) {
      await accounts.updateUser(ADMIN_TOKEN_PRINCIPAL, existing.id, { role: w.role, storeIds: w.storeIds });
      out.push({ email: w.email, role: w.role, oneTimePassword: (await accounts.resetPassword(ADMIN_TOKEN_PRINCIPAL, existing.id)).oneTimePassword });
    } else {
      out.push({ email: w.email, role: w.role, oneTimePassword: (await accounts.addUser(ADMIN_TOKEN_PRINCIPAL, w)).oneTimePassword });
    }
  }
  return out;
}
