# syntax=docker/dockerfile:1
# Multi-stage build: compile in one stage, run the compiled service as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=1
COPY package.json package-lock.json .puppeteerrc.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY src ./src
COPY playground ./playground
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3000
# Chart text in `baton report --png` and the weekly digest needs a font.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json baton.config.example.yml ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node prisma ./prisma
USER node
# 3000: the web process (PORT). 9464: /metrics of a container running `baton worker` (WORKER_METRICS_PORT).
EXPOSE 3000 9464
# Healthy when the web (PORT) or, in a `baton worker` container, the worker's metrics port answers /healthz.
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "const ok=(p)=>fetch('http://127.0.0.1:'+p+'/healthz').then(r=>r.ok?true:Promise.reject()); Promise.any([ok(process.env.PORT||3000), ok(process.env.WORKER_METRICS_PORT||9464)]).then(()=>process.exit(0),()=>process.exit(1))"
# `start` runs web + worker and applies pending migrations; run `web` and `worker` separately to scale out.
CMD ["node", "bin/baton.js", "start"]
