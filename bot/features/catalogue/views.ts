// The catalogue's answers as cards.
import { renderCard, type AdaptiveCard } from '../../../cards/index';
import { catalogueCategoriesCardData } from '../../../cards/catalogue-categories';
import { offerListCardData, type OfferListInput } from '../../../cards/offer-list';
import type { Locale } from '../../../domain/i18n';

type WithoutKind<K extends OfferListInput['kind']> = Omit<Extract<OfferListInput, { kind: K }>, 'kind'>;

export const categoriesCard = (locale: Locale, counts: Parameters<typeof catalogueCategoriesCardData>[1]): AdaptiveCard =>
  renderCard('catalogue-categories', catalogueCategoriesCardData(locale, counts));

export const categoryPageCard = (locale: Locale, page: WithoutKind<'category'>): AdaptiveCard =>
  renderCard('offer-list', offerListCardData(locale, { kind: 'category', ...page }));

export const searchResultsCard = (locale: Locale, found: WithoutKind<'search'>): AdaptiveCard =>
  renderCard('offer-list', offerListCardData(locale, { kind: 'search', ...found }));
