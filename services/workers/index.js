// Worker service entry (the deployment spec's start command `node services/workers/index.js`).
import '../../apps/server/dist/worker.js';
