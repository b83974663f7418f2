// The phone's words: the phone's part of the catalogue only, in each of the
// phone's languages (see languages.ts and phone-keys.ts).
import { formatter } from '../lib/i18n/messages';
import { catalogues } from './languages';

export type { Params } from '../lib/i18n/messages';

export const format = formatter(catalogues);
