# Keel as one container: the API, WebSockets and the web app on port 3000.
# Build:  docker build -t keel .
# It expects DATABASE_URL (and, for more than one replica, REDIS_URL); see docker-compose.yml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm run build \
 && pnpm deploy --filter @keel/server --prod --legacy /app/deploy \
 && cp -r apps/web/build /app/deploy/web-build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 KEEL_DEMO_DATA=false
WORKDIR /app/apps/server
COPY --from=build /app/deploy /app/apps/server
COPY --from=build /app/deploy/web-build /app/apps/web/build
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
