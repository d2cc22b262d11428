/**
 * Generated from the ordersaga OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with `npm run client:generate` after changing a route contract.
 */
export interface paths {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers 200 while the API can run a function. Checks no dependency, needs no token.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API as an OpenAPI 3.1 document
         * @description This document, generated from the schemas the handlers validate requests with. Cacheable; the `ETag` changes when the API does.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders, newest first
         * @description Your orders, newest first. Admins: every customer's orders, or one customer's with `customerId`. Pages are linked by an opaque, signed `nextCursor`, valid only with the same filters.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Place an order
         * @description Places an order in status `pending` and starts its saga (reserve stock, take payment, confirm) without waiting for it. Prices come from the catalog, never from the request. Requires an `Idempotency-Key`: the same key and body return the same order and status code however often and however concurrently they are sent; the same key with another body is 422; while the first request with a key is still running, others get 409 with `Retry-After`. Keys are scoped to you and kept 24 h.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order
         * @description Cancels a `pending` or `confirmed` order (`cancellationReason: customer_cancelled`); stock is released and the payment voided or refunded by the saga.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mark an order shipped or delivered
         * @description Fulfilment: `{status: "shipped"}` from `confirmed`, `{status: "delivered"}` from `shipped`. Any other move is 409.
         *
         *     Requires the `admin` group in the token.
         */
        patch: operations["updateOrderStatus"];
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the catalog
         * @description The catalog in sku order, a page at a time. Follow `nextCursor` until it is absent; a cursor is opaque and signed (an edited one is a 400).
         */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product */
        get: operations["getProduct"];
        /**
         * Create or replace a product
         * @description Creates the product (`If-None-Match: *`), or replaces its name, price, currency and stock (`If-Match: <ETag>` from your last read, so that a save based on a stale read cannot put back stock that orders have taken since: it is refused with 412 and changes nothing). A PUT with neither header is 428. Prices are integers in minor units.
         *
         *     Requires the `admin` group in the token.
         */
        put: operations["putProduct"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{sku}/stock-adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust stock by a delta
         * @description Adds `delta` to the stock atomically (concurrent adjustments never lose one another). Stock never goes below 0: a delta that would is refused with 409 and changes nothing.
         *
         *     Requires the `admin` group in the token.
         */
        post: operations["adjustStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payment
         * @description A customer sees their own payments only (someone else's is a 404); an admin sees every payment.
         */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund a captured payment in full
         * @description Refunds a captured payment in full through the payment provider. Idempotent: refunding a refunded payment answers 202 again and refunds nothing more; concurrent requests refund once. The answer is the payment, `refunded` (or still `captured` while a concurrent request is completing the refund).
         *
         *     Requires the `admin` group in the token.
         */
        post: operations["refundPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Payment provider callbacks (HMAC-signed)
         * @description The payment provider's events, authenticated by the `Stripe-Signature` header (no bearer token), checked over the raw body before the body is read: an unsigned or badly signed request is a 401 whatever its body. Each event id is acted on once; a redelivered event is acknowledged and ignored. Event types not acted on are acknowledged too.
         */
        post: operations["receivePaymentWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an order's notifications
         * @description The e-mails and text messages sent about an order, oldest first: one per order event and channel, with what became of it (`sent`, then `delivered`, `bounced` or `complained` as the e-mail provider reports it; `failed` when it was refused or every attempt failed). Recipients are masked. The order's customer and admins may read them; someone else's order is 404.
         */
        get: operations["listOrderNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Present only on cancelled orders.
         * @enum {string}
         */
        CancellationReason: "customer_cancelled" | "out_of_stock" | "payment_declined" | "payment_unavailable";
        Contact: {
            /** @description Where the order e-mails go */
            email?: string;
            /** @description Where text messages about the order go (E.164) */
            phone?: string;
        };
        CreateOrderRequest: {
            /** @description 1 to 50 lines, each sku at most once */
            items: components["schemas"]["OrderLineRequest"][];
            shippingAddress: components["schemas"]["ShippingAddress"];
            payment: components["schemas"]["PaymentRequest"];
            /** @description Whom the order e-mails and text messages go to. Absent: the e-mail address and verified phone number of your token; `{}`: nobody. */
            contact?: components["schemas"]["Contact"];
        };
        FieldError: {
            /** @description JSON Pointer into the body (`/items/0/quantity`), or the name of the parameter */
            path: string;
            message: string;
        };
        /** @description The function answered: the API is up. */
        Health: {
            /** @constant */
            status: "ok";
        };
        Notification: {
            /** @description `<channel>:<event id>`: one notification per order event and channel */
            id: string;
            /** @enum {string} */
            channel: "email" | "sms";
            /** @enum {string} */
            template: "order-confirmed" | "order-cancelled" | "order-shipped" | "order-delivered";
            /**
             * @description `sent`: the provider took it; `delivered`, `bounced`, `complained`: what the e-mail provider reported afterwards (text messages stay `sent`); `failed`: refused, or every attempt failed
             * @enum {string}
             */
            status: "sent" | "delivered" | "bounced" | "complained" | "failed";
            /** @description Whom it went to, masked (`s•••@example.com`, `+49•••••••••78`) */
            recipient: string;
            /**
             * Format: date-time
             * @description When it was handed to the provider (for `failed`: the last attempt)
             */
            sentAt: string;
            /**
             * Format: date-time
             * @description When its status last changed
             */
            updatedAt: string;
        };
        NotificationList: {
            /** @description Oldest first */
            items: components["schemas"]["Notification"][];
        };
        /** @description This document: OpenAPI 3.1, JSON Schema 2020-12 schemas. */
        OpenApiDocument: {
            openapi: string;
            info: {
                title: string;
                version: string;
            } & {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        Order: {
            id: string;
            customerId: string;
            status: components["schemas"]["OrderStatus"];
            items: components["schemas"]["OrderLine"][];
            /**
             * Format: int64
             * @description Integer amount in minor units (cents) of `currency`
             */
            totalAmount: number;
            /** @description ISO 4217 code */
            currency: string;
            shippingAddress: components["schemas"]["ShippingAddress"];
            /** @description Whom the order e-mails and text messages go to (absent on orders placed before contacts existed) */
            contact?: components["schemas"]["Contact"];
            payment: {
                id: string;
                status: components["schemas"]["PaymentStatus"];
            };
            cancellationReason?: components["schemas"]["CancellationReason"];
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             */
            updatedAt: string;
        };
        OrderLine: {
            /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
            sku: string;
            name: string;
            /** Format: int32 */
            quantity: number;
            /**
             * Format: int32
             * @description Integer amount in minor units (cents) of `currency`
             */
            unitPrice: number;
        };
        OrderLineRequest: {
            /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
            sku: string;
            /** Format: int32 */
            quantity: number;
        };
        OrderList: {
            /** @description Newest first */
            items: components["schemas"]["Order"][];
            /** @description Pass as `cursor` to get the next page; absent on the last page */
            nextCursor?: string;
        };
        /**
         * @description `pending` until the saga confirms or cancels it; then `shipped` and `delivered` (admin), or `cancelled`.
         * @enum {string}
         */
        OrderStatus: "pending" | "confirmed" | "shipped" | "delivered" | "cancelled";
        /** @description A card payment of an order. */
        Payment: {
            /** @description Payment id (opaque) */
            id: string;
            /** @description The order this payment pays for */
            orderId: string;
            /**
             * @description Where the payment is in its lifecycle
             * @enum {string}
             */
            status: "pending" | "authorized" | "captured" | "declined" | "voided" | "refunded";
            /**
             * Format: int64
             * @description Minor units of `currency` (cents)
             */
            amount: number;
            /** @description ISO 4217 code */
            currency: string;
            /**
             * Format: date-time
             * @description Last change (ISO 8601 UTC)
             */
            updatedAt: string;
        };
        PaymentRequest: {
            /** @constant */
            method: "card";
            token: string;
        };
        /** @enum {string} */
        PaymentStatus: "pending" | "authorized" | "captured" | "declined" | "voided" | "refunded";
        /** @description A payment provider event, signed with the `Stripe-Signature` header. */
        PaymentWebhookEvent: {
            /** @description The provider's event id: a redelivery repeats it */
            id: string;
            /** @description What happened. Acted on: payment.authorized, payment.failed, payment.captured, payment.voided, payment.refunded; others are acknowledged and ignored. */
            type: string;
            /** @description The payment the event is about */
            data: {
                /** @description Payment id (opaque) */
                paymentId: string;
                /** @description Why, for `payment.failed` (e.g. `card_declined`) */
                reason?: string;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * @description An RFC 9457 problem (`application/problem+json`).
         * @example {
         *       "type": "urn:ordersaga:problem:validation-error",
         *       "title": "Bad Request",
         *       "status": 400,
         *       "detail": "The request body is invalid.",
         *       "instance": "/api/v1/orders",
         *       "errors": [
         *         {
         *           "path": "/items/0/quantity",
         *           "message": "Too big: expected number to be <=100"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /** @description Identifies the kind of problem: `urn:ordersaga:problem:<slug>` */
            type: string;
            /** @description Short summary of the problem type (the HTTP reason phrase) */
            title: string;
            /**
             * Format: int32
             * @description The HTTP status of this answer. Absent only on a gateway answer of a kind this API does not configure (the gateway cannot write its status into the body).
             */
            status?: number;
            /** @description What went wrong with this request, for a human */
            detail: string;
            /** @description The request path */
            instance: string;
            /** @description Validation problems only: every invalid field (the first 100) */
            errors?: components["schemas"]["FieldError"][];
        };
        /** @description A catalog product with its price and stock. */
        Product: {
            /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
            sku: string;
            name: string;
            /**
             * Format: int32
             * @description Minor units of `currency` (cents)
             */
            price: number;
            /** @description ISO 4217 code */
            currency: string;
            /**
             * Format: int32
             * @description Units on hand, never below 0
             */
            stock: number;
            /**
             * Format: date-time
             * @description Last change (ISO 8601 UTC)
             */
            updatedAt: string;
        };
        /** @description A product as an admin creates or replaces it. */
        ProductInput: {
            name: string;
            /**
             * Format: int32
             * @description Minor units of `currency` (cents)
             */
            price: number;
            /** @description ISO 4217 code */
            currency: string;
            /**
             * Format: int32
             * @description Units on hand
             */
            stock: number;
        };
        /** @description A page of the catalog, ordered by sku. */
        ProductPage: {
            items: components["schemas"]["Product"][];
            /** @description Present when more products follow: pass it as `?cursor=` */
            nextCursor?: string;
        };
        ShippingAddress: {
            name: string;
            line1: string;
            line2?: string;
            city: string;
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2, upper case
             * @enum {string}
             */
            country: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
        };
        /** @description A relative change of a product's stock. */
        StockAdjustment: {
            /** @description Units to add (positive) or remove (negative); never 0 */
            delta: number;
        };
        UpdateOrderStatusRequest: {
            /** @description `shipped` (from `confirmed`) or `delivered` (from `shipped`); any other move is 409 */
            status: components["schemas"]["OrderStatus"];
        };
    };
    responses: {
        /** @description The bearer token is missing, malformed, expired, or not issued for this API. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token is valid but does not grant this operation. */
        Forbidden: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the gateway accepts. */
        PayloadTooLarge: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Over the rate limit (the stage default, or this route's own). Retry after the number of seconds in `Retry-After`. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request failed (in the function, or in the gateway's authorizer). Quote the correlation id when reporting it. */
        InternalServerError: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The function failed without an answer (the gateway's own answer). */
        BadGateway: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The function did not answer in time (the gateway's own answer). */
        GatewayTimeout: {
            headers: {
                "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
        "X-Correlation-Id": string;
    };
    requestBodies: never;
    headers: {
        /** @description The correlation id of the request: the one you sent, or the request id. Quote it when reporting a problem. */
        "X-Correlation-Id": string;
        /** @description CORS: the request's `Origin` when the stage allows it (`*` on a stage that allows every origin). On the gateway's own answers: the stage's origin when it allows exactly one. */
        "Access-Control-Allow-Origin": string;
        /** @description CORS: `true` on stages that allow credentials, with an allowed origin */
        "Access-Control-Allow-Credentials": "true";
        /** @description CORS: the response headers a browser script may read, with an allowed origin */
        "Access-Control-Expose-Headers": "ETag, Location, Retry-After, X-Correlation-Id";
        /** @description The authentication scheme to use: `Bearer` */
        "WWW-Authenticate": "Bearer";
        /** @description Seconds to wait before retrying */
        "Retry-After": string;
        /** @description The answer depends on the request's `Origin` (CORS); absent on a stage that allows every origin */
        Vary: "Origin";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API is up */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy you hold */
                "If-None-Match"?: string;
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description How long the document may be cached */
                    "Cache-Control": string;
                    /** @description Changes whenever the document does */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description Not modified: `If-None-Match` named the current `ETag` */
            304: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description How long the document may be cached */
                    "Cache-Control": string;
                    /** @description The current document's tag */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `If-None-Match` is not `*` or a list of entity-tags */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Only orders in this status */
                status?: "pending" | "confirmed" | "shipped" | "delivered" | "cancelled";
                /** @description Page size, 1 to 100 */
                limit?: number;
                /** @description The `nextCursor` of the previous page, with the same filters */
                cursor?: string;
                /** @description Admins: list this customer's orders (without it an admin lists every customer's). Customers may only name themselves (anyone else: 403). */
                customerId?: string;
            };
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderList"];
                };
            };
            /** @description A query parameter is invalid, unknown or repeated, or the cursor was not issued for this listing. */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description A customer named another customer in `customerId` (only admins may).
             *
             *     The gateway itself answers 403 when the authorizer denies the token.
             */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description Your key for this order request (1 to 128 of `A-Za-z0-9_-`), scoped to you and kept 24 h: resending the same key and body returns the same order; another body with the same key is 422. */
                "Idempotency-Key": string;
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequest"];
            };
        };
        responses: {
            /** @description The order, `pending` (also the answer to a replay of the same key and body) */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The order's URL path, `/api/v1/orders/{id}` */
                    Location: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /**
             * @description The body or the `Idempotency-Key` header is missing or invalid; `errors` lists every invalid field.
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A request with this `Idempotency-Key` is still in progress, or another request was changing the same items at that moment. Retry after `Retry-After` seconds to get its result. */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description An unknown sku (`errors` names it), items priced in different currencies, or an `Idempotency-Key` already used with a different body. */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy you hold: if it is still current, the answer is 304 without a body */
                "If-None-Match"?: string;
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description The order id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The order's entity tag: changes whenever anything in the order does */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current `ETag` */
            304: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The order's current entity tag */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The order id or `If-None-Match` is malformed.
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such order, or not one of yours (someone else's order is 404, never 403). */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description The order id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order, now `cancelled`; the compensation completes asynchronously */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /**
             * @description The order id is malformed.
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such order, or not one of yours (someone else's order is 404, never 403). */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The order is no longer `pending` or `confirmed` (or changed concurrently: with `Retry-After`, send it again). */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Only when another request was changing the order: seconds to wait before sending it again */
                    "Retry-After"?: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    updateOrderStatus: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description The order id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrderStatusRequest"];
            };
        };
        responses: {
            /** @description The order in its new status */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /**
             * @description The id or the body is invalid; `errors` lists every invalid field.
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description The caller is not an admin.
             *
             *     The gateway itself answers 403 when the authorizer denies the token.
             */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such order. */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The move is not allowed from the order's current status (or it changed concurrently: with `Retry-After`, send it again). */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Only when another request was changing the order: seconds to wait before sending it again */
                    "Retry-After"?: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 20) */
                limit?: number;
                /** @description `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            /** @description Invalid `limit` or `cursor` (the problem lists every invalid field) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy you hold: if it is still current, the answer is 304 without a body */
                "If-None-Match"?: string;
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description Not modified: `If-None-Match` names the current `ETag` */
            304: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Invalid sku or `If-None-Match` (the problem lists every invalid field)
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No product has this sku */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    putProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Replace: the `ETag` of the product as you read it (`*`: whatever is there) */
                "If-Match"?: string;
                /** @description Create: `*`, only if no product has this sku yet */
                "If-None-Match"?: "*";
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductInput"];
            };
        };
        responses: {
            /** @description The product existed and was replaced */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description The product was created */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /**
             * @description Invalid sku, body or precondition header (the problem lists every invalid field)
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description The token lacks the `admin` group
             *
             *     The gateway itself answers 403 when the authorizer denies the token.
             */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another request (an order reserving stock) was changing the product at the same moment; nothing changed. Send it again after `Retry-After` seconds */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Seconds to wait before sending it again */
                    "Retry-After": string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The precondition does not hold: `If-Match` names a version that is no longer current (or the product does not exist), or `If-None-Match: *` and the product exists. Nothing changed. */
            412: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description Neither `If-Match` nor `If-None-Match: *` was sent */
            428: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    adjustStock: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description Stock keeping unit: 1 to 64 of `A-Za-z0-9_-`, case-sensitive */
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockAdjustment"];
            };
        };
        responses: {
            /** @description The product with its new stock */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description The product's entity tag: changes whenever the product does (stock included); send it as `If-Match` to replace the product */
                    ETag: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /**
             * @description Invalid sku or body (the problem lists every invalid field)
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description The token lacks the `admin` group
             *
             *     The gateway itself answers 403 when the authorizer denies the token.
             */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No product has this sku */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The change would take stock below 0 (or above the maximum), or, with `Retry-After`, another request (an order reserving stock) was changing the product at the same moment; nothing changed */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Only when another request was changing the product: seconds to wait before sending it again */
                    "Retry-After"?: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description Payment id (opaque) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /**
             * @description Invalid payment id
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such payment, or not yours */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    refundPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description Payment id (opaque) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The refund is done (or under way) */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /**
             * @description Invalid payment id
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description The token lacks the `admin` group
             *
             *     The gateway itself answers 403 when the authorizer denies the token.
             */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such payment */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing to refund: the payment is pending, authorized, declined or voided (or the provider refused the refund); or, with `Retry-After`, another request was changing the payment at the same moment */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Only when another request was changing the payment: seconds to wait before sending it again */
                    "Retry-After"?: string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            /** @description The payment provider is unavailable; nothing was refunded */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            504: components["responses"]["GatewayTimeout"];
        };
    };
    receivePaymentWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>` (more `v1` while a secret rotates; other schemes ignored); refused (401) when missing, malformed, longer than 1024 characters, more than 300 s from our clock, or not matching */
                "Stripe-Signature"?: string;
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentWebhookEvent"];
            };
        };
        responses: {
            /** @description The event was accepted (acted on, or already seen, or of a type not acted on) */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Correctly signed, but the body is not a valid event */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The signature is missing, malformed, more than 5 minutes from our clock, or does not match the body (whatever the body is) */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            /** @description The payment was changing; deliver the event again */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listOrderNotifications: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your correlation id (1 to 128 of `A-Za-z0-9._:-`); it is echoed back and appears in every log line and event of the request. */
                "X-Correlation-Id"?: components["parameters"]["X-Correlation-Id"];
            };
            path: {
                /** @description The order id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order's notifications */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            /**
             * @description The order id is malformed.
             *
             *     The gateway itself answers 400 (without `errors`) when the body does not match the schema or a required parameter or header is missing.
             */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such order, or not one of yours (someone else's order is 404, never 403). */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["X-Correlation-Id"];
                    "Access-Control-Allow-Origin": components["headers"]["Access-Control-Allow-Origin"];
                    "Access-Control-Allow-Credentials": components["headers"]["Access-Control-Allow-Credentials"];
                    "Access-Control-Expose-Headers": components["headers"]["Access-Control-Expose-Headers"];
                    Vary: components["headers"]["Vary"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
}
