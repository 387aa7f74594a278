import { type ProductRecord, productRecordSchema } from '../../records/catalogue-records';
import {
  type CellRef,
  cellByFields,
  cellValue,
  type ImportTemplate,
  optionalCell,
  type RowValues,
  type TemplateColumn,
} from '../import-template';
import { defined, updatedAtColumn } from './common-columns';

const PRICE_COLUMN = /^price_([a-z]{3})$/;

function priceColumn(currency: string): TemplateColumn {
  return {
    name: `price_${currency.toLowerCase()}`,
    type: 'money',
    currency,
    min: 0,
    required: false,
    description: `List price per unit in ${currency}, excluding tax (any currency: price_<code>).`,
  };
}

const columns: TemplateColumn[] = [
  { name: 'sku', type: 'code', required: true, description: 'The SKU shared by every channel and system.' },
  { name: 'name', type: 'text', required: true, description: 'Product name.' },
  { name: 'category', type: 'text', required: false, description: 'Free text grouping such as gin or rum.' },
  {
    name: 'unit_cost',
    type: 'money',
    currencyColumn: 'cost_currency',
    min: 0,
    required: true,
    description: 'Standard cost per unit (COGS and stock value use it).',
  },
  { name: 'cost_currency', type: 'currency', required: true, description: 'Currency of unit_cost.' },
  {
    name: 'pack_size',
    type: 'integer',
    min: 1,
    required: true,
    description: 'Units per case: order quantities round up to it.',
  },
  {
    name: 'moq',
    type: 'integer',
    min: 1,
    required: true,
    description: 'Minimum order or batch quantity, units.',
  },
  {
    name: 'lead_time_days',
    type: 'integer',
    min: 0,
    required: true,
    description: 'Days from ordering or starting production to stock being available.',
  },
  {
    name: 'supplier',
    type: 'code',
    required: false,
    description: 'Code of the default supplier (it must exist), when bought in or made under contract.',
  },
  {
    name: 'active',
    type: 'boolean',
    required: false,
    description: 'false keeps the product for history but stops planning it; true when empty.',
  },
  priceColumn('GBP'),
  priceColumn('EUR'),
  priceColumn('USD'),
  {
    name: 'price_valid_from',
    type: 'date',
    required: false,
    description:
      'First day the prices apply; required when a price is given (earlier prices are kept as history).',
  },
  updatedAtColumn('product'),
];

/** A price given without the date it applies from: checked per row, before the record is built. */
function priceNeedsDate(values: RowValues): { column: string; reason: string }[] {
  const hasPrice = Object.keys(values).some((c) => PRICE_COLUMN.test(c) && values[c] !== undefined);
  return hasPrice && values.price_valid_from === undefined
    ? [{ column: 'price_valid_from', reason: 'is required when a price is given' }]
    : [];
}

const FIELDS = {
  sku: 'sku',
  name: 'name',
  category: 'category',
  unitCostMinor: 'unit_cost',
  costCurrency: 'cost_currency',
  packSize: 'pack_size',
  moq: 'moq',
  leadTimeDays: 'lead_time_days',
  supplierCode: 'supplier',
  active: 'active',
  sourceUpdatedAt: 'updated_at',
  source: 'sku',
};

/** Products by SKU, each with its prices in as many currencies as it has price_<code> columns. */
export const productsTemplate: ImportTemplate<ProductRecord> = {
  kind: 'products',
  title: 'Products',
  recordName: 'product',
  summary: 'Products and SKUs with cost, pack size, MOQ, lead time and list prices.',
  columns,
  extraColumn(name) {
    const match = PRICE_COLUMN.exec(name);
    return match ? priceColumn(match[1]!.toUpperCase()) : undefined;
  },
  examples: [
    {
      sku: 'GIN-SLOE-70',
      name: 'Sentia Sloe Gin 70cl',
      category: 'gin',
      unit_cost: '9.40',
      cost_currency: 'GBP',
      pack_size: '6',
      moq: '300',
      lead_time_days: '14',
      supplier: 'SUP-SPIRIT',
      price_gbp: '31.00',
      price_eur: '35.00',
      price_usd: '41.00',
      price_valid_from: '2026-01-01',
    },
    {
      sku: 'GIN-SLOE-20',
      name: 'Sentia Sloe Gin 20cl',
      category: 'gin',
      unit_cost: '3.10',
      cost_currency: 'GBP',
      pack_size: '12',
      moq: '600',
      lead_time_days: '14',
      active: 'false',
    },
  ],
  checkRow: priceNeedsDate,
  schema: productRecordSchema,
  keyOf: (values) => cellValue<string>(values, 'sku'),
  keyColumns: ['sku'],
  build([values], source) {
    const row = values!;
    const validFrom = optionalCell<string>(row, 'price_valid_from');
    const prices: ProductRecord['prices'] = [];
    for (const [column, value] of Object.entries(row)) {
      const match = PRICE_COLUMN.exec(column);
      if (match && typeof value === 'number' && validFrom) {
        prices.push({ currency: match[1]!.toUpperCase(), priceMinor: value, validFrom });
      }
    }
    return {
      source,
      sku: cellValue<string>(row, 'sku'),
      name: cellValue<string>(row, 'name'),
      unitCostMinor: cellValue<number>(row, 'unit_cost'),
      costCurrency: cellValue<string>(row, 'cost_currency'),
      packSize: cellValue<number>(row, 'pack_size'),
      moq: cellValue<number>(row, 'moq'),
      leadTimeDays: cellValue<number>(row, 'lead_time_days'),
      ...defined({
        category: optionalCell<string>(row, 'category'),
        supplierCode: optionalCell<string>(row, 'supplier'),
        active: optionalCell<boolean>(row, 'active'),
        sourceUpdatedAt: optionalCell<string>(row, 'updated_at'),
      }),
      prices,
    };
  },
  cellOf(path, record): CellRef {
    const [head, index] = path;
    if (head === 'prices' && typeof index === 'number') {
      const currency = record.prices[index]?.currency;
      return { row: 0, column: currency ? `price_${currency.toLowerCase()}` : 'price_valid_from' };
    }
    return cellByFields(path, FIELDS);
  },
  references: { supplier: 'supplier' },
};
