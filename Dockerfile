# The rasfleet server image, made from the build's output: run `mvn -DskipTests package` first,
# then `docker build --build-arg BASE_IMAGE=<an image with a Java 17+ runtime> -t rasfleet .`
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

COPY --chown=1000:1000 target/server /opt/rasfleet/server

# Projects to run are mounted here; the H2 database, the job repository and the demo's working
# folders live in the data volume unless RASFLEET_DB_URL points at PostgreSQL.
ENV RASFLEET_PROJECT_ROOTS=/projects
VOLUME ["/projects", "/opt/rasfleet/server/standalone/data"]
USER 1000
EXPOSE 8080 8443 9990
ENTRYPOINT ["/opt/rasfleet/server/bin/standalone.sh", "-b", "0.0.0.0", "-bmanagement", "0.0.0.0"]
