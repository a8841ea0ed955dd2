# Zeebe 8.5 (Zeebe Community License 1.1) with the Redis exporter, pinned as in deploy/local/versions.env.
FROM camunda/zeebe:8.5.8
ADD --chown=1001:0 --checksum=sha256:d5ae214ce64ac0f98dbb7f24a40228ec254cadcd602350558a5a5343960a57e7 \
  https://repo1.maven.org/maven2/io/zeebe/redis/zeebe-redis-exporter/0.9.0/zeebe-redis-exporter-0.9.0-jar-with-dependencies.jar \
  /usr/local/zeebe/exporters/zeebe-redis-exporter.jar
ENV ZEEBE_BROKER_EXPORTERS_REDIS_CLASSNAME=io.zeebe.redis.exporter.RedisExporter \
    ZEEBE_BROKER_EXPORTERS_REDIS_JARPATH=exporters/zeebe-redis-exporter.jar \
    ZEEBE_REDIS_FORMAT=json \
    ZEEBE_REDIS_NAME=zeebe
