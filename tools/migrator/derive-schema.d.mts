// Types for ./derive-schema.mjs.
export declare function deriveSchema(source: string): string;
export declare function writeDerivedSchema(schemaPath: string, outPath: string): string;
