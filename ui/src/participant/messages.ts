// The phone's words: the phone's part of the catalogue only, built into its
// bundle by vite.participant.config.ts (see phone-keys.ts).
import { de, en } from 'virtual:phone-catalogue';
import { formatter } from '../lib/i18n/messages';

export type { Lang, Params } from '../lib/i18n/messages';

export const format = formatter({ de, en });
