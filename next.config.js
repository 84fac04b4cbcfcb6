/** @type {import('next').NextConfig} */
const nextConfig = {
  // chDB is a native addon: it must stay a plain Node require, never a bundled chunk. pino too: it resolves
  // its own files (sonic-boom, thread-stream) at run time, which a bundled chunk would not find.
  serverExternalPackages: ["chdb", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
