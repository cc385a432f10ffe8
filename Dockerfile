# syntax=docker/dockerfile:1
# Multi-stage build: install and build with the pinned pnpm, then ship only what runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY patches ./patches
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @corroborate/contracts build \
 && pnpm --filter @corroborate/api generate \
 && pnpm --filter @corroborate/api build \
 && pnpm --filter @corroborate/web build \
 && pnpm --filter @corroborate/api deploy --prod --legacy /out/api

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /srv/apps/api
COPY --from=build /out/api ./
COPY --from=build /app/apps/api/dist ./dist
COPY --from=build /app/apps/api/prisma.config.ts ./prisma.config.ts
COPY --from=build /app/apps/api/scripts ./scripts
COPY --from=build /app/apps/web/dist /srv/apps/web/dist
COPY --from=build /app/prisma /srv/prisma
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
