// IndexedDB for Dexie in unit tests; every test file gets a fresh in-memory store.
import 'fake-indexeddb/auto';
