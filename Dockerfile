# syntax=docker/dockerfile:1
# Every image of the platform, built from the repository root:
#   docker build --build-arg SERVICE=incident --build-arg PORT=4101 -t itsm/incident .
#   docker build --target all-in-one -t itsm/platform .   (the demo image of `npm start`)
# SERVICE is an app under apps/ (a context's service or the gateway), PORT its default port: the
# context declarations (apps/platform/src/contexts.ts) hold both, and `npm run validate:deploy`
# checks docker-compose.yml and deploy/ against them.
# The builder compiles the whole monorepo with swc (tools/build.mjs); the default target (the last
# stage) carries only dist/ and the production node_modules, and runs as a non-root user.
FROM node:20.19.5-bookworm-slim AS builder
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools/build.mjs tools/build.mjs
COPY libs libs
COPY apps apps
RUN node tools/build.mjs

FROM builder AS production-modules
RUN npm prune --omit=dev --no-audit --no-fund

# A demo image of the all-in-one mode: every context and the gateway in one process on 4000, the
# in-process event bus (Kafka when KAFKA_BROKERS is set), the embedded MongoDB-wire server unless
# MONGO_URL is set, demo data, and the dev signing key at /app/.itsm/dev-jwt-key.json. Not a
# production image: it keeps the dev dependencies (the embedded server is one) and runs with
# NODE_ENV=development, because production refuses the dev key.
#   docker build --target all-in-one -t itsm/platform . && docker run -p 4000:4000 itsm/platform
FROM node:20.19.5-bookworm-slim AS all-in-one
ENV NODE_ENV=development
WORKDIR /app
COPY --from=builder /app/package.json ./package.json
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
# The dev key is written on first start: the only directory the (non-root) process writes to.
RUN mkdir .itsm && chown 1000:1000 .itsm
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/platform/src/main.js"]

# The portal's own image (microservices mode): its static build and the small node server that
# serves it with its CSP and /portal-config.json (PORTAL_OIDC_* env), behind the same host as the
# gateway (deploy/base/portal-*.yaml). No development key, no persona sign-in.
#   docker build --target portal -t itsm/portal .
FROM node:20.19.5-bookworm-slim AS portal
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=production-modules /app/package.json ./package.json
COPY --from=production-modules /app/node_modules ./node_modules
COPY --from=builder /app/dist/apps/portal/web ./dist/apps/portal/web
COPY --from=builder /app/dist/apps/platform/src/portal ./dist/apps/platform/src/portal
COPY --from=builder /app/dist/libs ./dist/libs
RUN test -f dist/apps/portal/web/index.html
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/platform/src/portal/portal-server-main.js"]

# One service (the default target).
FROM node:20.19.5-bookworm-slim AS runtime
ARG SERVICE
ARG PORT
ENV NODE_ENV=production SERVICE=${SERVICE} PORT=${PORT}
WORKDIR /app
COPY --from=production-modules /app/package.json ./package.json
COPY --from=production-modules /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
# A missing or misspelt SERVICE or PORT fails the build, not the first start.
RUN test -f "dist/apps/${SERVICE}/src/main.js" && test "${PORT}" -gt 0
# uid 1000 is the image's `node` user; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is PID 1 and gets SIGTERM itself (the service kit's bounded shutdown).
CMD ["sh", "-c", "exec node \"dist/apps/${SERVICE}/src/main.js\""]
