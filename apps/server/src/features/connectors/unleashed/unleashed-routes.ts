import { unleashedPlacementResponse } from '@sentia/contracts';
import type { AppContext } from '../../../context';
import { bumpDataVersion } from '../../../platform/cache/data-version';
import { callerOf } from '../../../platform/http/access-control';
import type { ApiServer } from '../../../platform/http/create-server';
import type { Principal } from '../../identity/principal';
import { actorOf } from '../../identity/routes';
import { placeApprovedPurchaseOrders } from './place-purchase-orders';

/** Placing approved purchase proposals as purchase orders in Unleashed. */
export function registerUnleashedRoutes(app: ApiServer, ctx: AppContext): void {
  app.post(
    '/api/connectors/unleashed/purchase-orders',
    {
      config: { access: 'approve:purchase-orders' },
      schema: {
        tags: ['connectors', 'purchasing'],
        summary:
          'Place the approved purchase proposals in Unleashed (one parked order per supplier, currency and warehouse) and mark them ordered; never places an order twice',
        response: { 200: unleashedPlacementResponse },
      },
    },
    async (request) => {
      const placed = await placeApprovedPurchaseOrders(ctx, actorOf(request, callerOf<Principal>(request)));
      await bumpDataVersion(ctx, 'purchasing.placed-in-unleashed');
      return placed;
    },
  );
}
