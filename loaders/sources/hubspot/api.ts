import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProblemLog } from '../../validate/problem.ts';
import { unreadableFile } from '../raw/readable.ts';
import { hubspotDate, hubspotTime, truthy, type HubspotData } from './model.ts';

type Json = Record<string, unknown>;
const API_FILES = ['deals.json', 'pipelines.json', 'owners.json', 'companies.json'] as const;

/** The folder holds the CRM v3 API shape `pipescope pull --source hubspot` writes. */
export const isApiShape = (dir: string): boolean =>
  existsSync(join(dir, 'deals.json')) && existsSync(join(dir, 'pipelines.json'));

async function readArray(path: string, log: ProblemLog): Promise<Json[]> {
  if (!existsSync(path)) return [];
  const unreadable = unreadableFile(path);
  if (unreadable) {
    log.error(unreadable);
    return [];
  }
  const text = await readFile(path, 'utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    const list = Array.isArray(parsed) ? parsed : (parsed as { results?: unknown }).results;
    if (Array.isArray(list)) return list as Json[];
  } catch (error) {
    log.error({
      file: path,
      line: null,
      column: null,
      message: `the file is not JSON (${(error as Error).message})`,
      hint: 'pull the data again with pipescope pull --source hubspot',
    });
    return [];
  }
  log.error({
    file: path,
    line: null,
    column: null,
    message: 'the file holds no array of records',
    hint: 'write the API\'s "results" as a JSON array (pipescope pull does)',
  });
  return [];
}

const str = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();

/**
 * Reads deals.json, pipelines.json, owners.json and companies.json. A record's "line" in problems is its
 * 1-based position in the file's array (`deals.json:12` = the 12th deal).
 */
export async function readApiShape(dir: string, log: ProblemLog): Promise<HubspotData> {
  const [deals, pipelines, owners, companies] = await Promise.all(API_FILES.map((f) => readArray(join(dir, f), log)));
  const at = (file: string, i: number) => ({ file: join(dir, file), line: i + 1 });
  const stages: HubspotData['stages'] = [];
  pipelines!.forEach((p, i) => {
    for (const s of (p.stages as Json[] | undefined) ?? []) {
      const meta = (s.metadata ?? {}) as Json;
      const probability = str(meta.probability);
      stages.push({
        id: String(s.id),
        label: str(s.label) ?? String(s.id),
        pipelineId: String(p.id),
        order: Number(s.displayOrder ?? 0),
        probability,
        isClosed: truthy(meta.isClosed),
        closedWon: truthy(meta.isClosed) && Number(probability) === 1,
        origin: at('pipelines.json', i),
      });
    }
  });
  const history: HubspotData['history'] = [];
  const parsedDeals = deals!.map((d, i) => {
    const p = (d.properties ?? {}) as Json;
    const id = String(d.id);
    for (const h of (((d.propertiesWithHistory ?? {}) as Json).dealstage as Json[] | undefined) ?? []) {
      if (str(h.value) !== null)
        history.push({
          dealId: id,
          stageId: String(h.value),
          at: hubspotTime(h.timestamp),
          origin: at('deals.json', i),
        });
    }
    const company = (
      (((d.associations ?? {}) as Json).companies as Json | undefined)?.results as Json[] | undefined
    )?.[0];
    return {
      id,
      name: str(p.dealname),
      amount: str(p.amount),
      currency: str(p.deal_currency_code),
      created: hubspotTime(p.createdate),
      closeDate: hubspotDate(p.closedate),
      stageId: str(p.dealstage),
      pipelineId: str(p.pipeline),
      ownerId: str(p.hubspot_owner_id),
      companyId: company ? String(company.id) : null,
      deleted: truthy(d.archived),
      origin: at('deals.json', i),
    };
  });
  return {
    pipelines: pipelines!.map((p) => ({
      id: String(p.id),
      label: str(p.label) ?? String(p.id),
      order: Number(p.displayOrder ?? 0),
    })),
    stages,
    owners: owners!.map((o, i) => {
      const name = [str(o.firstName), str(o.lastName)].filter((x) => x !== null).join(' ');
      const team =
        ((o.teams as Json[] | undefined) ?? []).find((t) => truthy(t.primary)) ??
        ((o.teams as Json[] | undefined) ?? [])[0];
      return {
        id: String(o.id),
        name: name === '' ? str(o.email) : name,
        team: team ? str(team.name) : null,
        origin: at('owners.json', i),
      };
    }),
    companies: companies!.map((c, i) => {
      const p = (c.properties ?? {}) as Json;
      return {
        id: String(c.id),
        name: str(p.name),
        country: str(p.country),
        industry: str(p.industry),
        origin: at('companies.json', i),
      };
    }),
    deals: parsedDeals,
    history,
    mergedAway: new Set(
      deals!.flatMap((d) =>
        String(((d.properties ?? {}) as Json).hs_merged_object_ids ?? '')
          .split(/[;,]/)
          .filter((x) => x.trim() !== ''),
      ),
    ),
    files: { deals: join(dir, 'deals.json'), stages: join(dir, 'pipelines.json'), history: join(dir, 'deals.json') },
    labels: {
      opp_id: 'id',
      opp_name: 'dealname',
      account_id: 'associations.companies',
      owner_id: 'hubspot_owner_id',
      amount: 'amount',
      currency: 'deal_currency_code',
      created_at: 'createdate',
      close_date: 'closedate',
      stage: 'dealstage',
      pipeline: 'pipeline',
    },
  };
}
