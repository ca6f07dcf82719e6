// The open deadlines of an organization's contracts (staff: every organization's), each
// with its "Fait" button (the `échéances` command).
import { translator, type Locale } from '../domain/i18n';
import { contractHeading, deadlineTitleKey, type ContractView, type DeadlineView } from './contract-list';
import { dueLine } from './contract-reminder';
import { markdownLiteral } from './text';

export interface DeadlineListCardData {
  title: string;
  /** What was just done from this list ("Fait"), or ''. */
  message: string;
  empty: string;
  contractsLabel: string;
  items: Array<{ deadlineId: string; heading: string; due: string; dueColor: 'Attention' | 'Default'; contract: string; doneLabel: string }>;
}

export function deadlineListCardData(locale: Locale, items: ReadonlyArray<{ contract: ContractView; deadline: DeadlineView }>, options: { staff: boolean; today: string; message?: string }): DeadlineListCardData {
  const t = translator(locale);
  return {
    title: t(options.staff ? 'deadline.list.titleAll' : 'deadline.list.title'),
    message: options.message ?? '',
    empty: t('deadline.list.empty'),
    contractsLabel: t('deadline.list.contracts'),
    items: items.map(({ contract, deadline }) => {
      const due = dueLine(locale, deadline, options.today);
      const heading = contractHeading(locale, contract);
      return {
        deadlineId: deadline.id,
        heading: t(deadlineTitleKey(deadline.kind)),
        due: due.text,
        dueColor: due.overdue ? 'Attention' : 'Default',
        contract: options.staff ? `${markdownLiteral(contract.organizationName)} · ${heading}` : heading,
        doneLabel: t('deadline.done'),
      };
    }),
  };
}
