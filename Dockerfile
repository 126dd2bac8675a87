# Compagnon: one image for the web process (`compagnon serve`), the workers (`compagnon worker`)
# or both (`compagnon start`, the default).
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production

COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# The Prisma client is generated at install (postinstall); no native engine is downloaded.
RUN npm ci && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY locales ./locales
COPY examples ./examples
COPY scripts ./scripts
COPY tsconfig.json ./

RUN mkdir -p /app/media /app/data/journal && chown -R node:node /app/media /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["sh", "-c", "node bin/compagnon.js migrate && node bin/compagnon.js import --if-empty examples/connexions-citoyennes.yaml && exec node bin/compagnon.js start"]
