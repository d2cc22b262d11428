/** `createOrder` → `CreateOrder`: how an operation id becomes a component or model name (API Gateway allows alphanumerics only). */
export const pascalCase = (text: string): string =>
  text.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_match, _separator, first: string) => first.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
