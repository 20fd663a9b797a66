# sprintetl in a container, for schedulers that run jobs as containers
# (Cloud Run jobs, Kubernetes CronJobs, Nomad periodic jobs...).
#
#   docker build -t sprintetl .
#   docker run --rm -v /srv/sprintetl:/data \
#     -e CLICKUP_API_TOKEN -e HUBSPOT_ACCESS_TOKEN sprintetl run
#
# The config is read from /data/sprintetl.toml; keep landing_root, the
# warehouse file and the report under /data so they outlive the container.
# Exit codes: 0 ok or nothing to do, 1 failed, 2 usage or config error.

# --- build stage: compilers, headers, and DuckDB from the npm registry ------
FROM debian:12-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates tzdata npm \
      libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev \
      libspdlog-dev libfmt-dev libcpp-httplib-dev libzstd-dev libhowardhinnant-date-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSPRINTETL_BUILD_TESTS=OFF \
 && cmake --build /build --target sprintetl \
 && mkdir -p /opt/sprintetl/bin /opt/sprintetl/lib /opt/sprintetl/share/sprintetl \
 && cp /build/sprintetl /opt/sprintetl/bin/ \
 && cp -L /build/_deps/duckdb-*/lib/libduckdb.so /opt/sprintetl/lib/ \
 && cp -r sql /opt/sprintetl/share/sprintetl/sql

# --- runtime stage: shared libraries only, and an unprivileged user ---------
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata libcurl4 libssl3 libspdlog1.10 libfmt9 libzstd1 libdate-tz3 \
      libtomlplusplus3 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin sprintetl \
 && mkdir -p /data && chown sprintetl:sprintetl /data
COPY --from=build /opt/sprintetl /opt/sprintetl
ENV LD_LIBRARY_PATH=/opt/sprintetl/lib
USER sprintetl
WORKDIR /data
ENTRYPOINT ["/opt/sprintetl/bin/sprintetl", "--config", "/data/sprintetl.toml"]
CMD ["run"]
