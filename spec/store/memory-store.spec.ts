import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import { storeContract } from './contract.js';

storeContract('MemoryStore', () => Promise.resolve(new MemoryStore()));
