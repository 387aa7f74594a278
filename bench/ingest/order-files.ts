import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** The channels and SKUs of the demo catalogue the generated orders use. */
const CHANNELS = [
  { code: 'shopify-uk', currency: 'GBP' },
  { code: 'amazon-uk', currency: 'GBP' },
  { code: 'shopify-us', currency: 'USD' },
  { code: 'wholesale-uk', currency: 'GBP' },
] as const;
const SKUS = ['GIN-LDN-70', 'GIN-PINK-70', 'GIN-NAVY-50'] as const;

interface Line {
  key: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  net: number;
}

export interface GeneratedOrder {
  number: number;
  channel: (typeof CHANNELS)[number];
  date: string;
  status: 'paid' | 'shipped';
  lines: Line[];
}

/** Orders of 1–4 lines (2.5 on average), deterministic, until `totalLines` lines. */
export function* generateOrders(totalLines: number): Generator<GeneratedOrder> {
  let written = 0;
  for (let number = 1; written < totalLines; number++) {
    const count = Math.min(1 + (number % 4), totalLines - written);
    const day = new Date(Date.UTC(2025, 0, 1) + (number % 365) * 86_400_000).toISOString().slice(0, 10);
    const lines: Line[] = [];
    for (let i = 1; i <= count; i++) {
      const quantity = 1 + ((number + i) % 6);
      const unitPrice = 2500 + ((number * 7 + i) % 9) * 100;
      const discount = i === 2 ? 150 : 0;
      lines.push({
        key: String(i),
        sku: SKUS[(number + i) % SKUS.length]!,
        quantity,
        unitPrice,
        discount,
        net: quantity * unitPrice - discount,
      });
    }
    written += count;
    yield {
      number,
      channel: CHANNELS[number % CHANNELS.length]!,
      date: day,
      status: number % 5 === 0 ? 'shipped' : 'paid',
      lines,
    };
  }
}

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** Writes through a stream in ~1 MB pieces, honouring backpressure. */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  private readonly stream;
  constructor(path: string) {
    this.stream = createWriteStream(path);
  }
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const ok = this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * The same order lines three ways: the CSV a person would upload (orders template), and the
 * orders and order_lines rows in COPY text format, with the ids the catalogue gave each code.
 */
export async function writeOrderFiles(
  totalLines: number,
  paths: { csv: string; ordersCopy: string; linesCopy: string },
  ids: { channel: ReadonlyMap<string, number>; product: ReadonlyMap<string, number> },
): Promise<{ orders: number; lines: number; bytes: number }> {
  const csv = new ChunkedWriter(paths.csv);
  const orders = new ChunkedWriter(paths.ordersCopy);
  const lines = new ChunkedWriter(paths.linesCopy);
  await csv.write(
    'order_id,channel,order_date,ordered_at,status,currency,line_id,sku,quantity,unit_price,discount\n',
  );
  let count = 0;
  let lineCount = 0;
  let bytes = 0;
  for (const order of generateOrders(totalLines)) {
    count++;
    const id = `BENCH-${order.number}`;
    const orderedAt = `${order.date}T12:00:00Z`;
    let total = 0;
    for (const line of order.lines) {
      lineCount++;
      total += line.net;
      const row = `${id},${order.channel.code},${order.date},${orderedAt},${order.status},${order.channel.currency},${line.key},${line.sku},${line.quantity},${decimal(line.unitPrice)},${line.discount ? decimal(line.discount) : ''}\n`;
      bytes += row.length;
      await csv.write(row);
      await lines.write(
        `${order.number}\t${line.key}\t${ids.product.get(line.sku)}\t${line.quantity}\t${line.unitPrice}\t${line.discount}\t${line.net}\t${order.channel.currency}\n`,
      );
    }
    await orders.write(
      `${order.number}\tcsv\t${id}\t${ids.channel.get(order.channel.code)}\t${order.date}\t${orderedAt}\t${order.status}\t${order.channel.currency}\t${total}\n`,
    );
  }
  await Promise.all([csv.close(), orders.close(), lines.close()]);
  return { orders: count, lines: lineCount, bytes };
}
