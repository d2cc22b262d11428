import type { Caller } from '#shared/http/caller';
import { mayRead, type PaymentRecord } from '../domain/payment';
import type { PaymentsPorts } from '../domain/ports';

/** The payment, if the caller may see it (its customer, or an admin); otherwise as if there were none. */
export async function findVisiblePayment({ payments }: Pick<PaymentsPorts, 'payments'>, caller: Caller, id: string): Promise<PaymentRecord | undefined> {
  const payment = await payments.find(id);
  return payment && mayRead(payment, caller) ? payment : undefined;
}
