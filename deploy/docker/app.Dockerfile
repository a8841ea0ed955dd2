# One image for api, workers, migrate and cli; the command picks the process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# As deploy/node-runtime.env says, and why.
ENV NODE_OPTIONS=--max-semi-space-size=4 MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bpmn ./bpmn
COPY --from=build /app/package.json ./
# The uploaded documents' volume (DOCUMENT_STORAGE_DIR in compose): a new named volume takes this
# folder's owner, so the node user can write it.
RUN mkdir -p /documents && chown node:node /documents
USER node
CMD ["node", "dist/apps/api/src/main.js"]
