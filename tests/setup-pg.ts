import { afterAll } from 'vitest';
import { dropTestDatabases } from './helpers/test-db';

// every test file of the server-pg project drops the databases it made (they hold a copy of the template each)
afterAll(() => {
  dropTestDatabases();
});
