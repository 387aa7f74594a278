import type { AgeingResponse, CashForecastResponse, WorkingCapitalSummaryResponse } from '@sentia/contracts';
import { AGEING_BUCKETS, FLOW_CATEGORIES } from '@sentia/domain';
import ExcelJS from 'exceljs';

const MONEY = '#,##0.00;[Red]-#,##0.00';
const DAYS = '0.0';

/** Minor units → major units for the sheet (exact at two decimals for display). */
const major = (minor: number | null) => (minor === null ? null : minor / 100);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
/** Text cells a spreadsheet would run as a formula are prefixed, as in CSV exports. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * The working-capital board pack as one workbook: summary KPIs and alerts, monthly measures, both
 * ageing reports with their invoices, and the cash forecast with its assumptions.
 */
export async function workingCapitalWorkbook(pack: {
  summary: WorkingCapitalSummaryResponse;
  receivables: AgeingResponse;
  payables: AgeingResponse;
  forecast: CashForecastResponse;
}): Promise<Buffer> {
  const { summary, receivables, payables, forecast } = pack;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sentia Manufacturing Dashboard';
  workbook.created = new Date(summary.generatedAt);

  const overview = workbook.addWorksheet('Summary');
  overview.addRow(['Working capital board pack']).font = { bold: true, size: 14 };
  overview.addRow([`Period ${summary.period.from} to ${summary.period.to}, ${summary.currency}`]);
  if (summary.demoData) overview.addRow(['These figures come from the labelled demo data set.']);
  overview.addRow([]);
  overview.addRow(['Measure', 'Value', 'One month earlier', 'Unit', 'Status', 'How it is computed']).font = {
    bold: true,
  };
  for (const kpi of summary.kpis) {
    const row = overview.addRow([
      kpi.label,
      kpi.unit === 'money' ? major(kpi.value) : round1(kpi.value),
      kpi.unit === 'money' ? major(kpi.previous) : round1(kpi.previous),
      kpi.unit === 'money' ? kpi.currency : 'days',
      kpi.status ?? '',
      kpi.gap ? `No data: ${kpi.gap.reason}` : kpi.formula,
    ]);
    const format = kpi.unit === 'money' ? MONEY : DAYS;
    row.getCell(2).numFmt = format;
    row.getCell(3).numFmt = format;
  }
  overview.addRow([]);
  overview.addRow(['Alerts']).font = { bold: true };
  for (const alert of [...summary.alerts, ...forecast.alerts]) {
    overview.addRow([alert.severity, alert.date, text(alert.message)]);
  }
  if (summary.alerts.length + forecast.alerts.length === 0) overview.addRow(['None']);
  overview.columns = [
    { width: 26 },
    { width: 16 },
    { width: 18 },
    { width: 8 },
    { width: 14 },
    { width: 100 },
  ];

  const monthly = workbook.addWorksheet('Monthly');
  const monthHeader = [
    'From',
    'To',
    'Revenue',
    'COGS',
    'Receivables',
    'Inventory',
    'Payables',
    'Net working capital',
    'DSO',
    'DIO',
    'DPO',
    'CCC',
  ];
  monthly.addRow(monthHeader).font = { bold: true };
  for (const m of summary.months) {
    const row = monthly.addRow([
      m.from,
      m.to,
      major(m.revenueMinor),
      major(m.cogsMinor),
      major(m.receivablesMinor),
      major(m.inventoryMinor),
      major(m.payablesMinor),
      major(m.netWorkingCapitalMinor),
      round1(m.dso),
      round1(m.dio),
      round1(m.dpo),
      round1(m.ccc),
    ]);
    for (let c = 3; c <= 8; c++) row.getCell(c).numFmt = MONEY;
    for (let c = 9; c <= 12; c++) row.getCell(c).numFmt = DAYS;
  }
  monthly.addRow(['Balances are at each month end (period-end, not averages); n/a cells are empty.']);
  monthly.columns = monthHeader.map((h) => ({ width: Math.max(12, h.length + 2) }));
  monthly.views = [{ state: 'frozen', ySplit: 1 }];

  for (const ageing of [receivables, payables]) addAgeingSheet(workbook, ageing);

  const cash = workbook.addWorksheet(`Cash forecast ${forecast.horizon}`);
  cash.addRow([
    `Scenario ${forecast.scenario.name}; opening cash on ${forecast.asOf}; minimum cash ${(forecast.minimumCashMinor / 100).toFixed(2)} GBP`,
  ]);
  const cashHeader = [
    'Start',
    'End',
    ...FLOW_CATEGORIES.map((c) => `In: ${c}`),
    ...FLOW_CATEGORIES.map((c) => `Out: ${c}`),
    'Net flow',
    'Facility drawn (+) / repaid (−)',
    'Closing cash',
    'Lowest cash',
    'Facility headroom',
    'Days below minimum',
  ];
  cash.addRow(cashHeader).font = { bold: true };
  for (const p of forecast.periods) {
    const row = cash.addRow([
      p.start,
      p.end,
      ...FLOW_CATEGORIES.map((c) => major(p.receipts[c] ?? 0)),
      ...FLOW_CATEGORIES.map((c) => major(p.payments[c] ?? 0)),
      major(p.netFlowMinor),
      major(p.facilityMovementMinor),
      major(p.closingCashMinor),
      major(p.lowestCashMinor),
      major(p.headroomMinor),
      p.daysBelowMinimum,
    ]);
    for (let c = 3; c < cashHeader.length; c++) row.getCell(c).numFmt = MONEY;
  }
  cash.addRow([]);
  const breach = forecast.firstBreach;
  cash.addRow([
    breach
      ? `First breach of the minimum cash: ${breach.date}, short by ${(breach.shortfallMinor / 100).toFixed(2)} GBP`
      : 'No breach of the minimum cash in this horizon.',
  ]);
  cash.addRow(['Assumptions']).font = { bold: true };
  for (const a of forecast.assumptions) cash.addRow([a.category, text(a.text)]);
  cash.columns = cashHeader.map((h) => ({ width: Math.max(12, h.length + 2) }));

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addAgeingSheet(workbook: ExcelJS.Workbook, ageing: AgeingResponse): void {
  const sheet = workbook.addWorksheet(
    ageing.type === 'receivable' ? 'Receivables ageing' : 'Payables ageing',
  );
  sheet.addRow([`Aged on ${ageing.asOf}, GBP at that day's rates`]);
  const header = [
    'Contact',
    ...AGEING_BUCKETS.map((b) => (b === 'current' ? 'Current' : `${b} days`)),
    'Total',
    'Invoices',
  ];
  sheet.addRow(header).font = { bold: true };
  for (const group of ageing.byContact) {
    const row = sheet.addRow([
      text(group.key),
      ...AGEING_BUCKETS.map((b) => major(group.buckets[b])),
      major(group.totalMinor),
      group.invoiceCount,
    ]);
    for (let c = 2; c <= 7; c++) row.getCell(c).numFmt = MONEY;
  }
  const total = sheet.addRow([
    'Total',
    ...AGEING_BUCKETS.map((b) => major(ageing.totals[b])),
    major(ageing.totalMinor),
  ]);
  total.font = { bold: true };
  for (let c = 2; c <= 7; c++) total.getCell(c).numFmt = MONEY;
  sheet.addRow([]);
  const invoiceHeader = [
    'Invoice',
    'Contact',
    'Channel',
    'Issued',
    'Due',
    'Days overdue',
    'Bucket',
    'Currency',
    'Outstanding',
    'Outstanding GBP',
  ];
  sheet.addRow(invoiceHeader).font = { bold: true };
  for (const i of ageing.invoices) {
    const row = sheet.addRow([
      text(i.invoiceNumber ?? String(i.id)),
      text(i.contactName),
      i.channelCode ?? '',
      i.issueDate,
      i.dueDate,
      i.daysOverdue,
      i.bucket,
      i.currency,
      major(i.outstandingMinor),
      major(i.outstandingGbpMinor),
    ]);
    row.getCell(9).numFmt = MONEY;
    row.getCell(10).numFmt = MONEY;
  }
  sheet.columns = invoiceHeader.map((h, i) => ({ width: i === 1 ? 40 : Math.max(12, h.length + 2) }));
}
