// One deadline of a contract as a card (R20, R21, R25, R28–R30): sent to the contract's
// contacts as a reminder, to staff once it is overdue, and shown again once "Fait" records
// the date and who. It says what to send where, by when, and where the guide says so.
import type { IsoDate } from '../domain/calendar';
import { endOf } from '../domain/contracts';
import { formatIsoDate, formatList } from '../domain/catalogue-format';
import { DEADLINE_RULES, SEAO_VALUES } from '../domain/deadlines';
import { translator, type Locale, type MessageKey } from '../domain/i18n';
import { contractHeading, deadlineTitleKey, type ContractView, type DeadlineView } from './contract-list';
import { markdownLiteral, typography } from './text';

export interface ContractReminderCardData {
  kicker: string;
  title: string;
  status: string;
  statusColor: 'Good' | 'Attention' | 'Default';
  what: string;
  facts: Array<{ title: string; value: string }>;
  seao: Array<{ title: string; value: string }>;
  error: string;
  askHeadSignature: boolean;
  headSignedOnLabel: string;
  headSignedOnSubmit: string;
  source: string;
  open: boolean;
  doneLabel: string;
  deadlineId: string;
  offerNewFile: boolean;
  newFileLabel: string;
}

export interface ReminderOptions {
  /** The contract's contacts (a reminder) or broker staff (an overdue deadline). */
  audience: 'contacts' | 'staff';
  /** Québec's day, to say a deadline is overdue. */
  today: string;
  error?: string;
}

export function contractReminderCardData(
  locale: Locale,
  contract: ContractView & { endEvaluationSignedOn?: string | null },
  deadline: DeadlineView,
  options: ReminderOptions,
): ContractReminderCardData {
  const t = translator(locale);
  const date = (iso: string) => formatIsoDate(iso, locale);
  const open = !deadline.doneAt && !deadline.cancelledAt;
  const overdue = open && deadline.dueOn !== null && deadline.dueOn < options.today;
  const staff = options.audience === 'staff';
  let status = '';
  let statusColor: ContractReminderCardData['statusColor'] = 'Default';
  if (deadline.cancelledAt) status = t('deadline.cancelled');
  else if (deadline.doneAt) {
    status = t('deadline.doneBy', { date: date(deadline.doneOn ?? options.today), name: markdownLiteral(deadline.doneByName ?? '?') });
    statusColor = 'Good';
  } else if (staff) {
    status = `${t('deadline.overdue', { due: date(deadline.dueOn ?? options.today) })} ${t('deadline.escalated')}`;
    statusColor = 'Attention';
  } else if (overdue) {
    status = t('deadline.overdue', { due: date(deadline.dueOn!) });
    statusColor = 'Attention';
  }
  const what = [t(`deadline.${deadline.kind}.what` as MessageKey, { end: date(endOf(contract)), until: '' })];
  // R24: the broker's management fee is billed once after the signature: said with the signed copy.
  if (deadline.kind === 'signed_contract') what.push(t('deadline.management_fee.what'));
  if (deadline.kind === 'end_evaluation' && contract.endEvaluationSignedOn && deadline.dueOn) {
    what.push(t('deadline.headSignedOnSet', { date: date(contract.endEvaluationSignedOn), due: date(deadline.dueOn) }));
  }
  const facts = [
    { title: t('deadline.fact.due'), value: deadline.dueOn ? date(deadline.dueOn) : t('deadline.fact.dueUnknown') },
    { title: t('deadline.fact.contract'), value: contractHeading(locale, contract) },
    { title: t('deadline.fact.organization'), value: markdownLiteral(contract.organizationName) },
    ...(staff ? [{ title: t('deadline.fact.contacts'), value: markdownLiteral(formatList(contract.contacts.map((c) => c.displayName), locale)) }] : []),
  ];
  const seao =
    deadline.kind === 'seao_publication'
      ? [
          { title: t('deadline.seao.nature'), value: SEAO_VALUES.nature },
          { title: t('deadline.seao.category'), value: SEAO_VALUES.category },
          { title: t('deadline.seao.provision'), value: SEAO_VALUES.provision },
        ]
      : [];
  return {
    kicker: t(staff ? 'deadline.kickerEscalated' : 'deadline.kicker'),
    title: t(deadlineTitleKey(deadline.kind)),
    status,
    statusColor,
    what: what.join(' '),
    facts,
    seao,
    error: typography(options.error ?? '', locale),
    askHeadSignature: open && deadline.kind === 'end_evaluation' && deadline.dueOn === null,
    headSignedOnLabel: t('deadline.headSignedOn'),
    headSignedOnSubmit: t('deadline.headSignedOnSubmit'),
    source: t('deadline.section', { section: DEADLINE_RULES[deadline.kind].section }),
    open,
    doneLabel: t('deadline.done'),
    deadlineId: deadline.id,
    offerNewFile: open && !staff && deadline.kind === 'exit_transition',
    newFileLabel: t('deadline.newFile'),
  };
}

/** The reminder dates a contact reads in a list: when it is due, or when it will be asked. */
export function dueLine(locale: Locale, d: Pick<DeadlineView, 'dueOn' | 'remindOn'>, today: string): { text: string; overdue: boolean } {
  const t = translator(locale);
  if (d.dueOn) {
    const overdue = d.dueOn < today;
    return { text: t(overdue ? 'deadline.list.overdue' : 'deadline.list.due', { due: formatIsoDate(d.dueOn, locale) }), overdue };
  }
  const on = d.remindOn[0] as IsoDate | undefined;
  return { text: on ? t('deadline.list.remind', { on: formatIsoDate(on, locale) }) : '', overdue: false };
}
