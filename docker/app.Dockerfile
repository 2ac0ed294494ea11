# One multi-stage image recipe for every app: `docker build -f docker/app.Dockerfile --build-arg APP=<app> .`
# Stage 1 builds the app's bundle with Nx, stage 2 installs production dependencies only, and the final stage runs
# the bundle as the unprivileged `node` user.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN test -n "${APP}" || (echo 'Pass --build-arg APP=<identity|echo-api|protected-api|gateway|worker>' && exit 1)
RUN NX_DAEMON=false npx nx build "${APP}" --outputStyle=static

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:${NODE_VERSION}-bookworm-slim
ARG APP
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/dist/apps/${APP} ./dist
# Runtime configuration read relative to WORKDIR: config/identity/ (registrations) and config/gateway/ (APIs, policies).
COPY --chown=node:node config ./config
# Runtime state. `certs/` exists in the image so a named volume mounted there starts out owned by `node`
# (docker-compose.yml shares the dev CA that way).
RUN mkdir -p /app/.data/certs && chown -R node:node /app/.data
USER node
# No HEALTHCHECK here: each app listens on its own port and path; docker-compose.yml declares them with
# `node -e "fetch(...)"`, which needs nothing beyond the Node runtime already in the image.
CMD ["node", "dist/main.js"]
