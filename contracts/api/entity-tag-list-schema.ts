import * as z from 'zod';
import { ENTITY_TAG_LIST, ENTITY_TAG_LIST_MAX_LENGTH } from './entity-tags';

/** An `If-Match` or `If-None-Match` header value in a route contract: `*`, or a comma-separated list of entity-tags. */
export const entityTagListSchema = z.string().max(ENTITY_TAG_LIST_MAX_LENGTH).regex(ENTITY_TAG_LIST, 'an entity-tag list such as "3" or "3", "4", or *');
