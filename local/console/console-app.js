// The console page's script (served by the local runtime at /_local/console/console-app.js): plain
// browser JavaScript, no library, no network beyond this runtime, so it works offline. Everything it
// shows comes from the /_local/* JSON endpoints; the page polls them, so it follows orders live.
'use strict';

const POLL_MS = 1000;
const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
function h(tag, attributes, ...children) {
  const element = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) if (value !== undefined && value !== false) element.setAttribute(name, String(value));
  for (const child of children.flat()) if (child !== undefined && child !== null) element.append(child instanceof Node ? child : String(child));
  return element;
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

const money = (amount, currency) => `${(amount / 100).toFixed(2)} ${currency}`;
const time = (iso) => (iso ? new Date(iso).toISOString().slice(11, 23) : '');
const selectedOrderId = () => new URLSearchParams(location.hash.slice(1)).get('order');

// ----- The orders -----

let ordersShown = '';
async function refreshOrders() {
  const orders = (await getJson('/_local/orders')) ?? [];
  const shown = JSON.stringify([orders, selectedOrderId()]);
  if (shown === ordersShown) return;
  ordersShown = shown;
  const nav = document.getElementById('orders');
  if (!orders.length) {
    nav.replaceChildren(h('p', { class: 'empty', style: 'padding:0 .8rem' }, 'No orders yet.'));
    return;
  }
  nav.replaceChildren(
    h(
      'ol',
      {},
      orders.map((order) =>
        h(
          'li',
          { 'data-order-id': order.id },
          h(
            'a',
            { href: `#order=${order.id}`, 'aria-current': order.id === selectedOrderId() ? 'true' : undefined },
            h('span', { class: 'id' }, order.id),
            h('span', { class: `status ${order.status}` }, order.status),
            h('span', { class: 'meta' }, `${order.customerId} · ${money(order.totalAmount, order.currency)} · ${order.createdAt}`),
          ),
        ),
      ),
    ),
  );
}

// ----- A state machine's graph -----

/** The transitions of a definition: Next, Default, each Choice's Next, each Catch's Next. */
function transitionsOf(definition) {
  const edges = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Next) edges.push({ from: name, to: state.Next, kind: 'next' });
    if (state.Default) edges.push({ from: name, to: state.Default, kind: 'next' });
    for (const choice of state.Choices ?? []) edges.push({ from: name, to: choice.Next, kind: 'next' });
    for (const handler of state.Catch ?? []) edges.push({ from: name, to: handler.Next, kind: 'catch', label: handler.ErrorEquals.join(', ') });
  }
  return edges;
}

/** Layers from StartAt (breadth first), each layer a row: a state sits one row below the first state that reaches it. */
function layout(definition, edges) {
  const layer = new Map([[definition.StartAt, 0]]);
  const queue = [definition.StartAt];
  while (queue.length) {
    const name = queue.shift();
    for (const edge of edges) {
      if (edge.from === name && !layer.has(edge.to)) {
        layer.set(edge.to, layer.get(name) + 1);
        queue.push(edge.to);
      }
    }
  }
  const deepest = Math.max(...layer.values());
  for (const name of Object.keys(definition.States)) if (!layer.has(name)) layer.set(name, deepest + 1);
  const rows = [];
  for (const [name, row] of layer) {
    rows[row] ??= [];
    rows[row].push(name);
  }
  const box = { width: 210, height: 46, gapX: 50, gapY: 56 };
  const widest = Math.max(...rows.map((row) => row?.length ?? 0));
  const width = widest * (box.width + box.gapX) + 160;
  const positions = new Map();
  rows.forEach((row, index) => {
    const rowWidth = row.length * box.width + (row.length - 1) * box.gapX;
    row.forEach((name, column) => {
      positions.set(name, { x: (width - 160 - rowWidth) / 2 + 20 + column * (box.width + box.gapX), y: 16 + index * (box.height + box.gapY) });
    });
  });
  return { positions, box, width, height: rows.length * (box.height + box.gapY) + 10 };
}

