/** Work that must finish before the process exits on a fatal error (sending queued error reports). */
const hooks = new Set<(timeoutMs: number) => Promise<void>>();

export function beforeFatalExit(hook: (timeoutMs: number) => Promise<void>): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs every hook, for at most timeoutMs in total; never rejects. */
export async function runFatalExitHooks(timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled([...hooks].map((hook) => hook(timeoutMs))),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
