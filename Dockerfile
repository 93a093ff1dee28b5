# Hiroba: the built JavaScript on Node 20. Build: docker build -t hiroba .
# Run:   docker run -d --name hiroba --env-file hiroba.env -p 3000:3000 -v hiroba-data:/data hiroba
# The database lives on the /data volume; back it up with: docker exec hiroba node dist/cli.js backup /data/backup-$(date +%F).db

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HIROBA_DB=/data/hiroba.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# 503 when the database is locked, full or unreadable (README, "Health").
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) drains the outbox worker and the scheduler, then closes the database.
STOPSIGNAL SIGTERM
CMD ["node", "dist/cli.js", "start"]
