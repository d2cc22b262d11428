import { findJavaRuntime, parseJavaMajorVersion } from '#local/dynamodb/java-runtime';
import { LocalDynamoDbError } from '#local/dynamodb/local-dynamodb-error';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25-ea" 2025-09-16', 25],
    ['nothing useful', undefined],
  ])('%j → %s', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });
});

describe('findJavaRuntime', () => {
  it('says how to install Java when there is none', () => {
    expect(() => findJavaRuntime({ command: '/nonexistent/bin/java' })).toThrow(LocalDynamoDbError);
    expect(() => findJavaRuntime({ command: 'no-such-java-command' })).toThrow(/not on PATH.*apt-get install openjdk-17-jre-headless.*DYNAMODB_ENDPOINT/s);
  });

  it('refuses a Java older than required, with the same advice', () => {
    // The installed Java is 17+, so asking for more than it has exercises the version check.
    expect(() => findJavaRuntime({ minimumMajorVersion: 99 })).toThrow(/needs Java 99\+, but `java` is Java \d+ .*apt-get install/s);
  });

  it('accepts the installed Java 17+', () => {
    expect(findJavaRuntime().majorVersion).toBeGreaterThanOrEqual(17);
  });
});
