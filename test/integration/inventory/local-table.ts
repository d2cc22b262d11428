export { startLocalTable, WEBHOOK_SECRET, type LocalTable } from '../../support/local-table';
