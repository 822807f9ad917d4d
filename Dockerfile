# MedPulse's pipeline (ingest, simulate, export, replay, streams) on the official Temurin JRE.
#
#   mvn -B -DskipTests package          # builds cli-pipeline/target/medpulse-pipeline.jar
#   docker build -t medpulse:local .    # or: docker compose up -d --build (docker-compose.yml)
#   docker run --rm medpulse:local streams --help
#
# The jar is the pipeline's without the dev platform (no broker, no embedded registry): point
# --bootstrap and --registry at a real cluster. DockerDeploymentIT (cli-pipeline) checks this file.
FROM eclipse-temurin:17-jre

# An unprivileged user; its home holds the streams state (a volume in docker-compose.yml).
RUN groupadd --system --gid 10001 medpulse \
    && useradd --system --uid 10001 --gid medpulse --home-dir /var/lib/medpulse --shell /usr/sbin/nologin medpulse \
    && mkdir -p /var/lib/medpulse/state /srv/drop \
    && chown -R medpulse:medpulse /var/lib/medpulse /srv/drop

COPY cli-pipeline/target/medpulse-pipeline.jar /opt/medpulse/medpulse-pipeline.jar
COPY docker/healthcheck.sh /opt/medpulse/healthcheck.sh
RUN chmod 0644 /opt/medpulse/medpulse-pipeline.jar && chmod 0755 /opt/medpulse/healthcheck.sh

USER medpulse
WORKDIR /var/lib/medpulse

# `medpulse streams` serves its API, dashboard and health here (--port; the health check asks it).
ENV MEDPULSE_HEALTH_PORT=7070
EXPOSE 7070

# Ready = Kafka Streams RUNNING and every store queryable. Only `streams` serves HTTP: a container
# running another command (ingest --watch) disables the check (see docker-compose.yml).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/opt/medpulse/healthcheck.sh", "/health/ready"]

# Java as PID 1 gets SIGTERM from `docker stop` and shuts MedPulse down cleanly.
ENTRYPOINT ["java", "-jar", "/opt/medpulse/medpulse-pipeline.jar"]
CMD ["--help"]
