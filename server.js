// Web service entry (the deployment spec's start command `node server.js`): the compiled API server.
import './apps/server/dist/web.js';