/**
 * What an execution's history says of each state: entered (in order), how many attempts its task took
 * (retries are the attempts after the first), whether an attempt failed, and where it stands now.
 */
function progressOf(execution) {
  const entered = [];
  const attempts = new Map();
  const failed = new Set();
  let current;
  for (const event of execution.history) {
    if (event.type.endsWith('StateEntered')) {
      current = event.stateEnteredEventDetails?.name;
      entered.push(current);
    } else if (event.type.endsWith('StateExited')) {
      current = undefined;
    } else if (current && (event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled')) {
      attempts.set(current, (attempts.get(current) ?? 0) + 1);
    } else if (current && /^(Task|LambdaFunction)(Failed|TimedOut)$/.test(event.type)) {
      failed.add(current);
    }
  }
  const taken = new Set(entered.slice(1).map((name, i) => `${entered[i]}→${name}`));
  return { entered: new Set(entered), attempts, failed, taken, current: execution.status === 'RUNNING' ? current : undefined };
}

function edgePath(from, to, box) {
  const start = { x: from.x + box.width / 2, y: from.y + box.height };
  const end = { x: to.x + box.width / 2, y: to.y };
  if (to.y > from.y) {
    const bend = (end.y - start.y) / 2;
    return `M${start.x},${start.y} C${start.x},${start.y + bend} ${end.x},${end.y - bend} ${end.x},${end.y}`;
  }
  if (to.y === from.y) {
    // Beside it on the same row: side to side.
    const leftToRight = to.x > from.x;
    const y = from.y + box.height / 2;
    return `M${leftToRight ? from.x + box.width : from.x},${y} L${leftToRight ? to.x : to.x + box.width},${y}`;
  }
  // Back to a state above (a retry loop, a wait): around the right-hand side.
  const right = Math.max(from.x, to.x) + box.width;
  const a = { x: from.x + box.width, y: from.y + box.height / 2 };
  const b = { x: to.x + box.width, y: to.y + box.height / 2 };
  return `M${a.x},${a.y} C${right + 70},${a.y} ${right + 70},${b.y} ${b.x + 6},${b.y}`;
}

function stateGraph(definition, execution) {
  const edges = transitionsOf(definition);
  const { positions, box, width, height } = layout(definition, edges);
  const progress = progressOf(execution);
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `${execution.stateMachine} graph` });
  svg.append(
    h(
      'svg:defs',
      {},
      h(
        'svg:marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        h('svg:path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9aa5b1' }),
      ),
      h(
        'svg:marker',
        { id: 'arrow-taken', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
        h('svg:path', { d: 'M0,0 L10,5 L0,10 z', fill: '#2563eb' }),
      ),
    ),
  );
  for (const edge of edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) continue;
    const taken = progress.taken.has(`${edge.from}→${edge.to}`);
    const path = h('svg:path', {
      class: `edge ${edge.kind}${taken ? ' taken' : ''}`,
      d: edgePath(from, to, box),
      'marker-end': taken ? 'url(#arrow-taken)' : 'url(#arrow)',
      'data-from': edge.from,
      'data-to': edge.to,
      'data-taken': String(taken),
    });
    path.append(h('svg:title', {}, edge.label ? `${edge.from} → ${edge.to} on ${edge.label}` : `${edge.from} → ${edge.to}`));
    svg.append(path);
  }
  for (const [name, state] of Object.entries(definition.States)) {
    const at = positions.get(name);
    const attempts = progress.attempts.get(name) ?? 0;
    const classes = ['node', progress.entered.has(name) && 'entered', progress.failed.has(name) && 'failed', progress.current === name && 'current'].filter(
      Boolean,
    );
    const node = h(
      'svg:g',
      {
        class: classes.join(' '),
        transform: `translate(${at.x},${at.y})`,
        'data-state': name,
        'data-entered': String(progress.entered.has(name)),
        'data-retries': String(Math.max(0, attempts - 1)),
        'data-current': String(progress.current === name),
      },
      h('svg:rect', { width: box.width, height: box.height, rx: 8 }),
      h('svg:text', { x: 10, y: 19 }, name),
      h('svg:text', { x: 10, y: 36, class: 'kind' }, state.Type + (state.Retry ? ' · retries' : '')),
    );
    if (attempts > 1)
      node.append(
        h('svg:text', { x: box.width - 8, y: 36, 'text-anchor': 'end', class: 'retries' }, `${attempts - 1} ${attempts === 2 ? 'retry' : 'retries'}`),
      );
    if (progress.current === name) node.append(h('svg:text', { x: box.width - 8, y: 19, 'text-anchor': 'end', class: 'kind' }, 'waiting here'));
    svg.append(node);
  }
  return svg;
}

