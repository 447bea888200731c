# syntax=docker/dockerfile:1
# amiport's Slack app. Build: docker build -t amiport .   Run: see README.md, "Deploy the container".

# Build stage: dev dependencies and the TypeScript compiler.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# the build checks the data and stamps it, so the app starts without loading zod
COPY data ./data
RUN npm run build

# Runtime stage: production dependencies, compiled JavaScript and the data; nothing else.
FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    SLACK_MODE=http \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1's only child of note and receives SIGTERM itself (not npm, not a shell)
CMD ["node", "--enable-source-maps", "dist/main.js"]
