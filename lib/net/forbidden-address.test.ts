import { describe, expect, it } from "vitest";
import { checkOutboundUrl } from "./check-url";
import { forbiddenReason } from "./forbidden-address";

describe("forbiddenReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local (incl. cloud metadata)"],
    ["169.254.0.1", "link-local (incl. cloud metadata)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "unique local (private)"],
    ["fd12:3456::1", "unique local (private)"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local (incl. cloud metadata)"],
    ["::ffff:a9fe:a9fe", "link-local (incl. cloud metadata)"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::127.0.0.1", "loopback"],
  ])("%s is refused as %s", (ip, reason) => {
    expect(forbiddenReason(ip)).toBe(reason);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "172.15.255.255",
    "100.128.0.1",
    "169.255.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("%s is public", (ip) => {
    expect(forbiddenReason(ip)).toBeNull();
  });
});

describe("checkOutboundUrl", () => {
  const deny = { allowPrivate: false };
  it.each([
    "http://localhost:8080/hook",
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://[::1]:3000/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "https://10.0.0.5/",
    "http://[fd00::5]/",
  ])("refuses %s", async (url) => {
    await expect(checkOutboundUrl(url, "url", deny)).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("refuses a name resolving to 127.0.0.1 (localhost) and names the field", async () => {
    await expect(checkOutboundUrl("http://localhost/x", "slackWebhookUrl", deny)).rejects.toMatchObject({
      issues: [{ path: "slackWebhookUrl", message: expect.stringContaining("127.0.0.1") }],
    });
  });

  it("refuses a name when any of its addresses is private", async () => {
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ];
    await expect(checkOutboundUrl("https://mixed.example/", "url", { ...deny, resolve })).rejects.toThrow(/private/);
  });

  it("refuses non-http(s) schemes even when private URLs are allowed", async () => {
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/"]) {
      await expect(checkOutboundUrl(url, "url", { allowPrivate: true })).rejects.toThrow(/http/);
    }
  });

  it("accepts a public address and returns it to connect to", async () => {
    const resolve = async () => [{ address: "93.184.216.34", family: 4 }];
    const checked = await checkOutboundUrl("https://hooks.example/x", "url", { ...deny, resolve });
    expect(checked).toMatchObject({ address: "93.184.216.34", family: 4 });
    expect(checked.url.hostname).toBe("hooks.example");
  });

  it("allows private addresses only with allowPrivate", async () => {
    const checked = await checkOutboundUrl("http://127.0.0.1:9/", "url", { allowPrivate: true });
    expect(checked.address).toBe("127.0.0.1");
  });
});
