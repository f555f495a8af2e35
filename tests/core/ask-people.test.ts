/** Asking about people named only in imported records, on the SQLite store. */

import { createTestApp } from '../support/services.ts';
import { describeAskingAboutPeople } from './ask-people.ts';

describeAskingAboutPeople('SQLite', async () => {
  const app = await createTestApp();
  return { services: app.services, close: () => app.close() };
});
