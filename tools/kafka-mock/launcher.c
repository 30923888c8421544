/*
 * Test peer: an in-memory Kafka-protocol cluster (librdkafka's mock cluster).
 * Usage: kafka-mock [--brokers N] [--port-file PATH] [--topic NAME:PARTITIONS]...
 * Prints "bootstrap=<host:port>" on stdout (and writes host:port to --port-file), then serves
 * until SIGTERM/SIGINT or until stdin closes (so it dies with the test run that spawned it).
 * It is a test peer, not Apache Kafka: no transactions, no admin CreateTopics (pre-create here).
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested = 0;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

int main(int argc, char **argv) {
  int brokers = 1;
  const char *port_file = NULL;
  char errstr[512];

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--brokers") == 0 && i + 1 < argc) brokers = atoi(argv[++i]);
    else if (strcmp(argv[i], "--port-file") == 0 && i + 1 < argc) port_file = argv[++i];
    else if (strcmp(argv[i], "--topic") == 0 && i + 1 < argc) i++; /* second pass */
    else { fprintf(stderr, "kafka-mock: unknown argument %s\n", argv[i]); return 2; }
  }
  if (brokers < 1) { fprintf(stderr, "kafka-mock: --brokers must be >= 1\n"); return 2; }

  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "kafka-mock: %s\n", errstr); return 1;
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) { fprintf(stderr, "kafka-mock: rd_kafka_new: %s\n", errstr); return 1; }

  rd_kafka_mock_cluster_t *mcluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mcluster) { fprintf(stderr, "kafka-mock: could not start the mock cluster\n"); return 1; }

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--topic") != 0) { if (strcmp(argv[i], "--brokers") == 0 || strcmp(argv[i], "--port-file") == 0) i++; continue; }
    char *spec = strdup(argv[++i]);
    char *colon = strrchr(spec, ':');
    int partitions = 4;
    if (colon) { *colon = '\0'; partitions = atoi(colon + 1); }
    if (partitions < 1 || rd_kafka_mock_topic_create(mcluster, spec, partitions, 1) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      fprintf(stderr, "kafka-mock: could not create topic %s\n", argv[i]); return 1;
    }
    free(spec);
  }

  const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mcluster);
  if (port_file) {
    FILE *f = fopen(port_file, "w");
    if (!f) { perror("kafka-mock: port file"); return 1; }
    fprintf(f, "%s\n", bootstraps);
    fclose(f);
  }
  printf("bootstrap=%s\n", bootstraps);
  fflush(stdout);

  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
  while (!stop_requested) {
    int n = poll(&pfd, 1, 200);
    if (n > 0) {
      char buf[256];
      ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
      if (r <= 0) break; /* parent went away */
    }
  }
  rd_kafka_mock_cluster_destroy(mcluster);
  rd_kafka_destroy(rk);
  return 0;
}
