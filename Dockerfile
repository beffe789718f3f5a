# syntax=docker/dockerfile:1
# Multi-stage build of a static xiaoqi binary on a minimal non-root image.
#   docker build -t xiaoqi .
#   docker run -p 8080:8080 -v xiaoqi-data:/data xiaoqi
# The Go of go.mod exactly: the golang image sets GOTOOLCHAIN=local, so an older 1.26.x
# refuses to build (go.mod requires go >= 1.26.8).
FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/xiaoqi ./cmd/xiaoqi \
 && mkdir -p /out/data /out/backups

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/xiaoqi /usr/local/bin/xiaoqi
# The data volume holds the embedded store and the search index; with MongoDB it holds the
# index only. It belongs to the image's non-root user (65532).
COPY --from=build --chown=65532:65532 /out/data /data
# Where backups of the embedded store go when XIAOQI_BACKUP_DIR=/backups: mount a volume of its
# own there (a new named volume takes this directory's owner).
COPY --from=build --chown=65532:65532 /out/backups /backups
ENV XIAOQI_DATA_DIR=/data \
    XIAOQI_ADDR=:8080 \
    XIAOQI_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
# distroless has no shell or curl: the binary checks its own /readyz, on the port of
# XIAOQI_ADDR and over HTTPS when XIAOQI_TLS_CERT is set.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/xiaoqi", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/xiaoqi"]
CMD ["serve"]
