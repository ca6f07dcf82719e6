// The contract reminders as durable jobs (bot/jobs/types.ts): a reminder goes to the
// contract's contacts in their personal chat, once each; an overdue deadline goes to staff,
// once. Both re-read the deadline when they run: done, cancelled or moved since, nothing is sent.
import { z } from 'zod';
import { ESCALATION_KIND, REMINDER_KIND, type ContractRecord, type ContractRepository, type DeadlineRecord, type EscalationPayload, type ReminderPayload } from '../../../data/contract-repository';
import type { Locale } from '../../../domain/i18n';
import type { AnyJobKind, JobContext, JobKind, Recipient } from '../../jobs/types';
import { reminderCard } from './views';

export interface ReminderDeps {
  contracts: ContractRepository;
  /** Broker staff's aad object ids (BROKER_STAFF_IDS and recorded staff members). */
  staffIds(): Promise<string[]>;
  /** The recipient's language (their personal chat's locale). */
  localeOf(aadObjectId: string): Promise<Locale>;
  today(): string;
}

const reminderPayload: z.ZodType<ReminderPayload> = z.object({ deadlineId: z.string().min(1), on: z.string().min(1) });
const escalationPayload: z.ZodType<EscalationPayload> = z.object({ deadlineId: z.string().min(1), dueOn: z.string().min(1) });

const personal = (aadObjectId: string): Recipient => ({ key: aadObjectId, target: { aadObjectId } });

/** The deadline, still open, and its contract; null when nothing should be sent any more. */
async function openDeadline(contracts: ContractRepository, deadlineId: string): Promise<{ contract: ContractRecord; deadline: DeadlineRecord } | null> {
  const contract = await contracts.byDeadline(deadlineId);
  const deadline = contract?.deadlines.find((d) => d.id === deadlineId);
  if (!contract || !deadline || deadline.doneAt || deadline.cancelledAt) return null;
  return { contract, deadline };
}

export function contractJobKinds(deps: ReminderDeps): AnyJobKind[] {
  const send = async (ctx: JobContext, found: { contract: ContractRecord; deadline: DeadlineRecord }, recipients: Recipient[], audience: 'contacts' | 'staff') => {
    await ctx.deliver(recipients, async (r) => reminderCard(await deps.localeOf(r.key), found.contract, found.deadline, { audience, today: deps.today() }));
  };
  const reminder: JobKind<ReminderPayload> = {
    kind: REMINDER_KIND,
    payload: reminderPayload,
    async handle(payload, ctx) {
      const found = await openDeadline(deps.contracts, payload.deadlineId);
      // A reminder date no longer scheduled (an amendment moved the end): skipped.
      if (!found || !found.deadline.remindOn.includes(payload.on)) return;
      await send(ctx, found, found.contract.contacts.map((c) => personal(c.aadObjectId)), 'contacts');
    },
  };
  const escalation: JobKind<EscalationPayload> = {
    kind: ESCALATION_KIND,
    payload: escalationPayload,
    async handle(payload, ctx) {
      const found = await openDeadline(deps.contracts, payload.deadlineId);
      if (!found || found.deadline.dueOn !== payload.dueOn) return;
      const staff = [...new Set((await deps.staffIds()).map((id) => id.toLowerCase()))];
      await send(ctx, found, staff.map(personal), 'staff');
    },
  };
  return [reminder, escalation];
}
