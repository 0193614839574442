// Installs the shipped model price catalog into an empty database (run at start-up after migrations).
import { disconnectDb } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";

const n = await installShippedCatalogIfEmpty();
if (n > 0) console.log(`[catalog] installed ${n} model prices from lib/pricing/catalog/prices.json`);
await disconnectDb();
