import { en, type MessageKey, type Messages } from './en.ts';
import type { Lang } from './lang.ts';
import { zhCN } from './zhCN.ts';

const MESSAGES: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

/**
 * The text of `key` in `lang` with `{name}` placeholders filled. Values are inserted as text: callers
 * render the result through the framework's escaping, never as HTML.
 */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang];
  return (key, values) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && Object.hasOwn(values, name) ? String(values[name]) : whole,
    );
}
