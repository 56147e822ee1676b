import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './canonicalFolder.ts';

/**
 * A public CRM sample in ../shared/datasets (never copied into the repository). Tests on it skip, saying
 * why, on a machine that does not have the shared folder.
 */
export function sharedDataset(name: string): { readonly dir: string; readonly present: boolean } {
  const dir = join(REPO_ROOT, '..', 'shared', 'datasets', name);
  const present = existsSync(dir);
  if (!present)
    console.warn(`skipping the ${name} sample tests: ${dir} is absent (the shared datasets are not on this machine)`);
  return { dir, present };
}