// ----- One order -----

function section(title, id, ...content) {
  return [h('h2', { id }, title), ...content.flat()];
}

function payload(value) {
  return h('pre', {}, JSON.stringify(value, null, 2));
}

/** Consecutive identical requests (a client polling an order) as one row with a count. */
function groupRepeats(requests) {
  const rows = [];
  for (const request of requests) {
    const last = rows.at(-1);
    if (last && last.method === request.method && last.path === request.path && last.status === request.status) last.count += 1;
    else rows.push({ ...request, count: 1 });
  }
  return rows;
}

function requestsTable(requests) {
  if (!requests.length) return h('p', { class: 'empty' }, 'No API request seen for this order since the runtime started.');
  return h(
    'table',
    { 'data-section': 'requests' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['time', 'request', 'status', 'ms', 'correlation id'].map((name) => h('th', {}, name)),
      ),
    ),
    h(
      'tbody',
      {},
      groupRepeats(requests).map((request) =>
        h(
          'tr',
          { 'data-count': request.count },
          h('td', {}, time(request.at)),
          h('td', {}, h('code', {}, `${request.method} ${request.path}`), request.count > 1 ? ` ×${request.count}` : ''),
          h('td', {}, String(request.status)),
          h('td', {}, String(Math.round(request.durationMs))),
          h('td', {}, h('code', {}, request.correlationId ?? '')),
        ),
      ),
    ),
  );
}

function executionsView(executions, machines) {
  if (!executions.length)
    return h('p', { class: 'empty' }, 'No saga execution (yet): the saga starts from the table stream a moment after the order is placed.');
  return executions.map((execution) => {
    const machine = machines.find((candidate) => candidate.id === execution.stateMachine || candidate.arn === execution.stateMachineArn);
    return h(
      'div',
      { class: 'execution', 'data-execution': execution.stateMachine },
      h(
        'h3',
        {},
        `${execution.stateMachine} `,
        h('span', { class: `status ${execution.status}` }, execution.status),
        ` · started ${time(execution.startDate)}`,
        execution.error ? ` · ${execution.error}` : '',
      ),
      machine ? stateGraph(machine.definition, execution) : h('p', { class: 'empty' }, 'Unknown state machine.'),
      h('details', { 'data-key': execution.executionArn }, h('summary', {}, `history (${execution.history.length} events)`), payload(execution.history)),
    );
  });
}

function eventsList(events) {
  if (!events.length) return h('p', { class: 'empty' }, 'No event on the bus for this order yet.');
  return h(
    'ol',
    { 'data-section': 'events' },
    events.map((event) =>
      h(
        'li',
        { 'data-detail-type': event['detail-type'] },
        h(
          'details',
          { 'data-key': event.id },
          h('summary', {}, `${time(event.time)} `, h('code', {}, event['detail-type']), ` from ${event.source}`),
          payload(event.detail),
        ),
      ),
    ),
  );
}

