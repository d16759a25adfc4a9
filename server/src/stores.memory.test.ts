import { storeContracts } from './stores.contract.js';
import { createMemoryStores } from './stores.js';
import { describe } from 'vitest';

describe('memory stores', () => {
  const make = async () => createMemoryStores();
  storeContracts(make);
});
