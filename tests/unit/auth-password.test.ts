import { describe, expect, it } from "vitest";
import { errorCodeOf } from "@/lib/api/errors";
import { InvalidInputError } from "@/lib/errors";
import { assertPasswordPolicy, generatePassword, hashPassword, needsRehash, passwordProblem, SCRYPT_PARAMS, verifyPassword } from "@/lib/auth/password";

describe("hashPassword / verifyPassword", () => {
  it("encodes scrypt$N$r$p$salt$hash with today's parameters, 16-byte salt and 64-byte key", async () => {
    const encoded = await hashPassword("correct horse battery staple");
    const parts = encoded.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", String(2 ** 15), "8", "1"]);
    expect(Buffer.from(parts[4], "base64url")).toHaveLength(SCRYPT_PARAMS.saltLength);
    expect(Buffer.from(parts[5], "base64url")).toHaveLength(64);
    expect(parts[4]).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(needsRehash(encoded)).toBe(false);
  });

  it("verifies the right password only, and salts every hash", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery staple", b)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("treats Unicode canonically (NFC) so the same password typed differently still matches", async () => {
    const composed = "pässwörd-ünïcode";
    const h = await hashPassword(composed);
    expect(await verifyPassword(composed.normalize("NFD"), h)).toBe(true);
  });

  it("verifies hashes made with other (older) parameters, and flags them for rehash", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("an older password!", salt, 32, { N: 1024, r: 8, p: 1 });
    const old = `scrypt$1024$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("an older password!", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it("answers false (never throws) for malformed or hostile stored hashes", async () => {
    const good = await hashPassword("correct horse battery staple");
    const p = good.split("$");
    const bad = [
      "",
      "plaintext",
      `bcrypt$${p.slice(1).join("$")}`,
      [p[0], "1000", ...p.slice(2)].join("$"), // N not a power of two
      [p[0], String(2 ** 24), ...p.slice(2)].join("$"), // N far too large (memory)
      [p[0], p[1], "999", ...p.slice(3)].join("$"), // r too large
      [...p.slice(0, 5), ""].join("$"), // no key
      p.slice(0, 5).join("$"),
    ];
    for (const encoded of bad) {
      expect(await verifyPassword("correct horse battery staple", encoded), encoded).toBe(false);
      expect(needsRehash(encoded)).toBe(true);
    }
  });
});

describe("password policy", () => {
  it("requires at least 12 characters, counting characters not bytes", () => {
    expect(passwordProblem("short-pass1")).toBe("Password must be at least 12 characters long (it has 11)");
    expect(passwordProblem("twelve-chars")).toBeNull();
    expect(passwordProblem("ÿÿÿÿÿÿÿÿÿÿÿ")).toMatch(/at least 12/);
    expect(passwordProblem("x".repeat(1025))).toMatch(/at most 1024/);
  });

  it("rejects the email address as the password, in any case", () => {
    expect(passwordProblem("Alice.Smith@Example.com", "alice.smith@example.com")).toBe("Password must not be the same as the email address");
    expect(passwordProblem("alice.smith@example.com!", "alice.smith@example.com")).toBeNull();
  });

  it("assertPasswordPolicy throws an InvalidInputError (400 bad_request) with the message", () => {
    try {
      assertPasswordPolicy("abc");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(errorCodeOf(err)).toBe("bad_request");
      expect((err as InvalidInputError).message).toMatch(/at least 12 characters/);
    }
  });

  it("generated passwords satisfy the policy and differ", () => {
    const a = generatePassword();
    expect(passwordProblem(a)).toBeNull();
    expect(a).toHaveLength(24);
    expect(generatePassword()).not.toBe(a);
  });
});