function notificationsView(items, mail) {
  const records = items.filter((item) => String(item.pk).startsWith('ORDER_NOTIFICATIONS#'));
  if (!records.length) return h('p', { class: 'empty' }, 'No notification for this order.');
  return h(
    'table',
    { 'data-section': 'notifications' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['channel', 'event', 'status', 'message'].map((name) => h('th', {}, name)),
      ),
    ),
    h(
      'tbody',
      {},
      records.map((record) => {
        const sent = mail.find((message) => message.messageId === record.messageId);
        return h(
          'tr',
          {},
          h('td', {}, String(record.channel ?? '')),
          h('td', {}, String(record.detailType ?? record.template ?? record.sk ?? '')),
          h('td', {}, String(record.status ?? '')),
          h(
            'td',
            {},
            sent ? h('a', { href: `/_local/mail/${encodeURIComponent(sent.messageId)}`, target: '_blank' }, sent.subject) : String(record.messageId ?? ''),
          ),
        );
      }),
    ),
  );
}

function itemsView(items) {
  if (!items.length) return h('p', { class: 'empty' }, 'No item in the table for this order.');
  return h(
    'ul',
    { 'data-section': 'items' },
    items.map((item) =>
      h(
        'li',
        { 'data-pk': item.pk, 'data-sk': item.sk },
        h(
          'details',
          { 'data-key': `${item.pk}|${item.sk}` },
          h('summary', {}, h('code', {}, `${item.pk} · ${item.sk}`), item.entity ? ` (${item.entity})` : ''),
          payload(item),
        ),
      ),
    ),
  );
}

let machines;
let orderShown = '';
async function refreshOrder() {
  const orderId = selectedOrderId();
  const main = document.getElementById('order');
  if (!orderId) return;
  machines ??= (await getJson('/_local/state-machines')) ?? [];
  const [items, requests, executions, allEvents, mail] = await Promise.all([
    getJson(`/_local/orders/${encodeURIComponent(orderId)}/items`),
    getJson(`/_local/orders/${encodeURIComponent(orderId)}/requests`),
    getJson(`/_local/executions/${encodeURIComponent(orderId)}`),
    getJson('/_local/events'),
    getJson('/_local/mail'),
  ]);
  const events = (allEvents ?? []).filter((event) => event.detail?.data?.orderId === orderId);
  const data = { items: items ?? [], requests: requests ?? [], executions: executions ?? [], events, mail: mail ?? [] };
  const shown = JSON.stringify([orderId, data]);
  if (shown === orderShown) return;
  orderShown = shown;
  // Keep what the reader opened open across refreshes.
  const open = new Set([...main.querySelectorAll('details[open]')].map((element) => element.dataset.key));
  const order = data.items.find((item) => item.entity === 'order');
  main.replaceChildren(
    ...section(
      `Order ${orderId}`,
      'summary',
      order
        ? h(
            'p',
            { 'data-order-status': order.status },
            h('span', { class: `status ${order.status}` }, order.status),
            ` · ${order.customerId} · ${money(order.totalAmount, order.currency)} · placed ${order.createdAt}`,
            order.cancellationReason ? ` · ${order.cancellationReason}` : '',
          )
        : h('p', { class: 'empty' }, 'This order is not in the table.'),
    ),
    ...section(
      'Saga',
      'saga',
      h('p', { class: 'legend' }, 'Blue: the states entered and the path taken; amber: where it waits; red count: a task’s retries; dashed: a Catch.'),
      executionsView(data.executions, machines),
    ),
    ...section('Events on the bus', 'events', eventsList(data.events)),
    ...section('API requests', 'requests', requestsTable(data.requests)),
    ...section('Notifications', 'notifications', notificationsView(data.items, data.mail)),
    ...section('DynamoDB items', 'items', itemsView(data.items)),
  );
  for (const details of main.querySelectorAll('details[data-key]')) if (open.has(details.dataset.key)) details.open = true;
}

async function refresh() {
  try {
    await Promise.all([refreshOrders(), refreshOrder()]);
    document.body.dataset.refreshed = String(Date.now());
  } catch (error) {
    console.error(error);
  } finally {
    setTimeout(refresh, POLL_MS);
  }
}

window.addEventListener('hashchange', () => {
  orderShown = '';
  ordersShown = '';
  refreshOrder();
  refreshOrders();
});
refresh();
