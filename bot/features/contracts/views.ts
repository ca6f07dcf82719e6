// The contract cards as the feature renders them (cards/contract-*.ts, cards/deadline-list.ts).
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { contractAmendmentCardData, type AmendmentField } from '../../../cards/contract-amendment';
import { contractFormCardData, type ContractFormChoices, type ContractFormField, type ContractFormValues } from '../../../cards/contract-form';
import { contractListCardData } from '../../../cards/contract-list';
import { contractReminderCardData, type ReminderOptions } from '../../../cards/contract-reminder';
import { deadlineListCardData } from '../../../cards/deadline-list';
import type { ContractRecord, DeadlineRecord } from '../../../data/contract-repository';
import type { Locale } from '../../../domain/i18n';
import type { DeadlineListing } from './use-cases';

export const formCard = (locale: Locale, choices: ContractFormChoices, values?: ContractFormValues, errors?: Partial<Record<ContractFormField, string>>): AdaptiveCard =>
  renderCard('contract-form', contractFormCardData(locale, choices, values, errors));

export const amendmentCard = (locale: Locale, contract: ContractRecord, values?: Partial<Record<AmendmentField, string>>, errors?: Partial<Record<AmendmentField, string>>): AdaptiveCard =>
  renderCard('contract-amendment', contractAmendmentCardData(locale, contract, values, errors));

export const listCard = (locale: Locale, contracts: readonly ContractRecord[], options: { staff: boolean; notice?: string; today: string }): AdaptiveCard =>
  renderCard('contract-list', contractListCardData(locale, contracts, options));

export const reminderCard = (locale: Locale, contract: ContractRecord, deadline: DeadlineRecord, options: ReminderOptions): AdaptiveCard =>
  renderCard('contract-reminder', contractReminderCardData(locale, contract, deadline, options));

export const deadlinesCard = (locale: Locale, listing: DeadlineListing, options: { staff: boolean; today: string; message?: string }): AdaptiveCard =>
  renderCard('deadline-list', deadlineListCardData(locale, listing.items, { ...options, scope: listing.scope, later: listing.later }));
