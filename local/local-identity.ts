/** Account and region the local runtime pretends to be in; ARNs it mints use them. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';

export const localFunctionArn = (functionId: string): string => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionId}`;

export const localStateMachineArn = (stateMachineId: string): string => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stateMachine:${stateMachineId}`;

export const localEventBusArn = (busName: string): string => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${busName}`;
