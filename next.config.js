/** @type {import('next').NextConfig} */
const nextConfig = {
  // chDB is a native addon: it must stay a plain Node require, never a bundled chunk.
  serverExternalPackages: ["chdb", "better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
