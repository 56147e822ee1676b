import { APAC, NORTH_AMERICA } from './geography.ts';
import type { Random } from './rng.ts';

/**
 * Names for people and companies, per region (indexes follow REGIONS). The lists include
 * accents, apostrophes, Chinese characters, commas and quotes on purpose: real exports do.
 */
const FIRST_NAMES: readonly (readonly string[])[] = [
  ['James', 'Emily', 'Michael', 'Sarah', 'David', 'Jessica', 'Daniel', 'Ashley', 'Chris', 'Megan', 'Ryan', 'Lauren'],
  ['Lukas', 'Sophie', 'Matteo', 'Emma', 'Jan', 'Chloé', 'Lars', 'Anna', 'Olivier', 'Zoë', 'Henrik', 'Isabel'],
  ['Wei', 'Mei', 'Hiroshi', 'Yuki', 'Arjun', 'Priya', 'Min-jun', 'Ji-woo', 'Jun', 'Li', 'Kenji', 'Ananya'],
  [
    'Sofía',
    'Mateo',
    'Valentina',
    'Santiago',
    'Camila',
    'Diego',
    'Lucía',
    'Joaquín',
    'Isabella',
    'Gabriel',
    'Mariana',
    'João',
  ],
];

const LAST_NAMES: readonly (readonly string[])[] = [
  ['Smith', 'Johnson', 'Carter', 'Brooks', 'Miller', 'Davis', 'Nguyen', 'Patel', "O'Brien", 'Walker', 'Reed', 'Hayes'],
  [
    'Müller',
    'Dubois',
    'Rossi',
    'Jansen',
    'Nielsen',
    'Kowalski',
    'Schmidt',
    'Lefèvre',
    'Andersson',
    'Novak',
    'Weber',
    'Martin',
  ],
  ['Wang', 'Li', 'Zhang', 'Chen', 'Tanaka', 'Sato', 'Kim', 'Park', 'Sharma', 'Singh', 'Lim', 'Tan'],
  [
    'García',
    'Rodríguez',
    'Silva',
    'Santos',
    'Fernández',
    'López',
    'Martínez',
    'Oliveira',
    'Pérez',
    'Gómez',
    'Costa',
    'Souza',
  ],
];

const CHINESE_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const CHINESE_GIVEN_NAMES = ['芳', '伟', '静', '磊', '洋', '婷', '强', '敏', '杰', '丽'];

const COMPANY_PREFIXES = [
  'Northwind',
  'Bluefin',
  'Silverline',
  'Granite',
  'Redwood',
  'Lumen',
  'Vertex',
  'Harbor',
  'Summit',
  'Cobalt',
  'Pioneer',
  'Orbit',
  'Maple',
  'Atlas',
  'Beacon',
  'Crescent',
  'Evergreen',
  'Falcon',
  'Helix',
  'Ironbridge',
  'Juniper',
  'Keystone',
  'Meridian',
  'Nimbus',
  'Oakridge',
  'Polaris',
  'Quantum',
  'Riverside',
  'Sterling',
  'Zenith',
];

/** Second word of a company name, per industry (indexes follow INDUSTRIES). */
const COMPANY_CORES: readonly (readonly string[])[] = [
  ['Systems', 'Software', 'Labs', 'Digital'],
  ['Capital', 'Bank', 'Insurance', 'Asset Management'],
  ['Industries', 'Manufacturing', 'Components', 'Machinery'],
  ['Health', 'Medical', 'Clinics', 'Pharma'],
  ['Retail', 'Stores', 'Outfitters', 'Brands'],
  ['Logistics', 'Freight', 'Shipping', 'Transport'],
  ['Learning', 'Academy', 'Education', 'Institute'],
  ['Municipal Services', 'Public Works', 'Transit Authority', 'Water Board'],
  ['Telecom', 'Networks', 'Communications', 'Mobile'],
  ['Energy', 'Power', 'Utilities', 'Renewables'],
];

const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['Inc.', 'LLC', 'Corp.', 'Co.'],
  ['GmbH', 'Ltd', 'S.A.', 'AG', 'B.V.', 'S.p.A.'],
  ['Pte Ltd', 'Pty Ltd', 'K.K.', 'Ltd'],
  ['S.A. de C.V.', 'Ltda.', 'S.A.'],
];

const CHINESE_CITIES = ['上海', '北京', '深圳', '杭州', '广州', '成都', '苏州', '南京'];
const CHINESE_BRANDS = ['云帆', '星辰', '华信', '数联', '智远', '恒通', '锦程', '天宇', '瑞达', '博思'];
/** Business line in a Chinese company name, per industry (indexes follow INDUSTRIES). */
const CHINESE_INDUSTRY_WORDS = [
  '科技',
  '金融服务',
  '精密制造',
  '医疗科技',
  '商贸',
  '物流',
  '教育科技',
  '信息技术',
  '通信',
  '能源',
];

/**
 * A person's name not yet in `taken` (which it then joins): a large sales team outgrows the
 * first × last combinations of a region, so later hires get a middle initial.
 */
export function uniquePersonName(random: Random, region: number, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    let name = personName(random, region);
    if (attempt >= 10 && !name.includes(' ')) name += random.pick(CHINESE_GIVEN_NAMES);
    else if (attempt >= 10) name = name.replace(' ', ` ${String.fromCharCode(65 + random.int(0, 25))}. `);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function personName(random: Random, region: number): string {
  if (region === APAC && random.chance(0.2)) {
    return random.pick(CHINESE_SURNAMES) + random.pick(CHINESE_GIVEN_NAMES);
  }
  return `${random.pick(FIRST_NAMES[region] ?? [])} ${random.pick(LAST_NAMES[region] ?? [])}`;
}

/** A company name: Chinese for part of APAC, otherwise "Prefix Core Suffix" with a few partnerships and nicknames. */
export function companyName(random: Random, region: number, industry: number): string {
  if (region === APAC && random.chance(0.35)) {
    return `${random.pick(CHINESE_CITIES)}${random.pick(CHINESE_BRANDS)}${CHINESE_INDUSTRY_WORDS[industry] ?? '科技'}有限公司`;
  }
  const lastNames = LAST_NAMES[region] ?? [];
  const roll = random.float();
  if (roll < 0.03) return `${random.pick(lastNames)}, ${random.pick(lastNames)} & Partners`;
  if (roll < 0.04)
    return `"${random.pick(COMPANY_PREFIXES)}" ${random.pick(COMPANY_CORES[industry] ?? [])} Cooperative`;
  const base = `${random.pick(COMPANY_PREFIXES)} ${random.pick(COMPANY_CORES[industry] ?? [])}`;
  const suffix = random.pick(LEGAL_SUFFIXES[region] ?? []);
  // US companies often write "Acme Systems, Inc." with a comma: a field that must be quoted.
  return region === NORTH_AMERICA && suffix === 'Inc.' && random.chance(0.5)
    ? `${base}, ${suffix}`
    : `${base} ${suffix}`;
}
