/**
 * Amazon marketplaces the business can sell in (SP-API marketplace ids), the regional endpoint
 * that serves each, and whether its prices include sales tax: EU, UK and Far East prices are
 * VAT/GST-inclusive (`ItemTax` is the tax inside `ItemPrice`), North American ones are not.
 */
export type SpApiRegion = 'na' | 'eu' | 'fe';

export interface AmazonMarketplace {
  country: string;
  id: string;
  region: SpApiRegion;
  currency: string;
  taxInclusive: boolean;
}

export const AMAZON_MARKETPLACES: readonly AmazonMarketplace[] = [
  { country: 'US', id: 'ATVPDKIKX0DER', region: 'na', currency: 'USD', taxInclusive: false },
  { country: 'CA', id: 'A2EUQ1WTGCTBG2', region: 'na', currency: 'CAD', taxInclusive: false },
  { country: 'MX', id: 'A1AM78C64UM0Y8', region: 'na', currency: 'MXN', taxInclusive: false },
  { country: 'UK', id: 'A1F83G8C2ARO7P', region: 'eu', currency: 'GBP', taxInclusive: true },
  { country: 'IE', id: 'A28R8C7NBKEWEA', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'DE', id: 'A1PA6795UKMFR9', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'FR', id: 'A13V1IB3VIYZZH', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'IT', id: 'APJ6JRA9NG5V4', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'ES', id: 'A1RKKUPIHCS9HS', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'NL', id: 'A1805IZSGTT6HS', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'BE', id: 'AMEN7PMS3EDWL', region: 'eu', currency: 'EUR', taxInclusive: true },
  { country: 'SE', id: 'A2NODRKZP88ZB9', region: 'eu', currency: 'SEK', taxInclusive: true },
  { country: 'PL', id: 'A1C3SOZRARQ6R3', region: 'eu', currency: 'PLN', taxInclusive: true },
  { country: 'JP', id: 'A1VC38T7YXB528', region: 'fe', currency: 'JPY', taxInclusive: true },
  { country: 'AU', id: 'A39IBJ37TRP1C6', region: 'fe', currency: 'AUD', taxInclusive: true },
];

export function amazonMarketplace(idOrCountry: string): AmazonMarketplace | undefined {
  const key = idOrCountry.trim().toUpperCase();
  return AMAZON_MARKETPLACES.find((m) => m.id === key || m.country === (key === 'GB' ? 'UK' : key));
}

export const SP_API_ENDPOINTS: Record<SpApiRegion, string> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};
