import { readFileSync } from 'node:fs';

export interface BuildInfo {
  version: string;
  commit: string | null;
  builtAt: string | null;
}

/** Written next to the server bundle by build.mjs; absent when running from source (tests). */
export function readBuildInfo(env: {
  APP_VERSION?: string;
  GIT_COMMIT?: string;
  RAILWAY_GIT_COMMIT_SHA?: string;
}): BuildInfo {
  let fromFile: Partial<BuildInfo> = {};
  try {
    fromFile = JSON.parse(readFileSync(new URL('./build-info.json', import.meta.url), 'utf8'));
  } catch {
    fromFile = {};
  }
  return {
    version: env.APP_VERSION ?? fromFile.version ?? '0.0.0-dev',
    commit: env.GIT_COMMIT ?? env.RAILWAY_GIT_COMMIT_SHA ?? fromFile.commit ?? null,
    builtAt: fromFile.builtAt ?? null,
  };
}
