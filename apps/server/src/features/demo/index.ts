export {
  DEMO_LOADED_SETTING,
  type DemoLoadedSetting,
  findDemoLoad,
  isDemoDataLoaded,
} from './demo-settings';
export {
  type DemoLoadLogger,
  type DemoLoadProgress,
  type LoadDemoDataOptions,
  type LoadDemoDataResult,
  loadDemoData,
} from './load-demo-data';
