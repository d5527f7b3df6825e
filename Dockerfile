# Builds the gopy binary, then runs it on a small Debian image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked && cp target/release/gopy /usr/local/bin/gopy

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/gopy --create-home gopy
COPY --from=build /usr/local/bin/gopy /usr/local/bin/gopy
USER gopy
WORKDIR /var/lib/gopy
ENV GOPY_BIND=0.0.0.0:8080 GOPY_DATA_DIR=/var/lib/gopy/data
EXPOSE 8080
CMD ["gopy", "serve"]
