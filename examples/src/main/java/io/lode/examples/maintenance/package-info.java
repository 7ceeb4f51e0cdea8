/**
 * Isle maintenance in three processes over one URL: {@link io.lode.examples.maintenance.MaintenanceWriter}
 * appends sensor readings and flushes every 200 ms, {@link io.lode.examples.maintenance.MaintenanceReader}
 * prints once a second how many readings each sensor still has, and
 * {@link io.lode.examples.maintenance.MaintenanceDaemon} merges level 0 into sorted runs, removes the
 * oldest tables by age and deletes what both replaced a grace period (1 min) later, printing each
 * step.
 *
 * <p>Build once, then start the three in three terminals, daemon first, over the same URL (a
 * directory here; an S3 URL works the same). The {@code quickstart} profile passes a single
 * argument, the URL, so each runs with its defaults: the writer for 60 s, the reader for 90 s, the
 * daemon for 120 s.
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -DskipTests -pl examples -am verify
 * # terminal 1, 2, 3 (same directory for all three):
 * mvn -B -q -o -DskipTests -pl examples -am -Pquickstart verify \
 *   -Dquickstart.main=io.lode.examples.maintenance.MaintenanceDaemon -Dquickstart.args=lode:file:/tmp/maintenance-demo
 * mvn -B -q -o -DskipTests -pl examples -am -Pquickstart verify \
 *   -Dquickstart.main=io.lode.examples.maintenance.MaintenanceWriter -Dquickstart.args=lode:file:/tmp/maintenance-demo
 * mvn -B -q -o -DskipTests -pl examples -am -Pquickstart verify \
 *   -Dquickstart.main=io.lode.examples.maintenance.MaintenanceReader -Dquickstart.args=lode:file:/tmp/maintenance-demo
 * </pre>
 *
 * <p>What to expect: the daemon prints a level-0 compaction every couple of seconds and a merge of
 * runs after every four, each followed by its collector's report ({@code marked} = the replaced
 * tables); the first {@code ssts deleted} appear a minute after the first marks. The reader's
 * counts grow while the writer runs, drop when retention removes the oldest run once it is 20 s
 * old, and, once the writer stops, drop to what the 2 newest tables hold. Both the compactor and
 * the retention compactor end their passes with a collection; the two follow the same log, so
 * their reports overlap (each counts the tables it found or deleted, a table deleted by one is done
 * for the other). One of them is enough in a process that runs both; the retention compactor's
 * is what collects in a deployment without a merge compactor.
 */
package io.lode.examples.maintenance;
