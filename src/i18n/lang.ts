/** The interface languages. Data (stage names, regions, Chinese CRM labels) is always shown as it is. */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The language to show: an explicit `?lang=` wins, then the browser's preference list (any Chinese
 * variant reads Simplified Chinese, any English variant English), then the build's default.
 */
export function chooseLang(requested: Lang | undefined, browser: readonly string[], buildDefault: Lang): Lang {
  if (requested) return requested;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return buildDefault;
}
