# One image for the api and the worker (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# The Temporal CLI and test server are for local runs and tests, not for the image.
ENV OCMW_SKIP_TOOLS=1
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY workflows ./workflows
COPY activities ./activities
COPY libs ./libs
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# workflows/ sources are bundled by the worker at start from dist/workflows.
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
