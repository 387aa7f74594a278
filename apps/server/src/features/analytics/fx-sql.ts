import { type SQL, sql } from 'drizzle-orm';

/**
 * SQL that converts an amount in minor units of `currency` on `day` to GBP minor units, using the
 * latest rate on or before that day (rates are "GBP per unit"). Yields NULL when no rate is known,
 * so callers can count what they could not convert instead of inventing a rate.
 */
export function toGbpMinorSql(amountMinor: SQL, currency: SQL, day: SQL): SQL {
  return sql`(case when ${currency} = 'GBP' then ${amountMinor}::numeric
    else ${amountMinor}::numeric * (
      select f.rate_to_gbp from fx_rates f
      where f.currency = ${currency} and f.rate_date <= ${day}
      order by f.rate_date desc limit 1
    ) * ${minorScaleSql(currency)} end)`;
}

/** 10^(2 − minor digits of currency): GBP has 2 digits, JPY 0, KWD 3. */
function minorScaleSql(currency: SQL): SQL {
  return sql`(case when ${currency} in ('JPY', 'KRW') then 100 when ${currency} in ('BHD', 'KWD') then 0.1 else 1 end)`;
}
