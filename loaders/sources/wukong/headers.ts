/**
 * 悟空CRM header synonyms: the same field is labelled differently in list exports, import templates,
 * detail pages and table dumps (docs/sources/wukong.md). The first name is the list-export label.
 */
export const HEADERS = {
  business: {
    id: ['商机ID', '商机编号', 'business_id'],
    name: ['商机名称', 'business_name'],
    customer: ['客户名称', 'customer_name'],
    amount: ['商机金额', 'money'],
    dealDate: ['预计成交日期', 'deal_date'],
    group: ['商机状态组', '商机组', 'type_name'],
    stage: ['商机阶段', 'status_name'],
    status: ['结束状态', '商机状态', 'is_end'],
    owner: ['负责人', 'owner_user_name'],
    dept: ['所属部门', 'dept_name'],
    created: ['创建时间', 'create_time'],
  },
  customer: {
    name: ['客户名称', 'customer_name'],
    level: ['客户级别', 'level'],
    industry: ['客户行业', 'industry'],
    area: ['地区定位', '省市区', 'address'],
  },
  leads: {
    name: ['线索名称', 'leads_name'],
    source: ['线索来源', 'source'],
    owner: ['负责人', 'owner_user_name'],
    created: ['创建时间', 'create_time'],
  },
  contract: {
    num: ['合同编号', 'num'],
    business: ['商机名称', 'business_name'],
    customer: ['客户名称', 'customer_name'],
    orderDate: ['下单时间', '下单日期', 'order_date'],
  },
  plan: {
    contract: ['合同编号', 'contract_num'],
    period: ['期数', 'num'],
    amount: ['计划回款金额', 'money'],
    due: ['计划回款日期', 'return_date'],
    created: ['创建时间', 'create_time'],
    customer: ['客户名称', 'customer_name'],
  },
  receivables: {
    number: ['回款编号', 'number'],
    contract: ['合同编号', 'contract_num'],
    period: ['期数', 'plan_num'],
    date: ['回款日期', 'return_time'],
    amount: ['回款金额', 'money'],
  },
  stages: {
    group: ['商机状态组', '商机组', 'type_name'],
    name: ['阶段名称', '商机阶段', 'name'],
    rate: ['赢单率', 'rate'],
    order: ['排序', 'order_num'],
    id: ['status_id', '阶段ID'],
  },
  change: {
    business: ['business_id', '商机ID'],
    status: ['status_id', '阶段ID'],
    time: ['create_time', '创建时间'],
  },
  targets: {
    type: ['类型', '对象类型', 'type'],
    name: ['名称', '对象', '员工', 'obj_name'],
    year: ['年份', 'year'],
    kind: ['目标类型', 'status'],
  },
} as const;

/** Export file names (without extension) → what they hold. */
export const FILES = {
  business: ['商机信息', '商机'],
  customer: ['客户信息', '客户'],
  leads: ['线索信息', '线索'],
  contract: ['合同信息', '合同'],
  plan: ['回款计划信息', '回款计划'],
  receivables: ['回款信息', '回款'],
  targets: ['业绩目标', '业绩目标信息'],
  stages: ['商机阶段', '商机阶段信息', 'wk_crm_business_status'],
  change: ['wk_crm_business_change', '商机阶段变化'],
} as const;

/** Month columns of 业绩目标: 一月…十二月 or 1月…12月 (or the dump's january…december). */
export const MONTHS: readonly (readonly string[])[] = [
  ['一月', '1月', 'january'],
  ['二月', '2月', 'february'],
  ['三月', '3月', 'march'],
  ['四月', '4月', 'april'],
  ['五月', '5月', 'may'],
  ['六月', '6月', 'june'],
  ['七月', '7月', 'july'],
  ['八月', '8月', 'august'],
  ['九月', '9月', 'september'],
  ['十月', '10月', 'october'],
  ['十一月', '11月', 'november'],
  ['十二月', '12月', 'december'],
];

/** 客户级别 as 悟空CRM seeds it → the canonical tier names the site filters on. */
export const TIERS: Readonly<Record<string, string>> = {
  'A（重点客户）': 'VIP',
  'B（普通客户）': 'Key',
  'C（非优先客户）': 'Standard',
};

/** 悟空CRM's own default stages (group 销售流程商机组), used only when the export has no stage table. */
export const DEFAULT_STAGES = [
  { name: '验证客户', rate: 20, order: 1 },
  { name: '需求分析', rate: 30, order: 2 },
  { name: '方案/报价', rate: 80, order: 3 },
] as const;

/** is_end / 结束状态: 0 进行中, 1 赢单, 2 输单, 3 无效. */
export const END_STATES: Readonly<Record<string, 'open' | 'won' | 'lost' | 'excluded'>> = {
  '0': 'open',
  进行中: 'open',
  '1': 'won',
  赢单: 'won',
  '2': 'lost',
  输单: 'lost',
  '3': 'excluded',
  无效: 'excluded',
};
