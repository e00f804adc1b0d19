# syntax=docker/dockerfile:1.7
# One image recipe for every service:
#   docker build --build-arg SERVICE=review-service -t upgrade-assist/review-service .
# docker-compose.yml builds the four services and the web console from this file.

ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-jammy
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

# ---- build: the reactor module and the modules it depends on, tests skipped (CI runs them)
FROM ${JDK_IMAGE} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || (echo "build with --build-arg SERVICE=<intake|review|scheduling|notification>-service or SERVICE=web" >&2 && exit 1)
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
# every module's pom and sources (the reactor reads all modules; target/ and .local-stack/ stay out)
COPY event-contracts/pom.xml event-contracts/
COPY event-contracts/src event-contracts/src
COPY embedded-mongo/pom.xml embedded-mongo/
COPY embedded-mongo/src embedded-mongo/src
COPY platform/pom.xml platform/
COPY platform/src platform/src
COPY test-support/pom.xml test-support/
COPY test-support/src test-support/src
COPY intake-service/pom.xml intake-service/
COPY intake-service/src intake-service/src
COPY review-service/pom.xml review-service/
COPY review-service/src review-service/src
COPY scheduling-service/pom.xml scheduling-service/
COPY scheduling-service/src scheduling-service/src
COPY notification-service/pom.xml notification-service/
COPY notification-service/src notification-service/src
COPY web/pom.xml web/
COPY web/src web/src
COPY local-stack/pom.xml local-stack/
COPY local-stack/src local-stack/src
COPY system-tests/pom.xml system-tests/
COPY system-tests/src system-tests/src
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
    && cp "${SERVICE}/target/${SERVICE}.jar" /workspace/app.jar

# ---- runtime: JRE only, non-root, curl for the health check
FROM ${JRE_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="upgrade-assist-${SERVICE}" \
      org.opencontainers.image.source="upgrade-assist"
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build --chown=app:app /workspace/app.jar /app/app.jar
USER app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# docker-compose.yml sets SERVER_PORT (8081-8085) and overrides this check with the same command
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
    CMD curl -fsS "http://localhost:${SERVER_PORT:-8080}/actuator/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
