/**
 * Event-pattern cases taken from the AWS documentation (EventBridge user guide: "Event patterns",
 * "Matching null values and empty strings", "Arrays in event patterns", "Content filtering" /
 * "Comparison operators", and aws/event-ruler's README, which documents the engine EventBridge runs).
 * Each case is named after the documented feature it exercises; the negative cases are the documented
 * rule read the other way ("anything-but does not match a missing field", "numeric only works with JSON
 * numbers", ...).
 */

export interface PatternCase {
  name: string;
  pattern: Record<string, unknown>;
  event: Record<string, unknown>;
  matches: boolean;
}

export interface InvalidPatternCase {
  name: string;
  pattern: unknown;
  /** A fragment of the expected error message. */
  reason: string;
}

type Json = Record<string, unknown>;

/** The EC2 state-change event of the content-filtering page and event-ruler's README. */
const ec2StateChange = (detail: Json = {}, envelope: Json = {}): Json => ({
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
    ...detail,
  },
  ...envelope,
});

/** The "instance-termination" event of the "Event patterns" page. */
const ec2Terminated: Json = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

/** The Auto Scaling event of "Matching null values and empty strings". */
const autoScalingLaunch: Json = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

/** The (truncated) Macie alert of "Value matching". */
const macieAlert: Json = {
  version: '0',
  id: '3e355723-fca9-4de3-9fd7-154c289d6b59',
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  account: '123456789012',
  time: '2017-04-24T22:28:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id', 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id'],
  detail: {
    'notification-type': 'ALERT_CREATED',
    name: 'Scanning bucket policies',
    tags: ['Custom_Alert', 'Insider'],
    'risk-score': 80,
    trigger: { 'rule-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id', 'alert-type': 'basic', risk: 8 },
  },
};

/** A custom event whose detail carries the fields the operator examples name. */
const custom = (detail: Json, envelope: Json = {}): Json => ({
  version: '0',
  id: '0d079340-135a-c8c6-95c2-41fb8f496c53',
  'detail-type': 'Example Event',
  source: 'com.example',
  account: '123456789012',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
  ...envelope,
});

/** A CloudWatch-style flat event for the `$or` examples (fields at the top level, as event-ruler shows). */
const metricEvent = (fields: Json): Json => ({ source: 'aws.cloudwatch', ...fields });

const resourcesPattern = {
  resources: [
    'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
    'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
    'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
  ],
};

const complexPattern = {
  time: [{ prefix: '2017-10-02' }],
  detail: {
    state: [{ 'anything-but': 'initializing' }],
    'c-count': [{ numeric: ['>', 0, '<=', 5] }],
    'd-count': [{ numeric: ['<', 10] }],
    'x-limit': [{ 'anything-but': [100, 200, 300] }],
    'source-ip': [{ cidr: '10.0.0.0/8' }],
  },
};

const cloudwatchOr = {
  source: ['aws.cloudwatch'],
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
};

const parallelOr = {
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  detail: {
    $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }],
  },
};

const orWithAndInside = {
  source: ['aws.cloudwatch'],
  $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }],
};

const nestedOrAndAnd = {
  source: ['aws.cloudwatch'],
  $or: [
    { metricName: ['CPUUtilization', 'ReadLatency'] },
    {
      metricType: ['MetricType'],
      namespace: ['AWS/EC2', 'AWS/ES'],
      $or: [{ metricId: [1234] }, { spaceId: [1000] }],
    },
    { scope: ['Service'] },
  ],
};

const detailOrNumeric = {
  detail: {
    $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }],
  },
};

