export type { DemoCatalogue } from './demo-catalogue';
export {
  buildDemoCatalogue,
  DEFAULT_DEMO_SEED,
  type DemoDay,
  type DemoOptions,
  type DemoWindow,
  demoWindow,
  generateDemoDays,
} from './generate-demo-data';
export {
  DEMO_BANK_ACCOUNTS,
  DEMO_CHANNELS,
  DEMO_LOCATIONS,
  DEMO_PRODUCTION_LINES,
  DEMO_SKUS,
  DEMO_SUPPLIERS,
  DEMO_TRADE_CUSTOMERS,
} from './reference-customer';
