import { NotFoundError } from '../../platform/errors';
import { amazonConnector } from '../connectors/amazon/amazon-connector';
import { shopifyConnector } from '../connectors/shopify/shopify-connector';
import { unleashedConnector } from '../connectors/unleashed/unleashed-connector';
import { xeroConnector } from '../connectors/xero/xero-connector';
import type { ConnectorDefinition } from './connector';

/**
 * Every connector the sync engine runs, in the order the Connections page lists them. A new
 * connector is one module implementing ConnectorDefinition and one line here.
 */
export const CONNECTORS: readonly ConnectorDefinition[] = [
  shopifyConnector,
  amazonConnector,
  unleashedConnector,
  xeroConnector,
];

export function findConnector(name: string): ConnectorDefinition | undefined {
  return CONNECTORS.find((c) => c.name === name);
}

export function getConnector(name: string): ConnectorDefinition {
  const connector = findConnector(name);
  if (!connector) throw new NotFoundError(`There is no connector named "${name}".`);
  return connector;
}
