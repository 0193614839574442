# Burnrate image: the web app and the worker (same image, different command; see docker-compose.yml).
#   docker build -t burnrate .
#   app:    the boot sequence of `npm start` (scripts/boot.mjs: migrations, price catalog, headless init),
#           then `next start` (the default command)
#   worker: docker run … burnrate node_modules/.bin/tsx workers/index.ts

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# npm 11 honours package.json "allowScripts" (denies the scripts that would download Prisma engines).
RUN npm install -g npm@11 --no-fund --no-audit

# Dependencies, cached until the lockfile or the Prisma schema changes (postinstall runs prisma generate).
FROM base AS deps
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
RUN npm ci

FROM base AS build
COPY . .
# Whatever the build context held (with or without a .dockerignore), use the clean install from deps.
RUN rm -rf node_modules .next .data lib/db/generated
COPY --from=deps /app/node_modules ./node_modules
# lib/env validates at build time too: placeholders that are never used at run time.
RUN node_modules/.bin/prisma generate \
 && DATABASE_URL=postgresql://build@localhost:5432/build REDIS_URL=redis://localhost:6379 \
    NEXTAUTH_SECRET=build-time-placeholder-not-used-at-run-time \
    node_modules/.bin/next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
# The BURNRATE_INIT_* secrets are for the headless init only: unset before the web app starts.
CMD ["sh", "-c", "set -e; node scripts/boot.mjs --prepare-only --no-build; for v in $(env | sed -n 's/^\\(BURNRATE_INIT_[A-Z_]*\\)=.*/\\1/p'); do unset \"$v\"; done; exec env NEXT_MANUAL_SIG_HANDLE=1 node --max-semi-space-size=64 --require ./scripts/lib/web-drain.cjs node_modules/next/dist/bin/next start -H 0.0.0.0 -p \"$PORT\""]
