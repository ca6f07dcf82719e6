// The contract reminder job kinds against a fake JobContext (bot/jobs/types.ts): a reminder
// goes to each contact's personal chat; nothing is sent once the deadline is done, cancelled
// or moved; an overdue deadline goes to staff (R20, R25, R29, R30).
import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../cards/render';
import type { ContractRecord, ContractRepository, DeadlineRecord } from '../../data/contract-repository';
import { contractJobKinds } from '../../bot/features/contracts/reminders';
import type { AnyJobKind, JobContext, Recipient } from '../../bot/jobs/types';
import { cardText } from '../fixtures/activities';
import { sampleContract } from '../fixtures/cards';

const deadline = (over: Partial<DeadlineRecord> = {}): DeadlineRecord => ({
  id: 'dl-1', contractId: 'ct-1', key: 'signed_contract', kind: 'signed_contract', remindOn: ['2027-06-22'], dueOn: '2027-06-30', escalates: true,
  doneOn: null, doneAt: null, doneByName: null, cancelledAt: null, ...over,
});

function setup(d: DeadlineRecord) {
  const contract = { ...sampleContract, organizationId: 'org-1', contacts: [{ aadObjectId: 'aad-rita', displayName: 'Rita' }, { aadObjectId: 'aad-marc', displayName: 'Marc' }], deadlines: [d] } as unknown as ContractRecord;
  const repo = { byDeadline: async (id: string) => (id === d.id ? contract : null) } as unknown as ContractRepository;
  const kinds = contractJobKinds({ contracts: repo, staffIds: async () => ['AAD-STAFF', 'aad-staff'], localeOf: async () => 'fr-CA', today: () => '2027-07-05' });
  const sent: Array<{ key: string; target: Recipient['target']; text: string }> = [];
  const ctx: JobContext = {
    jobId: 'job-1',
    dueAt: new Date(),
    now: () => new Date(),
    async deliver(recipients, render) {
      const out = new Map();
      for (const r of recipients) {
        const card = (await render(r)) as AdaptiveCard | null;
        if (card) sent.push({ key: r.key, target: r.target, text: cardText(card).replace(/[\u00a0\u202f]/g, ' ') });
        out.set(r.key, { state: 'sent', activityId: 'x' });
      }
      return out;
    },
  };
  const kind = (name: string) => kinds.find((k) => k.kind === name) as AnyJobKind;
  return { sent, ctx, reminder: kind('contract.reminder'), escalation: kind('contract.escalation') };
}

describe('contract reminder job kinds', () => {
  it('R20: the reminder goes to each contact’s personal chat, with the due date, what to send and the guide’s section', async () => {
    const { sent, ctx, reminder } = setup(deadline());
    await reminder.handle(reminder.payload.parse({ deadlineId: 'dl-1', on: '2027-06-22' }), ctx);
    expect(sent.map((s) => s.target)).toEqual([{ aadObjectId: 'aad-rita' }, { aadObjectId: 'aad-marc' }]);
    expect(sent[0]!.text).toContain('30 juin 2027');
    expect(sent[0]!.text).toContain('guide, section 4.13');
    expect(sent[0]!.text).toContain('frais de gestion'); // R24
    expect(sent[0]!.text).toContain('En retard'); // due 30 June, read on 5 July
  });

  it('nothing is sent for a deadline done, cancelled, or whose reminder date moved', async () => {
    for (const d of [deadline({ doneAt: new Date(), doneOn: '2027-06-25', doneByName: 'Rita' }), deadline({ cancelledAt: new Date() }), deadline({ remindOn: ['2027-07-01'] })]) {
      const { sent, ctx, reminder, escalation } = setup(d);
      await reminder.handle({ deadlineId: 'dl-1', on: '2027-06-22' }, ctx);
      await escalation.handle({ deadlineId: 'dl-1', dueOn: d.remindOn[0] === '2027-07-01' ? '2027-06-01' : '2027-06-30' }, ctx);
      expect(sent).toEqual([]);
    }
    const { sent, ctx, reminder } = setup(deadline());
    await reminder.handle({ deadlineId: 'unknown', on: '2027-06-22' }, ctx);
    expect(sent).toEqual([]);
  });

  it('R20: an overdue deadline goes to each staff member once, with the organization and its contacts', async () => {
    const { sent, ctx, escalation } = setup(deadline());
    await escalation.handle({ deadlineId: 'dl-1', dueOn: '2027-06-30' }, ctx);
    expect(sent.map((s) => s.key)).toEqual(['aad-staff']);
    expect(sent[0]!.text).toContain('pour le personnel du Courtier');
    expect(sent[0]!.text).toContain('Rita et Marc');
    expect(sent[0]!.text).not.toMatch(/\bR\d{1,2}\b/);
  });

  it('R30: the exit-transition reminder offers to start a new file', async () => {
    const { sent, ctx, reminder } = setup(deadline({ key: 'exit_transition', kind: 'exit_transition', remindOn: ['2029-12-30', '2030-03-30'], dueOn: '2030-03-30' }));
    await reminder.handle({ deadlineId: 'dl-1', on: '2029-12-30' }, ctx);
    expect(sent[0]!.text).toContain('Commencer un nouveau dossier');
    expect(sent[0]!.text).toContain('refaire l\'analyse des besoins');
  });
});
