import { z } from 'zod';
import { mappingSchema } from './schema.ts';

/** The JSON Schema of a mapping file, for editors; committed as examples/mapping.schema.json. */
export function mappingJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(mappingSchema, { io: 'input' }), null, 2)}\n`;
}