export const documentedPatternCases: PatternCase[] = [
  // --- Event patterns: match values, envelope fields -------------------------------------------------
  {
    name: 'Event patterns: source, detail-type and detail.state all match (instance termination)',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
    event: ec2Terminated,
    matches: true,
  },
  {
    name: 'Event patterns: one field with a different value fails the whole pattern',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['running'] } },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Match values: a list of values matches any of them (aws.ec2 or aws.fargate)',
    pattern: { source: ['aws.ec2', 'aws.fargate'] },
    event: ec2Terminated,
    matches: true,
  },
  {
    name: 'Match values: a list of values does not match a value outside it',
    pattern: { source: ['aws.fargate', 'aws.ecs'] },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Event patterns: a field named in the pattern must exist in the event',
    pattern: { source: ['aws.ec2'], detail: { 'availability-zone': ['us-west-1a'] } },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Event patterns: strings match exactly, without case folding',
    pattern: { source: ['AWS.EC2'] },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Event patterns: the same field names must appear with the same nesting',
    pattern: { state: ['terminated'] },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Envelope fields: account and region',
    pattern: { account: ['111122223333'], region: ['us-west-1'] },
    event: ec2Terminated,
    matches: true,
  },
  {
    name: 'Envelope fields: a different region does not match',
    pattern: { account: ['111122223333'], region: ['us-east-1'] },
    event: ec2Terminated,
    matches: false,
  },
  {
    name: 'Envelope fields: id and version are matchable too',
    pattern: { version: ['0'], id: ['6a7e8feb-b491-4cf7-a9f1-bf3703467718'] },
    event: ec2Terminated,
    matches: true,
  },
  {
    name: 'Field matching: responseElements is null (Auto Scaling launch)',
    pattern: { source: ['aws.autoscaling'], 'detail-type': ['EC2 Instance Launch Successful'], detail: { responseElements: [null] } },
    event: autoScalingLaunch,
    matches: true,
  },
  {
    name: 'Value matching: numbers risk-score 80 and nested trigger.risk 8 (Macie alert)',
    pattern: { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } },
    event: macieAlert,
    matches: true,
  },
  {
    name: 'Value matching: a different nested number does not match',
    pattern: { source: ['aws.macie'], detail: { trigger: { risk: [9] } } },
    event: macieAlert,
    matches: false,
  },
  {
    name: 'Value matching: a number in the pattern does not match the same digits as a string',
    pattern: { detail: { 'risk-score': ['80'] } },
    event: macieAlert,
    matches: false,
  },
  {
    name: 'Value matching: numbers compare by value (3.018e2 equals 301.8)',
    pattern: { detail: { 'x-limit': [3.018e2] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Value matching: booleans match booleans',
    pattern: { detail: { enabled: [true] } },
    event: custom({ enabled: true }),
    matches: true,
  },
  {
    name: 'Value matching: the string "true" does not match the boolean true',
    pattern: { detail: { enabled: ['true'] } },
    event: custom({ enabled: true }),
    matches: false,
  },

  // --- Null values and empty strings ------------------------------------------------------------------
  {
    name: 'Null values and empty strings: eventVersion is the empty string',
    pattern: { detail: { eventVersion: [''] } },
    event: autoScalingLaunch,
    matches: true,
  },
  {
    name: 'Null values and empty strings: responseElements is null',
    pattern: { detail: { responseElements: [null] } },
    event: autoScalingLaunch,
    matches: true,
  },
  {
    name: 'Null values and empty strings: an empty-string pattern does not match null',
    pattern: { detail: { responseElements: [''] } },
    event: autoScalingLaunch,
    matches: false,
  },
  {
    name: 'Null values and empty strings: a null pattern does not match the empty string',
    pattern: { detail: { eventVersion: [null] } },
    event: autoScalingLaunch,
    matches: false,
  },
  {
    name: 'Null values and empty strings: a null pattern does not match a missing field',
    pattern: { detail: { requestParameters: [null] } },
    event: autoScalingLaunch,
    matches: false,
  },

  // --- Arrays -----------------------------------------------------------------------------------------
  {
    name: 'Arrays: pattern and event arrays intersect (resources)',
    pattern: resourcesPattern,
    event: custom(
      {},
      {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      },
    ),
    matches: true,
  },
  {
    name: 'Arrays: pattern and event arrays with no common value do not match',
    pattern: resourcesPattern,
    event: custom({}, { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] }),
    matches: false,
  },
  {
    name: 'Arrays: an empty event array matches no value',
    pattern: resourcesPattern,
    event: custom({}, { resources: [] }),
    matches: false,
  },
  {
    name: 'Arrays: a value inside an event array of tags (Macie tags contains Insider)',
    pattern: { detail: { tags: ['Insider'] } },
    event: macieAlert,
    matches: true,
  },
  {
    name: 'JSON array matching: a nested field inside an array of objects',
    pattern: { employees: { firstName: ['Anna'] } },
    event: {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    },
    matches: true,
  },
  {
    name: 'JSON array matching: multi-level arrays are flattened',
    pattern: { employees: { firstName: ['Peter'] } },
    event: {
      employees: [
        [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
        [{ firstName: 'Peter', lastName: 'Jones' }],
      ],
    },
    matches: true,
  },
  {
    name: 'JSON array matching: fields from different array elements do not combine (Anna/Jones)',
    pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
    event: {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    },
    matches: false,
  },
  {
    name: 'JSON array matching: fields from the same array element combine (Anna/Smith)',
    pattern: { employees: { firstName: ['Anna'], lastName: ['Smith'] } },
    event: {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
    },
    matches: true,
  },

  // --- Prefix / suffix ----------------------------------------------------------------------------------
  {
    name: 'Prefix matching: time starts with 2017-10-02',
    pattern: { time: [{ prefix: '2017-10-02' }] },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Prefix matching: a different prefix does not match',
    pattern: { time: [{ prefix: '2017-10-03' }] },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Prefix matching: only works on string values (not on a number)',
    pattern: { detail: { 'c-count': [{ prefix: '5' }] } },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Prefix matching: Region is in the US ("us-" prefix)',
    pattern: { region: [{ prefix: 'us-' }] },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Prefix matching ignoring case: service starts with EventB in any case (EVENTBRIDGE)',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    event: custom({ service: 'EVENTBRIDGE' }),
    matches: true,
  },
  {
    name: 'Prefix matching ignoring case: eventbridge matches too',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    event: custom({ service: 'eventbridge' }),
    matches: true,
  },
  {
    name: 'Prefix matching ignoring case: another service does not match',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    event: custom({ service: 'Lambda' }),
    matches: false,
  },
  {
    name: 'Prefix matching: plain prefix is case-sensitive',
    pattern: { detail: { service: [{ prefix: 'EventB' }] } },
    event: custom({ service: 'eventbridge' }),
    matches: false,
  },
  {
    name: 'Suffix matching: FileName ends with .png',
    pattern: { detail: { FileName: [{ suffix: '.png' }] } },
    event: custom({ FileName: 'image.png' }),
    matches: true,
  },
  {
    name: 'Suffix matching: FileName ending with .jpg does not match',
    pattern: { detail: { FileName: [{ suffix: '.png' }] } },
    event: custom({ FileName: 'image.jpg' }),
    matches: false,
  },
  {
    name: 'Suffix matching: plain suffix is case-sensitive (.PNG)',
    pattern: { detail: { FileName: [{ suffix: '.png' }] } },
    event: custom({ FileName: 'image.PNG' }),
    matches: false,
  },
  {
    name: 'Suffix matching ignoring case: .PNG matches .png',
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    event: custom({ FileName: 'image.PNG' }),
    matches: true,
  },
  {
    name: 'Suffix matching (event-ruler README): source ends with ec2',
    pattern: { source: [{ suffix: 'ec2' }] },
    event: ec2StateChange(),
    matches: true,
  },

  // --- Anything-but ------------------------------------------------------------------------------------
  {
    name: 'Anything-but matching: state is anything but initializing (running)',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but matching: state initializing is excluded',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    event: ec2StateChange({ state: 'initializing' }),
    matches: false,
  },
  {
    name: 'Anything-but matching: does not match a missing field',
    pattern: { detail: { status: [{ 'anything-but': 'initializing' }] } },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Anything-but matching: a single number (x-limit anything but 123)',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but matching: a single number excludes that number',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    event: ec2StateChange({ 'x-limit': 123 }),
    matches: false,
  },
  {
    name: 'Anything-but matching: a list of strings (stopped, overloaded)',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but matching: a list of strings excludes each of them',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    event: ec2StateChange({ state: 'overloaded' }),
    matches: false,
  },
  {
    name: 'Anything-but matching: a list of numbers (100, 200, 300)',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but matching: a list of numbers excludes each of them',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    event: ec2StateChange({ 'x-limit': 200 }),
    matches: false,
  },
  {
    name: 'Anything-but matching: an event array matches when some element is not excluded',
    pattern: { detail: { tags: [{ 'anything-but': 'Insider' }] } },
    event: macieAlert,
    matches: true,
  },
  {
    name: 'Anything-but prefix: state does not start with init (running)',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but prefix: initializing starts with init',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    event: ec2StateChange({ state: 'initializing' }),
    matches: false,
  },
  {
    name: 'Anything-but prefix: Region is not in the US (eu-west-1)',
    pattern: { region: [{ 'anything-but': { prefix: 'us-' } }] },
    event: ec2StateChange({}, { region: 'eu-west-1' }),
    matches: true,
  },
  {
    name: 'Anything-but suffix: FileName does not end with .txt (.png)',
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    event: custom({ FileName: 'notes.png' }),
    matches: true,
  },
  {
    name: 'Anything-but suffix: FileName ending with .txt is excluded',
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    event: custom({ FileName: 'notes.txt' }),
    matches: false,
  },
  {
    name: 'Anything-but ignore case: INITIALIZING is excluded like initializing',
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    event: ec2StateChange({ state: 'INITIALIZING' }),
    matches: false,
  },
  {
    name: 'Anything-but ignore case: running matches',
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Anything-but ignore case: a list (Initializing, Stopped) excludes STOPPED',
    pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Initializing', 'Stopped'] } }] } },
    event: ec2StateChange({ state: 'STOPPED' }),
    matches: false,
  },
  {
    name: 'Anything-but using a wildcard: FilePath without /lib/ matches',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    event: custom({ FilePath: '/usr/bin/python3' }),
    matches: true,
  },
  {
    name: 'Anything-but using a wildcard: FilePath with /lib/ is excluded',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    event: custom({ FilePath: '/usr/lib/python3' }),
    matches: false,
  },
  {
    name: 'Anything-but using a wildcard: a list of wildcards excludes each (*/bin/*)',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
    event: custom({ FilePath: '/usr/bin/python3' }),
    matches: false,
  },

  // --- Numeric -------------------------------------------------------------------------------------------
  {
    name: 'Numeric matching: c-count > 0 and <= 5, d-count < 10, x-limit = 3.018e2',
    pattern: {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Numeric matching: the upper bound <= 5 excludes 6',
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    event: ec2StateChange({ 'c-count': 6 }),
    matches: false,
  },
  {
    name: 'Numeric matching: the open lower bound > 0 excludes 0',
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    event: ec2StateChange({ 'c-count': 0 }),
    matches: false,
  },
  {
    name: 'Numeric matching: >= includes its bound',
    pattern: { detail: { 'c-count': [{ numeric: ['>=', 5] }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Numeric matching: only works with JSON numbers (not the string "5")',
    pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    event: ec2StateChange({ 'c-count': '5' }),
    matches: false,
  },
  {
    name: 'Numeric matching: a missing field does not match',
    pattern: { detail: { 'e-count': [{ numeric: ['<', 10] }] } },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Numeric matching: precision is six digits after the decimal point',
    pattern: { detail: { 'x-limit': [{ numeric: ['>', 0] }] } },
    event: ec2StateChange({ 'x-limit': 0.0000001 }),
    matches: false,
  },
  {
    name: 'Numeric matching: negative numbers and decimals',
    pattern: { detail: { temperature: [{ numeric: ['>=', -10.5, '<', 0] }] } },
    event: custom({ temperature: -3.25 }),
    matches: true,
  },
  {
    name: 'Numeric matching: any element of an event array may satisfy the range',
    pattern: { detail: { readings: [{ numeric: ['>', 100] }] } },
    event: custom({ readings: [3, 150, 7] }),
    matches: true,
  },

  // --- IP address -------------------------------------------------------------------------------------
  {
    name: 'IP address matching: 10.0.0.0/24 contains 10.0.0.123',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    event: custom({ sourceIPAddress: '10.0.0.123' }),
    matches: true,
  },
  {
    name: 'IP address matching: 10.0.0.0/24 does not contain 10.0.1.1',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    event: custom({ sourceIPAddress: '10.0.1.1' }),
    matches: false,
  },
  {
    name: 'IP address matching (event-ruler README): source-ip in 10.0.0.0/24',
    pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'IP address matching: IPv6 block 2001:db8::/64 contains 2001:db8::dc',
    pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
    event: custom({ sourceIPAddress: '2001:db8::dc' }),
    matches: true,
  },
  {
    name: 'IP address matching: IPv6 block does not contain an address outside it',
    pattern: { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
    event: custom({ sourceIPAddress: '2001:db8:0:1::dc' }),
    matches: false,
  },
  {
    name: 'IP address matching: an IPv4 block never contains an IPv6 address',
    pattern: { detail: { sourceIPAddress: [{ cidr: '0.0.0.0/0' }] } },
    event: custom({ sourceIPAddress: '::1' }),
    matches: false,
  },
  {
    name: 'IP address matching: a value that is not an IP address does not match',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/8' }] } },
    event: custom({ sourceIPAddress: 'ec2.amazonaws.com' }),
    matches: false,
  },
  {
    name: 'IP address matching: an exact IP literal compares as an address (IPv6 forms)',
    pattern: { detail: { sourceIPAddress: ['2001:db8::1'] } },
    event: custom({ sourceIPAddress: '2001:0db8:0000:0000:0000:0000:0000:0001' }),
    matches: true,
  },

  // --- Exists ------------------------------------------------------------------------------------------
  {
    name: 'Exists matching: exists true matches a present field',
    pattern: { detail: { 'c-count': [{ exists: true }] } },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Exists matching: exists true does not match a missing field',
    pattern: { detail: { 'e-count': [{ exists: true }] } },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Exists matching: exists false matches an event without detail.c-count',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    event: {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
      detail: { state: ['initializing', 'running'] },
    },
    matches: true,
  },
  {
    name: 'Exists matching: exists false also matches when c-count is not a leaf node',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    event: {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
      detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } },
    },
    matches: true,
  },
  {
    name: 'Exists matching: exists true does not match an intermediate (object) node',
    pattern: { detail: { 'c-count': [{ exists: true }] } },
    event: custom({ 'c-count': { c1: 100 } }),
    matches: false,
  },
  {
    name: 'Exists matching: exists false does not match a present leaf',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Exists matching: a null value exists',
    pattern: { detail: { responseElements: [{ exists: true }] } },
    event: autoScalingLaunch,
    matches: true,
  },
  {
    name: 'Exists matching: exists false on a field under a missing parent object',
    pattern: { detail: { error: { code: [{ exists: false }] } } },
    event: ec2StateChange(),
    matches: true,
  },

  // --- Equals-ignore-case and wildcard ------------------------------------------------------------------
  {
    name: 'Equals-ignore-case matching: Name is alice in any case (Alice)',
    pattern: { detail: { Name: [{ 'equals-ignore-case': 'alice' }] } },
    event: custom({ Name: 'Alice' }),
    matches: true,
  },
  {
    name: 'Equals-ignore-case matching (event-ruler README): source EC2 vs aws.ec2 is not equal',
    pattern: { source: [{ 'equals-ignore-case': 'EC2' }] },
    event: ec2StateChange(),
    matches: false,
  },
  {
    name: 'Equals-ignore-case matching: AWS.EC2 equals aws.ec2 ignoring case',
    pattern: { source: [{ 'equals-ignore-case': 'AWS.EC2' }] },
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Wildcard matching (event-ruler README): Simple*Service matches SimpleQueueService',
    pattern: { source: [{ wildcard: 'Simple*Service' }] },
    event: custom({}, { source: 'SimpleQueueService' }),
    matches: true,
  },
  {
    name: 'Wildcard matching: Simple*Service does not match SimpleQueue',
    pattern: { source: [{ wildcard: 'Simple*Service' }] },
    event: custom({}, { source: 'SimpleQueue' }),
    matches: false,
  },
  {
    name: 'Wildcard matching: dir/*.png matches a file in the directory',
    pattern: { detail: { FileName: [{ wildcard: 'dir/*.png' }] } },
    event: custom({ FileName: 'dir/image.png' }),
    matches: true,
  },
  {
    name: 'Wildcard matching: * also spans slashes (dir/sub/image.png)',
    pattern: { detail: { FileName: [{ wildcard: 'dir/*.png' }] } },
    event: custom({ FileName: 'dir/sub/image.png' }),
    matches: true,
  },
  {
    name: 'Wildcard matching: dir/*.png does not match a .jpg',
    pattern: { detail: { FileName: [{ wildcard: 'dir/*.png' }] } },
    event: custom({ FileName: 'dir/image.jpg' }),
    matches: false,
  },
  {
    name: 'Wildcard matching: several wildcards in one value (EventBus ARN in any account)',
    pattern: { resources: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    event: custom({}, { resources: ['arn:aws:events:us-east-1:123456789012:event-bus/orders'] }),
    matches: true,
  },
  {
    name: 'Wildcard matching: an escaped \\* matches a literal asterisk',
    pattern: { detail: { title: [{ wildcard: 'reports\\*final' }] } },
    event: custom({ title: 'reports*final' }),
    matches: true,
  },
  {
    name: 'Wildcard matching: an escaped \\* is not a wildcard',
    pattern: { detail: { title: [{ wildcard: 'reports\\*final' }] } },
    event: custom({ title: 'reports-final' }),
    matches: false,
  },
  {
    name: 'Wildcard matching: only works on strings',
    pattern: { detail: { 'c-count': [{ wildcard: '*' }] } },
    event: ec2StateChange(),
    matches: false,
  },

  // --- Complex example --------------------------------------------------------------------------------
  {
    name: 'Complex example with multiple matching: prefix, anything-but, numeric and cidr together',
    pattern: complexPattern,
    event: ec2StateChange(),
    matches: true,
  },
  {
    name: 'Complex example with multiple matching: one failing field (x-limit 300) fails the pattern',
    pattern: complexPattern,
    event: ec2StateChange({ 'x-limit': 300 }),
    matches: false,
  },

  // --- $or ----------------------------------------------------------------------------------------------
  {
    name: '$or matching: source and (metricName or namespace), metricName matches',
    pattern: cloudwatchOr,
    event: metricEvent({ metricName: 'CPUUtilization' }),
    matches: true,
  },
  {
    name: '$or matching: source and (metricName or namespace), namespace matches',
    pattern: cloudwatchOr,
    event: metricEvent({ metricName: 'DiskReadOps', namespace: 'AWS/ES' }),
    matches: true,
  },
  {
    name: '$or matching: no alternative matches',
    pattern: cloudwatchOr,
    event: metricEvent({ metricName: 'DiskReadOps', namespace: 'AWS/Lambda' }),
    matches: false,
  },
  {
    name: '$or matching: the AND-ed field outside $or still applies',
    pattern: cloudwatchOr,
    event: { source: 'aws.ec2', metricName: 'CPUUtilization' },
    matches: false,
  },
  {
    name: '$or matching: parallel $or at top level and inside detail',
    pattern: parallelOr,
    event: { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } },
    matches: true,
  },
  {
    name: '$or matching: parallel $or needs a match in each group',
    pattern: parallelOr,
    event: { namespace: 'AWS/EC2', detail: { source: 'aws.ec2' } },
    matches: false,
  },
  {
    name: '$or matching: an alternative with an AND inside (metricType and namespace)',
    pattern: orWithAndInside,
    event: metricEvent({ metricType: 'MetricType', namespace: 'AWS/EC2' }),
    matches: true,
  },
  {
    name: '$or matching: an AND alternative needs all its fields',
    pattern: orWithAndInside,
    event: metricEvent({ metricType: 'MetricType', namespace: 'AWS/Lambda' }),
    matches: false,
  },
  {
    name: '$or matching: nested $or inside an alternative (spaceId 1000)',
    pattern: nestedOrAndAnd,
    event: metricEvent({ metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1000 }),
    matches: true,
  },
  {
    name: '$or matching: nested $or with no matching inner alternative',
    pattern: nestedOrAndAnd,
    event: metricEvent({ metricType: 'MetricType', namespace: 'AWS/ES', spaceId: 1001 }),
    matches: false,
  },
  {
    name: '$or matching: inside detail with numeric alternatives (d-count < 10)',
    pattern: detailOrNumeric,
    event: ec2StateChange({ 'c-count': 50, 'x-limit': 1 }),
    matches: true,
  },
  {
    name: '$or matching: inside detail, no numeric alternative holds',
    pattern: detailOrNumeric,
    event: ec2StateChange({ 'c-count': 50, 'd-count': 50, 'x-limit': 1 }),
    matches: false,
  },
  {
    name: '$or matching: alternatives over envelope fields (source or detail-type)',
    pattern: { $or: [{ source: ['ordersaga.payments'] }, { 'detail-type': ['order.cancelled'] }] },
    event: custom({}, { source: 'ordersaga.orders', 'detail-type': 'order.cancelled' }),
    matches: true,
  },
  {
    name: '$or matching: an alternative using exists false',
    pattern: { detail: { $or: [{ 'c-count': [{ exists: false }] }, { 'c-count': [{ numeric: ['<', 3] }] }] } },
    event: ec2StateChange(),
    matches: false,
  },
];

/** Patterns EventBridge rejects with InvalidEventPatternException. */
export const invalidPatternCases: InvalidPatternCase[] = [
  { name: 'Filter is not an object (array)', pattern: [{ source: ['x'] }], reason: 'Filter is not an object' },
  { name: 'Filter is not an object (null)', pattern: null, reason: 'Filter is not an object' },
  { name: 'Empty pattern object', pattern: {}, reason: 'Empty objects are not allowed' },
  { name: 'Empty nested object', pattern: { detail: {} }, reason: 'Empty objects are not allowed' },
  { name: 'Field value must be an array or object', pattern: { source: 'aws.ec2' }, reason: 'must be an object or an array' },
  { name: 'Empty value list', pattern: { source: [] }, reason: 'Empty arrays are not allowed' },
  { name: 'Nested array as a match value', pattern: { source: [['aws.ec2']] }, reason: 'Match value must be String' },
  { name: 'Unknown operator', pattern: { source: [{ contains: 'ec2' }] }, reason: 'Unrecognized match type contains' },
  { name: 'Two operators in one object', pattern: { source: [{ prefix: 'a', suffix: 'b' }] }, reason: 'Only one key allowed' },
  { name: 'Empty operator object', pattern: { source: [{}] }, reason: 'Match expression name not found' },
  { name: 'Prefix must be a string', pattern: { source: [{ prefix: 1 }] }, reason: 'prefix match pattern must be a string' },
  { name: 'Exists must be a boolean', pattern: { source: [{ exists: 'true' }] }, reason: 'exists match pattern must be either true or false' },
  { name: 'Numeric: lower bound must come first', pattern: { n: [{ numeric: ['<', 0, '>=', 10] }] }, reason: 'Too many elements' },
  { name: 'Numeric: bottom must be less than top', pattern: { n: [{ numeric: ['>', 10, '<', 5] }] }, reason: 'Bottom must be less than top' },
  { name: 'Numeric: equal bounds are not a range', pattern: { n: [{ numeric: ['>=', 5, '<=', 5] }] }, reason: 'Bottom must be less than top' },
  { name: 'Numeric: unknown operator', pattern: { n: [{ numeric: ['!=', 5] }] }, reason: 'Unrecognized numeric range operator' },
  { name: 'Numeric: value must be a number', pattern: { n: [{ numeric: ['>', '5'] }] }, reason: 'Value of > must be numeric' },
  { name: 'Numeric: value beyond 5e9', pattern: { n: [{ numeric: ['<', 6e9] }] }, reason: 'Value must be between' },
  { name: 'Numeric: argument must be an array', pattern: { n: [{ numeric: '>5' }] }, reason: 'Value of numeric must be an array' },
  { name: 'Numeric: = takes one value', pattern: { n: [{ numeric: ['=', 1, '<', 2] }] }, reason: 'Too many elements' },
  { name: 'Anything-but: mixed list', pattern: { s: [{ 'anything-but': ['a', 1] }] }, reason: 'mixed type is not supported' },
  { name: 'Anything-but: null in list', pattern: { s: [{ 'anything-but': [null] }] }, reason: 'null|boolean is not supported' },
  { name: 'Anything-but: empty list', pattern: { s: [{ 'anything-but': [] }] }, reason: 'mixed type is not supported' },
  { name: 'Anything-but: boolean value', pattern: { s: [{ 'anything-but': true }] }, reason: 'must be an array or single string/number value' },
  { name: 'Anything-but: empty prefix', pattern: { s: [{ 'anything-but': { prefix: '' } }] }, reason: 'Null prefix/suffix not allowed' },
  {
    name: 'Anything-but: unsupported operator',
    pattern: { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
    reason: 'Unsupported anything-but pattern: numeric',
  },
  { name: 'Wildcard: consecutive wildcard characters', pattern: { s: [{ wildcard: 'a**b' }] }, reason: 'Consecutive wildcard characters' },
  { name: 'Wildcard: invalid escape', pattern: { s: [{ wildcard: 'a\\b' }] }, reason: 'Invalid escape character' },
  { name: 'CIDR: missing mask', pattern: { ip: [{ cidr: '10.0.0.0' }] }, reason: "one '/' required" },
  { name: 'CIDR: IPv4 mask of 32', pattern: { ip: [{ cidr: '10.0.0.1/32' }] }, reason: 'IPv4 mask bits must be < 32' },
  { name: 'CIDR: IPv6 mask of 128', pattern: { ip: [{ cidr: '2001:db8::1/128' }] }, reason: 'IPv6 mask bits must be < 128' },
  { name: 'CIDR: not an address', pattern: { ip: [{ cidr: 'example.com/8' }] }, reason: 'Invalid IP address' },
  { name: '$or: must be an array', pattern: { $or: { a: ['x'] } }, reason: 'It must be an Array followed with $or' },
  { name: '$or: at least two alternatives', pattern: { $or: [{ a: ['x'] }] }, reason: 'at least 2 Objects' },
  { name: '$or: alternatives must be objects', pattern: { $or: [{ a: ['x'] }, ['b']] }, reason: 'Only JSON object is allowed' },
  {
    name: '$or: operator names are reserved inside alternatives',
    pattern: { $or: [{ numeric: [123] }, { prefix: ['abc'] }] },
    reason: 'numeric is Ruler reserved fieldName',
  },
];
