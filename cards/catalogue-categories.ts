// The catalogue's categories with their offer counts (R1, R4).
import { translator, type Locale } from '../domain/i18n';
import { CATEGORY_IDS, categoryName, type CategoryId } from '../domain/catalogue';
import { sortByName } from '../domain/catalogue-format';
import { offerCount } from './text';

export interface CatalogueCategoriesCardData {
  title: string;
  intro: string;
  empty: string;
  categories: Array<{ id: CategoryId; name: string; countText: string; openTitle: string }>;
  searchHint: string;
  confidential: string;
}

/** Categories that have offers, by name in the user's language, each opening its first page. */
export function catalogueCategoriesCardData(locale: Locale, counts: ReadonlyArray<{ category: CategoryId; offers: number }>): CatalogueCategoriesCardData {
  const t = translator(locale);
  const known = counts.filter((c) => c.offers > 0 && (CATEGORY_IDS as readonly string[]).includes(c.category));
  const categories = sortByName(
    known.map((c) => {
      const name = categoryName(c.category, locale);
      return { id: c.category, name, countText: offerCount(locale, t, c.offers), openTitle: t('catalogue.openCategory', { category: name }) };
    }),
    (c) => c.name,
    locale,
  );
  const total = known.reduce((sum, c) => sum + c.offers, 0);
  return {
    title: t('catalogue.title'),
    intro: t('catalogue.intro', { count: offerCount(locale, t, total) }),
    empty: t('catalogue.empty'),
    categories,
    searchHint: t('catalogue.searchHint'),
    confidential: t('catalogue.confidential'),
  };
}
