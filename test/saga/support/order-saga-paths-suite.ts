import type { SagaWorkflowType } from '#contracts/state-machines';
import { SagaHarness } from './saga-harness';

/**
 * Every path of the order saga (statemachines/order-saga.asl.json, and the Standard machines it hands
 * over to), run by the local Step Functions interpreter with the real step handlers against DynamoDB
 * Local, with the order saga as a Standard and as an Express workflow. Each test ends by checking that
 * stock is conserved: what is on the shelf plus what reservations hold equals what there was.
 *
 * One workflow type per test file: the handlers create their AWS clients when first imported, against
 * the endpoints of the harness of that moment, so each harness needs a module registry of its own.
 */

export function describeOrderSagaPaths(workflowType: SagaWorkflowType): void {
  describe(`the order saga as a ${workflowType} workflow`, () => {
    let saga: SagaHarness;
    let orderNumber = 0;

    beforeAll(async () => {
      saga = await SagaHarness.start(`paths-${workflowType}`, { workflowType });
    });
    afterAll(async () => saga?.stop());
    beforeEach(() => saga.functions.reset());

    /** A fresh sku with `stock` units and an order of `quantity` of it paid with `token`. */
    async function givenOrder(token: string, { stock = 10, quantity = 2 } = {}) {
      const number = ++orderNumber;
      const sku = `SKU-${workflowType}-P${number}`;
      await saga.putProduct(sku, stock);
      const placed = await saga.placeOrder(`order-${workflowType}-p${number}`, [{ sku, quantity }], token);
      return { ...placed, sku, stock, quantity };
    }

    async function expectConserved(order: { orderId: string; sku: string; stock: number }) {
      expect(await saga.accountedStock(order.sku, [order.orderId])).toBe(order.stock);
    }

    describe('happy path', () => {
      it('reserves, then takes the payment and confirms, in two states', async () => {
        const order = await givenOrder('tok_visa');

        const run = await saga.runSaga(order.orderId);

        expect(run.execution).toMatchObject({ status: 'SUCCEEDED', type: workflowType.toUpperCase() });
        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment']);
        expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
        expect(await saga.order(order.orderId)).toMatchObject({
          status: 'confirmed',
          gsi2pk: 'ORDER_STATUS#confirmed',
          payment: { id: order.paymentId, status: 'captured' },
          version: 2,
          correlationId: `corr-${order.orderId}`,
        });
        // One write of the payment's status: authorized and captured together.
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'captured', version: 2, correlationId: `corr-${order.orderId}` });
        expect(await saga.reservation(order.orderId)).toMatchObject({
          entity: 'reservation',
          orderId: order.orderId,
          items: [{ sku: order.sku, quantity: 2 }],
          status: 'reserved',
          correlationId: `corr-${order.orderId}`,
          version: 1,
        });
        expect(await saga.stock(order.sku)).toBe(8);
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        expect(await saga.domainEventsOf(order.orderId)).toEqual([
          'order.placed',
          'inventory.reserved',
          'payment.authorized',
          'payment.captured',
          'order.confirmed',
        ]);
        await expectConserved(order);
      });
    });

    describe('business failures are compensated, not retried', () => {
      it('out of stock: nothing reserved (the reservation closed for good), the order cancelled with out_of_stock, the payment voided without a provider call', async () => {
        const order = await givenOrder('tok_visa', { stock: 1, quantity: 2 });

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.status).toBe('SUCCEEDED');
        expect(run.statesEntered).toEqual(['ReserveStock', 'Compensate']);
        expect(run.attempts.ReserveStock).toBe(1);
        expect(run.execution.output).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'out_of_stock',
          stock: 'nothing-reserved',
          paymentStatus: 'voided',
        });
        expect(await saga.order(order.orderId)).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'out_of_stock',
          gsi2pk: 'ORDER_STATUS#cancelled',
          payment: { status: 'voided' },
        });
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', items: [] });
        expect(await saga.stock(order.sku)).toBe(1);
        expect(saga.simulator.calls({ paymentId: order.paymentId })).toHaveLength(0);
        await expectConserved(order);
      });

      it('takes all lines of an order or none: one short line leaves every other stock untouched', async () => {
        orderNumber += 1;
        const [plenty, short] = [`SKU-${workflowType}-A${orderNumber}`, `SKU-${workflowType}-B${orderNumber}`];
        await saga.putProduct(plenty, 10);
        await saga.putProduct(short, 1);
        const { orderId } = await saga.placeOrder(
          `order-${workflowType}-p${orderNumber}`,
          [
            { sku: plenty, quantity: 3 },
            { sku: short, quantity: 2 },
          ],
          'tok_visa',
        );

        const run = await saga.runSaga(orderId);

        expect(run.execution.output).toMatchObject({ cancellationReason: 'out_of_stock' });
        expect(await saga.accountedStock(plenty, [orderId])).toBe(10);
        expect(await saga.accountedStock(short, [orderId])).toBe(1);
        expect(await saga.reservation(orderId)).toMatchObject({ status: 'released', items: [] });
      });

      it.each([
        ['tok_declined', 'card_declined'],
        ['tok_insufficient_funds', 'insufficient_funds'],
      ])('%s: declined once, stock released, order cancelled with payment_declined', async (token, reason) => {
        const order = await givenOrder(token);

        const run = await saga.runSaga(order.orderId);

        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
        expect(run.attempts.TakePayment).toBe(1);
        expect(run.execution.output).toMatchObject({ cancellationReason: 'payment_declined', stock: 'released', paymentStatus: 'declined' });
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined', payment: { status: 'declined' } });
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'declined', declineReason: reason });
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', version: 2 });
        expect(await saga.stock(order.sku)).toBe(order.stock);
        expect(saga.simulator.calls({ operation: 'authorize', paymentId: order.paymentId })).toHaveLength(1);
        await expectConserved(order);
      });
    });

    describe('transient failures are retried', () => {
      it('tok_flaky: two transient provider failures retried with backoff, then confirmed', async () => {
        const order = await givenOrder('tok_flaky');

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.status).toBe('SUCCEEDED');
        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment']);
        expect(run.attempts.TakePayment).toBe(3);
        const failures = run.execution.history.filter((event) => event.type === 'TaskFailed');
        expect(failures.map((event) => (event as { taskFailedEventDetails?: { error?: string } }).taskFailedEventDetails?.error)).toEqual([
          'PaymentProviderUnavailable',
          'PaymentProviderUnavailable',
        ]);
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'confirmed' });
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        await expectConserved(order);
      });

      it('tok_unavailable: retries exhausted, then stock released, payment voided, order cancelled with payment_unavailable', async () => {
        const order = await givenOrder('tok_unavailable');

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.status).toBe('SUCCEEDED');
        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
        expect(run.attempts.TakePayment).toBe(4);
        expect(run.execution.output).toMatchObject({ cancellationReason: 'payment_unavailable', stock: 'released', paymentStatus: 'voided' });
        expect(await saga.order(order.orderId)).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'payment_unavailable',
          payment: { status: 'voided' },
        });
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'voided' });
        // The provider never even created the payment (no id on it): nothing to ask, nothing to void.
        expect(await saga.payment(order.paymentId)).not.toHaveProperty('providerPaymentId');
        expect(saga.simulator.calls({ operation: 'void', paymentId: order.paymentId })).toHaveLength(0);
        expect(await saga.stock(order.sku)).toBe(order.stock);
        await expectConserved(order);
      });

      it.each(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.Unknown', 'Sandbox.Timedout'])(
        'a step failing with %s is retried and the saga still confirms',
        async (errorType) => {
          const order = await givenOrder('tok_visa');
          saga.functions.fail('reserveStock', errorType, 2);
          saga.functions.fail('takePayment', errorType, 1);

          const run = await saga.runSaga(order.orderId);

          expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
          expect(run.attempts).toMatchObject({ ReserveStock: 3, TakePayment: 2 });
          await expectConserved(order);
        },
      );

      it('a compensation step failing transiently is retried and then compensates once', async () => {
        const order = await givenOrder('tok_declined');
        saga.functions.fail('compensateOrder', 'StoreBusy', 2);

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.status).toBe('SUCCEEDED');
        expect(run.attempts.Compensate).toBe(3);
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined' });
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', version: 2 });
        expect(await saga.stock(order.sku)).toBe(order.stock);
        await expectConserved(order);
      });

      it('a cancel that lands between the capture and the confirm is refunded, and a compensation whose answer was lost does nothing twice', async () => {
        const order = await givenOrder('tok_visa');
        // The customer's cancel commits right after the capture: the confirm finds the order cancelled.
        cancelRightAfterTheCapture(order.orderId);
        saga.functions.fail('compensateOrder', 'Lambda.ServiceException', 1, true);

        const run = await saga.runSaga(order.orderId);

        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'Compensate']);
        expect(run.attempts.Compensate).toBe(2);
        expect(run.execution.output).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'customer_cancelled',
          stock: 'released',
          paymentStatus: 'refunded',
        });
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('refund', order.paymentId)).toBe(1);
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', version: 2 });
        expect(await saga.stock(order.sku)).toBe(order.stock);
        await expectConserved(order);
      });
    });

    /** The next capture of the in-sandbox provider is followed at once by a customer's cancel of the order. */
    function cancelRightAfterTheCapture(orderId: string): void {
      const simulator = saga.simulator as unknown as { capture: (call: unknown) => Promise<unknown> };
      const capture = simulator.capture.bind(simulator);
      simulator.capture = async (call) => {
        simulator.capture = capture;
        const answer = await capture(call);
        const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
        await saga.documentClient.send(
          new UpdateCommand({
            TableName: saga.tableName,
            Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' },
            UpdateExpression: 'SET #s = :c, cancellationReason = :r ADD version :one',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':c': 'cancelled', ':r': 'customer_cancelled', ':one': 1 },
          }),
        );
        return answer;
      };
    }

    /** The payment as the saga leaves it once the provider created and authorized it (`sim_<id>`: the simulator's id). */
    async function authorizedByHand(paymentId: string): Promise<void> {
      const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
      await saga.documentClient.send(
        new UpdateCommand({
          TableName: saga.tableName,
          Key: { pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' },
          UpdateExpression: 'SET #s = :a, providerPaymentId = :id',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':a': 'authorized', ':id': `sim_${paymentId}` },
        }),
      );
    }

    describe('compensation while the provider is down', () => {
      it("cancels the order at once, in the settlement sweeper's queue, and hands the transient error back, so only the payment is retried", async () => {
        const order = await givenOrder('tok_unavailable');
        // The provider authorized this payment, then went down: asking it (and so the void) keeps failing.
        await authorizedByHand(order.paymentId);
        const compensate = ((await import('#saga/handlers/compensate-order')) as unknown as { handler: (event: unknown, context: unknown) => Promise<unknown> })
          .handler;
        const { lambdaContext } = await import('../../support/api-gateway-event');
        const input = { orderId: order.orderId, correlationId: `corr-${order.orderId}`, failure: { Error: 'PaymentProviderUnavailable' } };

        await expect(compensate(input, lambdaContext())).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
        await expect(compensate(input, lambdaContext())).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });

        expect(await saga.order(order.orderId)).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'payment_unavailable',
          payment: { status: 'pending' },
          version: 2,
          gsi3pk: 'ORDER_SETTLEMENT_DUE',
        });
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'authorized' });
        // Never a blind void: the provider could not even be asked what it holds.
        expect(saga.simulator.calls({ operation: 'void', paymentId: order.paymentId })).toHaveLength(0);
        await expectConserved(order);
      });

      it("an outage longer than the saga's retries is handed over to the cancellation machine, which waits, compensates again, and voids once the provider is back", async () => {
        const order = await givenOrder('tok_visa');
        // The provider authorized this payment, then went down (its circuit open) for longer than every retry.
        await authorizedByHand(order.paymentId);
        saga.functions.fail('takePayment', 'PaymentProviderUnavailable', 4);
        // The saga's Compensate gives up after 1 + 3 attempts; the cancellation machine's after 1 + 8, waits, and tries again.
        saga.functions.fail('compensateOrder', 'PaymentProviderUnavailable', 14);

        const run = await saga.runSaga(order.orderId);

        expect(run.executions.map((execution) => [execution.stateMachine, execution.status])).toEqual([
          ['orderSaga', 'SUCCEEDED'],
          ['orderCancellation', 'SUCCEEDED'],
        ]);
        expect(run.statesEntered).toEqual([
          'ReserveStock',
          'TakePayment',
          'Compensate',
          'SettleInCancellationMachine',
          'CompensateCancelledOrder',
          'AwaitProviderToSettlePayment',
          'CompensateCancelledOrder',
        ]);
        expect(run.attempts).toMatchObject({ Compensate: 4, CompensateCancelledOrder: 11 });
        expect(run.execution.output).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'payment_unavailable',
          stock: 'released',
          paymentStatus: 'voided',
        });
        expect(await saga.order(order.orderId)).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'payment_unavailable',
          payment: { status: 'voided' },
        });
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'voided' });
        expect(saga.simulator.effects('void', order.paymentId)).toBe(1);
        await expectConserved(order);
      });
    });

    describe('asynchronous payments (tok_async): handed over to the Standard payment authorization machine', () => {
      const parkedToken = async (paymentId: string) => saga.eventually(async () => (await saga.payment(paymentId))?.sagaTaskToken as string | undefined);

      it('waits on a task token and is resumed by the webhook, then captures and confirms', async () => {
        const order = await givenOrder('tok_async');
        await saga.startSaga(order.orderId);
        await parkedToken(order.paymentId);
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'pending' });
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'pending' });

        const answer = await saga.deliverWebhook('payment.authorized', order.paymentId);
        expect(answer.statusCode).toBe(204);
        const run = await saga.finished(order.orderId);

        expect(run.executions.map((execution) => [execution.stateMachine, execution.type, execution.status])).toEqual([
          ['orderSaga', workflowType.toUpperCase(), 'SUCCEEDED'],
          ['orderPaymentAuthorization', 'STANDARD', 'SUCCEEDED'],
        ]);
        expect(run.executions[0]!.output).toEqual({ orderId: order.orderId, status: 'awaiting-payment', paymentId: order.paymentId });
        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'AwaitPaymentAuthorization', 'TakePayment']);
        expect(run.execution.history.map((event) => event.type)).toContain('TaskSubmitted');
        expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'confirmed', payment: { status: 'captured' } });
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        // A redelivered webhook finds the token answered already: nothing happens.
        expect((await saga.deliverWebhook('payment.authorized', order.paymentId)).statusCode).toBe(204);
        await expectConserved(order);
      });

      it('a webhook that arrives before the saga parks resumes it at once', async () => {
        const order = await givenOrder('tok_async');
        // Hold the wait state's function back until the webhook has been recorded.
        saga.functions.fail('awaitPaymentAuthorization', 'Lambda.ServiceException', 1);
        await saga.startSaga(order.orderId);
        await saga.eventually(async () => (await saga.payment(order.paymentId))?.awaitingProviderSince);
        expect((await saga.deliverWebhook('payment.authorized', order.paymentId)).statusCode).toBe(204);

        const run = await saga.finished(order.orderId);

        expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
        await expectConserved(order);
      });

      it('a declined asynchronous authorization is compensated with payment_declined', async () => {
        const order = await givenOrder('tok_async');
        await saga.startSaga(order.orderId);
        await parkedToken(order.paymentId);

        await saga.deliverWebhook('payment.failed', order.paymentId, { reason: 'card_declined' });
        const run = await saga.finished(order.orderId);

        expect(run.execution.output).toMatchObject({ cancellationReason: 'payment_declined', stock: 'released', paymentStatus: 'declined' });
        await expectConserved(order);
      });

      it('times out into compensation: the provider authorization voided, stock released, payment_unavailable', async () => {
        const order = await givenOrder('tok_async');

        // 10 s at the harness's timeout scale (0.01): 100 ms.
        const run = await saga.runSaga(order.orderId, { paymentTimeoutSeconds: 10 });

        expect(run.statesEntered).toEqual(['ReserveStock', 'TakePayment', 'AwaitPaymentAuthorization', 'Compensate']);
        expect(run.execution.history.map((event) => event.type)).toContain('TaskTimedOut');
        expect(run.execution.output).toMatchObject({ cancellationReason: 'payment_unavailable', stock: 'released', paymentStatus: 'voided' });
        expect(saga.simulator.effects('void', order.paymentId)).toBe(1);
        // The provider's late webhook changes nothing: the payment is voided.
        expect((await saga.deliverWebhook('payment.authorized', order.paymentId)).statusCode).toBe(204);
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'voided' });
        await expectConserved(order);
      });

      it('the default wait is the configured 15 minutes', async () => {
        const order = await givenOrder('tok_async');
        await saga.startSaga(order.orderId);
        await parkedToken(order.paymentId);
        const [execution] = saga.stepFunctions.executions({ name: order.orderId }).filter((run) => run.stateMachine === 'orderPaymentAuthorization');
        const scheduled = execution!.history.filter((event) => event.type === 'TaskScheduled').at(-1) as {
          taskScheduledEventDetails?: { timeoutInSeconds?: number };
        };
        expect(scheduled.taskScheduledEventDetails?.timeoutInSeconds).toBe(900);
        await saga.deliverWebhook('payment.authorized', order.paymentId);
        await saga.finished(order.orderId);
        await expectConserved(order);
      });
    });

    describe('every step is idempotent', () => {
      it('every task delivered twice: one reservation, one authorization, one capture, one confirmation', async () => {
        const order = await givenOrder('tok_visa');
        saga.functions.deliverTwice('reserveStock', 'takePayment');

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
        expect(saga.functions.callsTo('reserveStock')).toHaveLength(1);
        expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);
        expect(await saga.reservation(order.orderId)).toMatchObject({ version: 1 });
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'captured', version: 2 });
        expect(await saga.order(order.orderId)).toMatchObject({ status: 'confirmed', version: 2 });
        await expectConserved(order);
      });

      it('every compensation task delivered twice: stock released once, payment declined once', async () => {
        const order = await givenOrder('tok_declined');
        saga.functions.deliverTwice('reserveStock', 'takePayment', 'compensateOrder');

        const run = await saga.runSaga(order.orderId);

        expect(run.execution.output).toMatchObject({ cancellationReason: 'payment_declined', stock: 'released' });
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', version: 2 });
        expect(await saga.stock(order.sku)).toBe(order.stock);
        expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'declined', version: 2 });
        await expectConserved(order);
      });

      it('a step whose answer was lost after it did its work changes nothing on the retry', async () => {
        const order = await givenOrder('tok_visa');
        saga.functions.fail('reserveStock', 'Lambda.ServiceException', 1, true);
        saga.functions.fail('takePayment', 'Lambda.ServiceException', 1, true);

        const run = await saga.runSaga(order.orderId);

        expect(run.attempts).toMatchObject({ ReserveStock: 2, TakePayment: 2 });
        expect(run.execution.output).toEqual({ orderId: order.orderId, status: 'confirmed' });
        expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        expect(await saga.order(order.orderId)).toMatchObject({ version: 2 });
        await expectConserved(order);
      });
    });

    /**
     * An Express saga runs at least once when started asynchronously and is not deduplicated by name; a
     * Standard one is, but its steps must not rely on it (a start by the reconciler, a redrive). So the
     * same order's saga runs twice here, one run after the other and both at once, as two executions.
     */
    describe('the same order saga started twice: its effects happen once', () => {
      const twice = workflowType === 'express' ? (orderId: string) => [orderId, orderId] : (orderId: string) => [orderId, `${orderId}-again`];

      async function startedTwice(order: { orderId: string }, at: 'one after the other' | 'at once') {
        const [first, second] = twice(order.orderId);
        const start = (name: string) =>
          saga.stepFunctions.startExecution({
            stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:orderSaga`,
            name,
            input: JSON.stringify({ orderId: order.orderId, correlationId: `corr-${order.orderId}` }),
          });
        if (at === 'one after the other') {
          await start(first!);
          // The first run has ended (or handed the order over, to a machine that may be waiting still).
          await saga.eventually(() => settledOrWaiting(first!));
          await start(second!);
        } else {
          await Promise.all([start(first!), start(second!)]);
        }
        await saga.eventually(() => settledOrWaiting(first!) && settledOrWaiting(second!));
      }

      /** Every execution of that name has ended, but the payment authorization machine's, which may wait for the webhook. */
      const settledOrWaiting = (name: string) =>
        saga.stepFunctions.executions({ name }).every((execution) => execution.status !== 'RUNNING' || execution.stateMachine === 'orderPaymentAuthorization');

      it.each(['one after the other', 'at once'] as const)(
        'tok_visa, %s: one reservation, one authorization, one capture, one order.confirmed, stock conserved',
        async (at) => {
          const order = await givenOrder('tok_visa');

          await startedTwice(order, at);

          expect(await saga.order(order.orderId)).toMatchObject({ status: 'confirmed', version: 2 });
          expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'reserved', version: 1 });
          expect(await saga.payment(order.paymentId)).toMatchObject({ status: 'captured', version: 2 });
          expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
          expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
          expect(await saga.stock(order.sku)).toBe(order.stock - order.quantity);
          expect(await saga.domainEventsOf(order.orderId)).toEqual([
            'order.placed',
            'inventory.reserved',
            'payment.authorized',
            'payment.captured',
            'order.confirmed',
          ]);
          await expectConserved(order);
        },
      );

      it.each(['one after the other', 'at once'] as const)('tok_async, %s: one machine waits for the payment, and the order confirms once', async (at) => {
        const order = await givenOrder('tok_async');

        await startedTwice(order, at);
        await saga.eventually(async () => (await saga.payment(order.paymentId))?.sagaTaskToken);
        expect((await saga.deliverWebhook('payment.authorized', order.paymentId)).statusCode).toBe(204);
        await saga.eventually(async () => (await saga.order(order.orderId))?.status === 'confirmed');
        await saga.eventually(() => saga.stepFunctions.executions().every((execution) => execution.status !== 'RUNNING'));

        const waits = saga.stepFunctions.executions({ name: order.orderId }).filter((execution) => execution.stateMachine === 'orderPaymentAuthorization');
        expect(waits).toHaveLength(1);
        expect(saga.simulator.effects('authorize', order.paymentId)).toBe(1);
        expect(saga.simulator.effects('capture', order.paymentId)).toBe(1);
        expect(await saga.domainEventsOf(order.orderId)).toEqual([
          'order.placed',
          'inventory.reserved',
          'payment.authorized',
          'payment.captured',
          'order.confirmed',
        ]);
        await expectConserved(order);
      });

      it.each(['one after the other', 'at once'] as const)('out of stock, %s: nothing reserved, one cancellation, stock untouched', async (at) => {
        const order = await givenOrder('tok_visa', { stock: 1, quantity: 2 });

        await startedTwice(order, at);

        expect(await saga.order(order.orderId)).toMatchObject({ status: 'cancelled', cancellationReason: 'out_of_stock' });
        expect(await saga.reservation(order.orderId)).toMatchObject({ status: 'released', items: [] });
        expect(await saga.stock(order.sku)).toBe(1);
        expect(saga.simulator.calls({ paymentId: order.paymentId })).toHaveLength(0);
        expect(await saga.domainEventsOf(order.orderId)).toEqual(['order.placed', 'payment.voided', 'order.cancelled']);
        await expectConserved(order);
      });
    });
  });
}
