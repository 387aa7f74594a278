import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useAccess } from '../../app/use-access';
import { usePageCrumbs } from '../../app/use-page-crumbs';
import { useGlobalFilters } from '../../filters/use-global-filters';
import { userLocale } from '../../format/locale';
import { formatMoney } from '../../format/number';
import { ErrorPanel } from '../../ui/error-panel';
import { PageHeader } from '../../ui/page-header';
import { LoadingRegion, Skeleton } from '../../ui/skeleton';
import { FigureTile } from './figure-tile';
import { formatUnits } from './plan-format';
import { PlanGap, PlanMeta } from './plan-meta';
import { inventorySettingsQuery, levelsQuery, policiesQuery, recompute, refreshPlan } from './plan-queries';
import { type LocationOption, PolicySettings } from './policy-settings-form';
import { AbcXyzMatrix, PolicyTable } from './policy-table';
import { ServiceLevelControl, type ServiceLevels } from './service-level-control';
import { StockTable } from './stock-table';
import './plan-pages.css';

/**
 * Inventory: stock and cover per SKU and location, what is at risk, the ABC × XYZ matrix, the policy of
 * every SKU and the service-level control that shows what safety stock a choice costs before saving it.
 */
export default function InventoryPage() {
  const crumbs = usePageCrumbs();
  const locale = userLocale();
  const access = useAccess();
  const { filters } = useGlobalFilters();
  const client = useQueryClient();
  const [preview, setPreview] = useState<ServiceLevels | null>(null);
  const scope = new URLSearchParams();
  if (filters.sku) scope.set('sku', filters.sku);
  const policySearch = new URLSearchParams(scope);
  policySearch.set('limit', '500');
  if (preview) {
    policySearch.set('serviceA', String(preview.A));
    policySearch.set('serviceB', String(preview.B));
    policySearch.set('serviceC', String(preview.C));
  }
  const levelSearch = new URLSearchParams(scope);
  levelSearch.set('limit', '500');
  if (filters.region) levelSearch.set('region', filters.region);
  const policies = useQuery(policiesQuery(policySearch.toString()));
  const levels = useQuery(levelsQuery(levelSearch.toString()));
  const settings = useQuery(inventorySettingsQuery());
  // Every location with stock counts, whatever the filters (the same query as the table's when unfiltered).
  const allLevels = useQuery(levelsQuery('limit=500'));
  const rerun = useMutation({ mutationFn: recompute, onSuccess: () => refreshPlan(client) });
  const canWrite = access.can('write:inventory');
  const locations = useMemo(() => {
    const seen = new Map<string, LocationOption>();
    for (const r of allLevels.data?.items ?? [])
      seen.set(r.locationCode, { code: r.locationCode, name: r.locationName });
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [allLevels.data]);
  const atRisk = useMemo(() => (levels.data?.items ?? []).filter((r) => r.atRisk), [levels.data]);
  const data = policies.data;
  const stock = levels.data;
  const gap = data?.gap ?? stock?.gap;
  const money = (minor: number) => formatMoney(minor, 'GBP', locale, { wholeUnits: true });

  return (
    <div className="plan-page">
      <PageHeader
        title="Inventory"
        crumbs={crumbs}
        subtitle="Stock, cover and replenishment policy per SKU and location, from the latest stock counts and the demand forecast"
        meta={
          data && (
            <PlanMeta
              demoData={data.demoData}
              asOf={data.asOf}
              computedAt={data.computedAt}
              locale={locale}
              updating={policies.isFetching && policies.isPlaceholderData}
            />
          )
        }
        actions={
          canWrite && (
            <button
              type="button"
              className="button"
              disabled={rerun.isPending}
              onClick={() => rerun.mutate()}
            >
              {rerun.isPending ? 'Recalculating…' : 'Recalculate now'}
            </button>
          )
        }
      />
      {rerun.isError && <ErrorPanel heading="The plan was not recalculated" error={rerun.error} compact />}
      {(policies.isError || levels.isError) && (
        <ErrorPanel
          heading="The inventory plan could not be loaded"
          error={policies.error ?? levels.error}
          onRetry={() => {
            void policies.refetch();
            void levels.refetch();
          }}
        />
      )}
      {gap && <PlanGap gap={gap} />}
      {!data || !stock ? (
        !policies.isError && !levels.isError && <InventorySkeleton />
      ) : (
        <>
          <section aria-labelledby="inventory-figures">
            <h2 id="inventory-figures" className="visually-hidden">
              Key figures
            </h2>
            <div className="kpi-grid">
              <FigureTile
                figure="stock-value"
                label="Stock value"
                value={money(stock.totals.valueGbpMinor)}
                note={`${formatUnits(stock.totals.onHand, locale)} units on hand`}
                formula="On hand at each location × unit cost, in GBP at the stock date’s rate."
              />
              <FigureTile
                figure="at-risk"
                label="At risk of running out"
                value={`${atRisk.length} of ${stock.page.total}`}
                note="SKU × locations"
                formula="Forecast demand uses up available + inbound stock before a replenishment started today could arrive (the location’s lead time)."
              />
              <FigureTile
                figure="safety-stock-value"
                label="Safety stock value"
                value={money(data.totals.saved.safetyStockValueGbpMinor)}
                note={`${formatUnits(data.totals.saved.safetyStockUnits, locale)} units at the saved service levels`}
                formula="Σ safety stock × unit cost over every SKU network-wide; SS = z·√(L·σd² + d̄²·σL²), or the Poisson/negative-binomial quantile for intermittent demand."
              />
              <FigureTile
                figure="holding-cost"
                label="Safety stock holding cost"
                value={money(data.totals.saved.holdingCostGbpMinor)}
                note={
                  settings.data
                    ? `a year at ${Math.round(settings.data.settings.holdingRate * 100)}% of value`
                    : 'a year'
                }
                formula="Safety stock value × the holding rate (a setting)."
              />
            </div>
          </section>
          <div className="plan-columns">
            <ServiceLevelControl
              saved={data.savedServiceLevels}
              totals={data.totals}
              previewing={data.preview}
              canWrite={canWrite}
              locale={locale}
              onPreview={setPreview}
            />
            <section className="panel" aria-labelledby="abc-xyz">
              <h2 id="abc-xyz">ABC × XYZ</h2>
              <AbcXyzMatrix matrix={data.matrix} thresholds={settings.data?.settings} locale={locale} />
              <p className="plan-hint">
                ABC by revenue share over the last {settings.data?.settings.abcWindowDays ?? 365} days; XYZ by
                the coefficient of variation of weekly demand (X below{' '}
                {settings.data?.settings.xyzThresholds.x ?? 0.5}, Y below{' '}
                {settings.data?.settings.xyzThresholds.y ?? 1}). Thresholds are policy settings.
              </p>
            </section>
          </div>
          {settings.data && (
            <PolicySettings
              settings={settings.data.settings}
              canWrite={canWrite}
              locations={locations}
              locale={locale}
            />
          )}
          <section className="panel" aria-labelledby="at-risk">
            <h2 id="at-risk">At risk</h2>
            {atRisk.length === 0 ? (
              <p>Nothing is projected to run out before it can be replenished.</p>
            ) : (
              <StockTable
                rows={atRisk}
                locale={locale}
                caption="SKU × locations projected to run out before they can be replenished"
                empty=""
              />
            )}
          </section>
          <section className="panel" aria-labelledby="policies">
            <h2 id="policies">Policy per SKU{data.preview ? ' (at the levels typed, not saved)' : ''}</h2>
            <p className="plan-hint">
              All locations together, which is what purchasing and production plan against. Continuous review
              orders Q when the position (on hand − allocated + inbound) reaches s; periodic review tops up to
              S every {settings.data?.settings.reviewPeriodDays ?? 7} days.
            </p>
            <PolicyTable rows={data.items} locale={locale} />
          </section>
          <section className="panel" aria-labelledby="stock">
            <h2 id="stock">Stock by location</h2>
            <StockTable
              rows={stock.items}
              locale={locale}
              caption="Stock and cover per SKU and location"
              empty="No stock counts match the filters."
            />
          </section>
        </>
      )}
    </div>
  );
}

function InventorySkeleton() {
  return (
    <LoadingRegion label="Loading the inventory plan">
      <div className="kpi-grid">
        {[1, 2, 3, 4].map((n) => (
          <Skeleton key={n} height={148} />
        ))}
      </div>
      <div className="panel" style={{ marginTop: 24 }}>
        <Skeleton shape="text" width="18rem" height="1.25rem" />
        <Skeleton height={260} />
      </div>
    </LoadingRegion>
  );
}
