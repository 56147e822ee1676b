// Rewrites examples/mapping.schema.json from the zod schema (a test fails while the two differ).
import { writeFileSync } from 'node:fs';
import { mappingJsonSchema } from '../loaders/sources/mapped/jsonSchema.ts';

writeFileSync(new URL('../examples/mapping.schema.json', import.meta.url), mappingJsonSchema());
