/**
 * The parts of OpenAPI 3.1 this project writes. Schemas are JSON Schema 2020-12 objects, kept as
 * plain records: they come out of zod's converter and go straight into the document.
 */
export type JsonSchema = Record<string, unknown>;

export interface OpenApiHeader {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, OpenApiHeader | OpenApiRef>;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiRef {
  $ref: string;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: (OpenApiParameter | OpenApiRef)[];
  requestBody?: { required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse | OpenApiRef>;
}

export type OpenApiPathItem = Partial<Record<'get' | 'put' | 'post' | 'patch' | 'delete', OpenApiOperation>>;

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description: string; 'x-internal'?: boolean }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, OpenApiPathItem>;
  components: {
    securitySchemes: Record<string, Record<string, unknown>>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    headers: Record<string, OpenApiHeader>;
    parameters: Record<string, OpenApiParameter>;
  };
}
